/** The search over the real titles of the shared IMDb sample (78k rows, all title types). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createTitleSearch } from '../../../src/core/search/index.ts';
import { catalogOf, type Row } from './catalog.ts';

const SAMPLE = resolve(import.meta.dirname, '../../../../shared/data/imdb-sample');
const BASICS = `${SAMPLE}/title.basics.tsv.gz`;

function readRows(): Row[] {
  const votes = new Map<string, [number, number]>();
  for (const line of gunzipSync(readFileSync(`${SAMPLE}/title.ratings.tsv.gz`))
    .toString('utf8')
    .split('\n')
    .slice(1)) {
    const [id, rating, n] = line.split('\t');
    if (id && n) votes.set(id, [Number(rating), Number(n)]);
  }
  const rows: Row[] = [];
  for (const line of gunzipSync(readFileSync(BASICS)).toString('utf8').split('\n').slice(1)) {
    const f = line.split('\t');
    if (f.length < 9 || f[1] !== 'movie') continue;
    const [rating, n] = votes.get(f[0]!) ?? [0, 0];
    rows.push({
      id: f[0]!,
      title: f[2]!,
      originalTitle: f[3] === f[2] ? '' : f[3]!,
      year: Number(f[5]) || 0,
      rating,
      votes: n,
    });
  }
  return rows;
}

test(
  'real IMDb sample titles',
  { skip: existsSync(BASICS) ? false : 'no ../shared/data: IMDb sample absent' },
  () => {
    const rows = readRows();
    const catalog = catalogOf(rows);
    const search = createTitleSearch(catalog);
    const id = (q: string) => {
      const r = search.resolve(q);
      return 'index' in r ? catalog.id.get(r.index) : undefined;
    };
    const first = (q: string) => catalog.id.get(search.search(q, 1)[0]?.index ?? -1);
    assert.ok(catalog.size > 40_000, `only ${catalog.size} movies in the sample`);
    assert.equal(first('godf'), 'tt0068646');
    assert.equal(first('shawshank redemtion'), 'tt0111161');
    assert.equal(first('park jur'), 'tt0107290');
    assert.equal(id('the godfahter'), 'tt0068646');
    assert.equal(id('amelie'), 'tt0211915');
    assert.equal(id('Blade Runner 2049'), 'tt1856101');
    assert.equal(id('tt0111161'), 'tt0111161');
  },
);
