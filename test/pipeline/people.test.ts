import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { ingest } from '../../src/pipeline/ingest.ts';
import { buildCatalog } from '../../src/pipeline/catalog.ts';
import { buildPeople, describePeople, type PeopleDetails } from '../../src/pipeline/people.ts';
import { memoryLogger } from '../../src/core/log.ts';
import type { PeopleJson } from '../../src/core/model-people.ts';
import { defaultTables, writeImdbFixture } from '../helpers/imdb-fixture.ts';

const SAMPLE = join(import.meta.dirname, '../../../shared/data/imdb-sample');

async function peopleOf(dir: string): Promise<{ db: Db; ids: string[]; people: PeopleDetails }> {
  const db = await openDatabase();
  await ingest(db, dir, mkdtempSync(join(tmpdir(), 'kinema-cache-')), memoryLogger());
  const catalog = await buildCatalog(db, { preset: 'kinema', minVotes: 100, year: 2026, bayesM: 1000 });
  return { db, ids: catalog.id, people: await buildPeople(db, memoryLogger()) };
}

function names(p: PeopleJson, role: 'directors' | 'writers' | 'cast', row: number): string[] {
  const c = p[role];
  return c.items.slice(c.offsets[row], c.offsets[row + 1]).map((i) => p.name[i]!);
}

test('people: crew in IMDb order, top 5 billed cast, missing names left empty and counted', async () => {
  const tables = defaultTables();
  tables['title.crew']!.push([
    'tt0000009',
    'nm0000005,nm0000004',
    'nm0000010,nm0000011,nm0000012,nm0000013,nm0000014,nm0000015',
  ]);
  for (const [ordering, nconst, category] of [
    [7, 'nm0000020', 'actor'],
    [3, 'nm0000021', 'actress'],
    [1, 'nm0000022', 'self'],
    [2, 'nm0000004', 'director'],
    [4, 'nm0000023', 'actor'],
    [9, 'nm0000024', 'actor'],
    [5, 'nm0000025', 'actress'],
    [8, 'nm0000026', 'actor'],
  ] as const) {
    tables['title.principals']!.push(['tt0000009', ordering, nconst, category, null, null]);
  }
  for (const nm of ['04', '05', '10', '11', '12', '13', '14', '20', '21', '22', '23', '24', '25']) {
    tables['name.basics']!.push([`nm00000${nm}`, `Person ${nm}`, null, null, '', null]);
  }
  const { db, ids, people } = await peopleOf(writeImdbFixture(tables));
  const nine = ids.indexOf('tt0000009');
  const opera = ids.indexOf('tt0000020');
  assert.deepEqual(names(people, 'directors', nine), ['Person 05', 'Person 04']);
  assert.deepEqual(names(people, 'writers', nine), [
    'Person 10',
    'Person 11',
    'Person 12',
    'Person 13',
    'Person 14',
  ]);
  // orderings 1, 3, 4, 5, 7 (ordering 2 is a director, not cast); nm0000026 at 8 is cut
  assert.deepEqual(names(people, 'cast', nine), [
    'Person 22',
    'Person 21',
    'Person 23',
    'Person 25',
    'Person 20',
  ]);
  assert.deepEqual(names(people, 'directors', opera), ['Gee Lucas']);
  assert.deepEqual(names(people, 'writers', opera), ['Gee Lucas', 'Writer Two']);
  assert.deepEqual(names(people, 'cast', opera), ['Mark Actor']);
  // a person in the crew without a name.basics row: kept for the similarity, no name, counted
  tables['title.crew']![1] = ['tt0000009', 'nm0000099', null];
  const again = await peopleOf(writeImdbFixture(tables));
  assert.deepEqual(names(again.people, 'directors', again.ids.indexOf('tt0000009')), ['']);
  assert.equal(again.people.unnamed, 1);
  assert.equal(people.unnamed, 0);
  // the movies with a director, writer or cast row
  const credited = ids.filter((_, m) =>
    (['directors', 'writers', 'cast'] as const).some(
      (r) => people[r].offsets[m + 1]! > people[r].offsets[m]!,
    ),
  );
  assert.ok(credited.includes('tt0000009'));
  assert.equal(people.moviesWithPeople, credited.length);
  // one list entry per catalog row; ids sorted by nconst number
  for (const role of ['directors', 'writers', 'cast'] as const)
    assert.equal(people[role].offsets.length, ids.length + 1);
  assert.deepEqual([...people.id].sort(), people.id);
  db.close();
  again.db.close();
});

test(
  'people on the real IMDb sample match title.principals and name.basics read directly',
  { skip: existsSync(SAMPLE) ? false : 'no ../shared/data/imdb-sample here' },
  async () => {
    const { db, ids, people } = await peopleOf(SAMPLE);
    const tsv = (name: string) =>
      gunzipSync(readFileSync(join(SAMPLE, `${name}.tsv.gz`)))
        .toString('utf8')
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split('\t'));
    const nameOf = new Map(tsv('name.basics').map((r) => [r[0]!, r[1]!]));
    const cast = new Map<string, [number, string][]>();
    for (const r of tsv('title.principals')) {
      if (!['actor', 'actress', 'self'].includes(r[3]!)) continue;
      if (!cast.has(r[0]!)) cast.set(r[0]!, []);
      cast.get(r[0]!)!.push([Number(r[1]), r[2]!]);
    }
    let checked = 0;
    ids.forEach((id, row) => {
      const expected = (cast.get(id) ?? [])
        .sort((a, b) => a[0] - b[0])
        .slice(0, 5)
        .map(([, nm]) => nameOf.get(nm) ?? '');
      assert.deepEqual(names(people, 'cast', row), expected, id);
      if (expected.length) checked++;
    });
    assert.ok(checked > 50, `only ${checked} sample movies have cast`);
    db.close();
  },
);

test('people: cast characters parsed from the JSON-like list, details and known-for films from name.basics', async () => {
  const tables = defaultTables();
  tables['title.principals']!.push(
    ['tt0000009', 1, 'nm0000030', 'actor', null, '["Bruce Wayne","Batman"]'],
    ['tt0000009', 2, 'nm0000031', 'actress', null, null],
  );
  tables['name.basics']!.push(
    ['nm0000030', 'Chris Bale', 1974, null, 'actor,producer', 'tt0000009'],
    ['nm0000031', 'Old Star', 1900, 1980, 'actress', null],
    ['nm0000032', 'Famous Director', 1962, null, 'director,writer', 'tt0000016,tt9999999'],
  );
  const { db, ids, people } = await peopleOf(writeImdbFixture(tables));
  const nine = ids.indexOf('tt0000009');
  const at = people.cast.offsets[nine]!;
  assert.deepEqual(names(people, 'cast', nine), ['Chris Bale', 'Old Star']);
  assert.deepEqual(people.characters!.slice(at, at + 2), ['Bruce Wayne / Batman', '']);
  const old = people.id.indexOf('nm0000031');
  assert.equal(people.birthYear![old], 1900);
  assert.equal(people.deathYear![old], 1980);
  assert.equal(people.professions![people.id.indexOf('nm0000030')], 'actor,producer');
  // known for a catalog movie, with no crew or cast row: listed for pages, not in the three role lists
  const famous = people.id.indexOf('nm0000032');
  const film = ids.indexOf('tt0000016');
  assert.ok(famous >= 0);
  assert.deepEqual(people.known!.items.slice(people.known!.offsets[film], people.known!.offsets[film + 1]), [
    famous,
  ]);
  for (const role of ['directors', 'writers', 'cast'] as const)
    assert.ok(!people[role].items.includes(famous));
  db.close();
});

test('people: the summary counts people, movies with credits and the unnamed', () => {
  const p = {
    id: ['nm1', 'nm2', 'nm3'],
    directors: { offsets: [0, 1, 1, 2], items: [0, 1] },
    unnamed: 1,
    moviesWithPeople: 2,
  } as unknown as PeopleDetails;
  assert.equal(describePeople(p), '3 people for 2 of 3 movies; 1 not in name.basics (left out of pages)');
  assert.equal(describePeople({ ...p, unnamed: 0 }), '3 people for 2 of 3 movies');
});
