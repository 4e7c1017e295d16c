import assert from 'node:assert/strict';
import test from 'node:test';
import { IdLineFilter, IdSet, type LineRule } from '../../src/pipeline/id-line-filter.ts';

const run = (rule: LineRule, text: string, chunk = text.length) => {
  const filter = new IdLineFilter(rule);
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(...filter.push(bytes.subarray(i, i + chunk)));
  parts.push(...filter.end());
  return { text: Buffer.concat(parts).toString(), filter };
};

const movies = IdSet.from([1, 3, 40], 40);
const titles = [
  'tconst\tx',
  'tt0000001\ta', // 2: kept
  'tt0000002\tb', // dropped
  'tt0000003\tc', // 4: kept
  'tt0000004\td', // dropped
  'tt0000005\te', // dropped
  'garbage line', // 7: kept, DuckDB judges it
  'tt0000040\tf', // 8: kept
  'tt9\tg', // dropped
].join('\n');

test('keeps the header, lines about titles in the set and lines that name no id; drops the rest', () => {
  const { text } = run({ prefix: 'tt', ids: movies }, titles);
  assert.equal(text, 'tconst\tx\ntt0000001\ta\ntt0000003\tc\ngarbage line\ntt0000040\tf\n');
});

test('gives the same bytes however the input is cut into chunks', () => {
  const whole = run({ prefix: 'tt', ids: movies }, titles).text;
  for (const chunk of [1, 2, 3, 7, 13]) {
    const { text, filter } = run({ prefix: 'tt', ids: movies }, titles, chunk);
    assert.equal(text, whole);
    assert.equal(filter.newlines, titles.split('\n').length - 1, 'every newline of the input counted');
  }
});

test('maps a line of the output back to its line in the file', () => {
  const { filter } = run({ prefix: 'tt', ids: movies }, titles, 5);
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((l) => filter.inputLine(l)),
    [1, 2, 4, 7, 8],
  );
});

test('passes ids too long for the set, ids without a tab after them and a last line without a newline', () => {
  const text = 'h\ntt1234567890123\tlong\ntt12x\tbad\ntt2';
  assert.equal(run({ prefix: 'tt', ids: movies }, text).text, 'h\ntt1234567890123\tlong\ntt12x\tbad\ntt2');
  assert.equal(run({ prefix: 'tt', ids: movies }, 'h\ntt1\tlast').text, 'h\ntt1\tlast');
});

test('names: kept when credited, or known for a movie in the list column', () => {
  const people = IdSet.from([7], 7);
  const rule: LineRule = { prefix: 'nm', ids: people, listed: { column: 2, titles: movies } };
  const text = [
    'nconst\tname\tknownFor',
    'nm7\tCredited\ttt2', // kept: credited
    'nm8\tKnown\ttt2,tt40', // kept: known for tt40
    'nm9\tNeither\ttt2,tt4', // dropped
    'nm10\tNothing\t\\N', // dropped
    'nm11\tOdd\tx,tt2', // kept: not a list of ids
    'nm12\tShort', // kept: too few columns
  ].join('\n');
  const kept = run(rule, text)
    .text.split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t')[0]);
  assert.deepEqual(kept, ['nconst', 'nm7', 'nm8', 'nm11', 'nm12']);
});

test('by a field: only lines with exactly that text in the column pass, and lines too short to say', () => {
  const text = [
    'tconst\ttitleType\tprimaryTitle',
    'tt1\tmovie\tKept',
    'tt2\ttvMovie\tDropped: longer',
    'tt3\tshort\tDropped: other text',
    'tt4\tmov\tDropped: shorter',
    'tt5', // kept: no second field, DuckDB judges it
    'tt6\tmovie', // kept: the field ends the line
    'tt7\tmovies\tDropped',
  ].join('\n');
  const rule: LineRule = { column: 1, value: 'movie' };
  const whole = run(rule, text).text;
  assert.equal(whole, 'tconst\ttitleType\tprimaryTitle\ntt1\tmovie\tKept\ntt5\ntt6\tmovie\n');
  for (const chunk of [1, 4, 9]) assert.equal(run(rule, text, chunk).text, whole);
});
