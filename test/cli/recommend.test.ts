import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { range } from '../../src/cli/options.ts';

const BIN = join(import.meta.dirname, '../../bin/kinema.js');
const MODEL = mkdtempSync(join(tmpdir(), 'kinema-rec-'));
writeFixtureModel(MODEL);

function kinema(...args: string[]) {
  const env = { ...process.env };
  delete env['KINEMA_MODEL'];
  return spawnSync(process.execPath, [BIN, 'recommend', '--model', MODEL, ...args], {
    encoding: 'utf8',
    env,
  });
}

test('kinema recommend: a misspelt title resolves and lists explained recommendations', () => {
  const r = kinema('the godfathr', '--limit', '2');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'More like The Godfather (1972)');
  assert.match(
    lines[1]!,
    /^ {2}1\. The Godfather Part II \(1974\) {2}Crime, Drama {2}★ 9\.0 {2}1\.4M votes {2}tt0071562$/,
  );
  assert.match(lines[2]!, /^ {5}The next Godfather film, directed by Francis Ford Coppola/);
  assert.equal(lines.length, 5);
});

test('kinema recommend: accents, a year to pick between remakes, and tt ids', () => {
  const dune = kinema('Dune (1984)', '--json', '--limit', '1');
  assert.equal(dune.status, 0, dune.stderr);
  assert.equal(JSON.parse(dune.stdout).heading, 'More like Dune (1984)');
  const amelie = kinema('amelie', '--json', '--limit', '1');
  assert.equal(JSON.parse(amelie.stdout).heading, 'More like Amélie (2001)');
  const id = kinema('tt0075148', '--json', '--limit', '1');
  assert.equal(JSON.parse(id.stdout).results[0].id, 'tt0079817');
  assert.deepEqual(JSON.parse(amelie.stdout).movie, { id: 'tt0211915', title: 'Amélie', year: 2001 });
  assert.equal(JSON.parse(dune.stdout).movie.id, 'tt0087182', 'the resolved movie, not only its name');
});

test("kinema recommend --tune: the title's own list, re-ranked in the direction asked", () => {
  const years = (r: ReturnType<typeof kinema>) =>
    (JSON.parse(r.stdout) as { results: { year: number }[] }).results.map((m) => m.year);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const plain = kinema('The Godfather', '--json', '--limit', '5');
  const newer = kinema('The Godfather', '--tune', 'newer', '--json', '--limit', '5');
  assert.equal(newer.status, 0, newer.stderr);
  assert.equal(JSON.parse(newer.stdout).heading, 'More like The Godfather (1972), but newer');
  assert.ok(mean(years(newer)) > mean(years(plain)), `${years(newer)} vs ${years(plain)}`);
  const two = kinema('The Godfather', '--tune', 'newer', '--tune', 'lighter,newer', '--limit', '2');
  assert.equal(two.stdout.split('\n')[0], 'More like The Godfather (1972), but newer, lighter');
  const bad = kinema('The Godfather', '--tune', 'funnier');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown move "funnier"; one of newer, older/);
  const taste = kinema('--like', 'The Godfather', '--tune', 'newer');
  assert.equal(taste.status, 2);
  assert.match(taste.stderr, /--tune re-ranks the list of one title/);
});

const RATINGS = join(import.meta.dirname, '../fixtures/ratings');

test('kinema recommend --ratings: IMDb and Letterboxd exports as one taste, unmatched rows listed', () => {
  const r = kinema(
    '--ratings',
    join(RATINGS, 'imdb-ratings.csv'),
    '--ratings',
    join(RATINGS, 'letterboxd-ratings.csv'),
    '--json',
    '--limit',
    '5',
  );
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    liked: { id: string }[];
    unmatched: { line: number; title: string }[];
    results: { id: string }[];
  };
  assert.deepEqual(out.liked.map((m) => m.id).sort(), [
    'tt0068646',
    'tt0071562',
    'tt0076759',
    'tt0211915',
    'tt1160419',
  ]);
  assert.deepEqual(
    out.unmatched.map((u) => `${u.title}:${u.line}`),
    ['Breaking Bad:6', 'Paddington 2:6', 'Goodfellas:7'],
  );
  // everything rated is seen: never recommended back
  const rated = ['tt0081505', 'tt0107048', 'tt0087182', 'tt0075148', ...out.liked.map((m) => m.id)];
  for (const m of out.results) assert.ok(!rated.includes(m.id), m.id);
  assert.match(
    r.stderr,
    /imdb-ratings\.csv: 1 of 6 rows matched no movie in this catalog: Breaking Bad \(2008\) line 6/,
  );
  // a stricter threshold leaves The Godfather alone as a like
  const strict = kinema('--ratings', join(RATINGS, 'imdb-ratings.csv'), '--like-at', '9', '--json');
  assert.deepEqual(
    (JSON.parse(strict.stdout) as { liked: { id: string }[] }).liked.map((m) => m.id),
    ['tt0068646'],
  );
});

test('kinema recommend --ratings: a bad file exits 2 naming the line; watched-only has no likes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-ratings-'));
  const bad = join(dir, 'ratings.csv');
  writeFileSync(bad, 'Const,Your Rating,Title,Year\ntt0068646,10,"The Godfather,1972\n');
  const r = kinema('--ratings', bad);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /ratings\.csv:2: a quoted field is never closed/);
  const watched = kinema('--ratings', join(RATINGS, 'letterboxd-watched.csv'));
  assert.equal(watched.status, 2);
  assert.match(watched.stderr, /no liked movie among the imported ratings/);
  assert.equal(kinema('--ratings', join(dir, 'absent.csv')).status, 2);
});

test('kinema recommend: taste profile with filters, as JSON', () => {
  const r = kinema(
    '--like',
    'Rocky',
    '--like',
    'Psycho',
    '--dislike',
    'The Shining',
    '--year',
    '1950-1985',
    '--not-genre',
    'crime',
    '--json',
    '--limit',
    '5',
  );
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.heading, 'For someone who liked Rocky (1976), Psycho (1960)');
  assert.ok(out.results.length > 0);
  for (const m of out.results) {
    assert.ok(!['tt0075148', 'tt0054215', 'tt0081505'].includes(m.id));
    assert.ok(m.year >= 1950 && m.year <= 1985 && !m.genres.includes('Crime'));
    assert.match(m.explanation.sentence, /^Because you liked (Rocky|Psycho): /);
  }
  assert.equal(out.results[0].id, 'tt0079817');
  assert.deepEqual(
    [out.liked.map((m: { id: string }) => m.id), out.disliked.map((m: { id: string }) => m.id)],
    [['tt0075148', 'tt0054215'], ['tt0081505']],
  );
});

test('kinema recommend --json: errors are JSON on stdout with the exit code of the scheme', () => {
  const unknown = kinema('Rockyy Balboa Returns', '--json');
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr, '');
  const error = JSON.parse(unknown.stdout).error;
  assert.equal(error.code, 'bad-input');
  assert.equal(error.exitCode, 2);
  assert.match(error.message, /no movie in the model matches "Rockyy Balboa Returns"/);
  assert.match(error.hint, /did you mean|check the spelling/);
  // caught by commander: the same scheme, still JSON
  const flag = kinema('Rocky', '--limit', 'x', '--json');
  assert.equal(flag.status, 2);
  assert.equal(flag.stderr, '');
  assert.deepEqual(Object.keys(JSON.parse(flag.stdout).error), ['code', 'message', 'hint', 'exitCode']);
  assert.match(JSON.parse(flag.stdout).error.message, /--limit must be a whole number/);
  const missing = kinema('Rocky', '--model', join(MODEL, 'nope'), '--json');
  assert.equal(missing.status, 1);
  assert.equal(JSON.parse(missing.stdout).error.code, 'model');
});

test('kinema recommend: an unknown title suggests close ones and exits 2', () => {
  const r = kinema('Rockyy Balboa Returns');
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^kinema: no movie in the model matches "Rockyy Balboa Returns"\n/);
  const none = kinema('qqqqqqqq');
  assert.equal(none.status, 2);
  assert.match(none.stderr, /try: (did you mean|check the spelling)/);
});

test('kinema recommend: cold start lists and bad flags', () => {
  const popular = kinema('--json', '--limit', '3');
  assert.deepEqual(
    JSON.parse(popular.stdout).results.map((m: { id: string }) => m.id),
    ['tt0068646', 'tt0076759', 'tt0071562'],
  );
  const gems = kinema('--gems', '--json');
  assert.equal(JSON.parse(gems.stdout).heading, 'Hidden gems');
  const bad = kinema('Rocky', '--genre', 'Cartoon');
  assert.equal(bad.status, 2, 'a usage error caught by commander exits 2, like one kinema catches');
  assert.match(bad.stderr, /unknown genre "Cartoon"/);
  const missing = spawnSync(process.execPath, [BIN, 'recommend', 'Rocky', '--model', join(MODEL, 'nope')], {
    encoding: 'utf8',
  });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no model folder at/);
});

test('ranges: 1990-1999, open ends and single years', () => {
  assert.deepEqual(range('--year')('1990-1999'), { min: 1990, max: 1999 });
  assert.deepEqual(range('--year')('2000-'), { min: 2000, max: undefined });
  assert.deepEqual(range('--year')('-1979'), { min: undefined, max: 1979 });
  assert.deepEqual(range('--year')('1995'), { min: 1995, max: 1995 });
  assert.throws(() => range('--year')('1999-1990'), /empty/);
  assert.throws(() => range('--runtime')('abc'), /--runtime must look like/);
});
