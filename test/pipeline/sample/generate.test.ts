import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateSample, type SampleFile } from '../../../src/pipeline/sample/generate.ts';
import { IMDB_TABLES, type ImdbTable } from '../../../src/core/tables.ts';
import { GENRES } from '../../../src/core/genres.ts';
import { KinemaError } from '../../../src/core/errors.ts';
import { memoryLogger } from '../../../src/core/log.ts';

const REAL = resolve(import.meta.dirname, '../../../../shared/data/imdb-sample');
const SCALE = 0.0005; // 5,750 titles, 7,000 people
let root: string;
let files: SampleFile[];
const rows = new Map<ImdbTable, string[][]>();
const col = (table: ImdbTable, name: string) =>
  IMDB_TABLES.find((t) => t.name === table)!.columns.indexOf(name);

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'kinema-sample-'));
  files = await generateSample({ scale: SCALE, out: join(root, 'a'), seed: 7 }, { log: memoryLogger() });
  for (const t of IMDB_TABLES) {
    const lines = gunzipSync(readFileSync(join(root, 'a', t.file)))
      .toString('utf8')
      .split('\n');
    assert.equal(lines.pop(), '', `${t.file} ends with a newline`);
    rows.set(
      t.name,
      lines.map((l) => l.split('\t')),
    );
  }
});
after(() => rmSync(root, { recursive: true, force: true }));

test('writes the six files with the official headers and nothing else', () => {
  assert.deepEqual(readdirSync(join(root, 'a')).sort(), IMDB_TABLES.map((t) => t.file).sort());
  for (const t of IMDB_TABLES) assert.deepEqual(rows.get(t.name)![0], t.columns, t.file);
  const counts = Object.fromEntries(files.map((f) => [f.table, f.rows]));
  for (const t of IMDB_TABLES)
    assert.equal(counts[t.name], rows.get(t.name)!.length - 1, `${t.file} row count`);
  // proportions of the real files (11.5M basics, 53M akas, 1.6M ratings, 90M principals, 14M names)
  const per = (t: ImdbTable) => counts[t]! / counts['title.basics']!;
  assert.equal(counts['title.basics'], 5750);
  assert.equal(counts['name.basics'], 7000);
  assert.ok(per('title.akas') > 4 && per('title.akas') < 5.3, `akas per title ${per('title.akas')}`);
  assert.ok(
    per('title.principals') > 7 && per('title.principals') < 8.7,
    `principals per title ${per('title.principals')}`,
  );
  assert.ok(
    per('title.ratings') > 0.11 && per('title.ratings') < 0.17,
    `ratings per title ${per('title.ratings')}`,
  );
});

test(
  'headers match the real IMDb sample',
  { skip: existsSync(REAL) ? false : `no ../shared/data: ${REAL} is absent` },
  () => {
    for (const t of IMDB_TABLES) {
      const real = gunzipSync(readFileSync(join(REAL, t.file))).toString('utf8');
      assert.equal(real.slice(0, real.indexOf('\n')), t.columns.join('\t'), t.file);
    }
  },
);

test('every row has the right field count, no empty field except professions, no CR, keys in order', () => {
  for (const t of IMDB_TABLES) {
    const body = rows.get(t.name)!.slice(1);
    let last = -1;
    let lastOrdering = 0;
    for (const [n, fields] of body.entries()) {
      const where = `${t.file} line ${n + 2}`;
      assert.equal(fields.length, t.columns.length, where);
      fields.forEach((f, i) => {
        if (t.columns[i] !== 'primaryProfession') assert.notEqual(f, '', `${where} ${t.columns[i]} is empty`);
        assert.ok(!f.includes('\r'), where);
      });
      const key = Number(fields[0]!.slice(2));
      assert.match(fields[0]!, /^(tt|nm)\d{7,}$/, where);
      const ordering = t.columns[1] === 'ordering' ? Number(fields[1]) : 0;
      assert.ok(key > last || (key === last && ordering === lastOrdering + 1), `${where}: keys out of order`);
      if (key !== last && ordering) assert.equal(ordering, 1, `${where}: ordering starts at 1`);
      last = key;
      lastOrdering = ordering;
    }
  }
});

test('referential integrity: titles and people referred to exist', () => {
  const titles = new Set(
    rows
      .get('title.basics')!
      .slice(1)
      .map((r) => r[0]!),
  );
  const people = new Set(
    rows
      .get('name.basics')!
      .slice(1)
      .map((r) => r[0]!),
  );
  const list = (v: string) => (v === '\\N' ? [] : v.split(','));
  for (const t of ['title.akas', 'title.ratings', 'title.crew', 'title.principals'] as const) {
    for (const r of rows.get(t)!.slice(1)) assert.ok(titles.has(r[0]!), `${t}: ${r[0]} not in title.basics`);
  }
  for (const r of rows.get('title.crew')!.slice(1)) {
    for (const p of [...list(r[1]!), ...list(r[2]!)])
      assert.ok(people.has(p), `title.crew: ${p} not in name.basics`);
  }
  for (const r of rows.get('title.principals')!.slice(1)) assert.ok(people.has(r[2]!), `principals: ${r[2]}`);
  for (const r of rows.get('name.basics')!.slice(1)) {
    for (const k of list(r[5]!)) assert.ok(titles.has(k), `knownForTitles: ${k} not in title.basics`);
  }
});

test('realistic shapes: types, adult share, years, genres, ratings, votes, akas regions', () => {
  const basics = rows.get('title.basics')!.slice(1);
  const types = new Map<string, number>();
  for (const r of basics) types.set(r[1]!, (types.get(r[1]!) ?? 0) + 1);
  for (const t of ['tvEpisode', 'short', 'movie', 'tvSeries', 'video', 'tvMovie'])
    assert.ok(types.get(t), `no ${t}`);
  assert.ok(types.get('tvEpisode')! > 0.7 * basics.length && types.get('movie')! > 0.04 * basics.length);
  const adult = basics.filter((r) => r[4] === '1').length / basics.length;
  assert.ok(adult > 0.01 && adult < 0.035, `adult share ${adult}`);
  assert.ok(basics.every((r) => r[4] === '0' || r[4] === '1'));
  const years = basics.map((r) => r[5]!);
  assert.ok(years.includes('\\N'), 'some unknown years');
  assert.ok(
    years.some((y) => Number(y) > 2026),
    'some unreleased titles',
  );
  const known = years
    .filter((y) => y !== '\\N')
    .map(Number)
    .sort((a, b) => a - b);
  assert.ok(known[Math.floor(known.length / 2)]! >= 2005, 'years skewed recent');
  assert.ok(known[0]! >= 1874);
  for (const r of basics) {
    if (r[8] === '\\N') continue;
    const g = r[8]!.split(',');
    assert.ok(g.length >= 1 && g.length <= 3, r[8]);
    assert.ok(
      g.every((x) => (GENRES as readonly string[]).includes(x)),
      r[8],
    );
    assert.deepEqual([...g].sort(), g, 'genres in alphabetical order');
  }
  const ratings = rows.get('title.ratings')!.slice(1);
  const avg = ratings.map((r) => Number(r[1]));
  const mean = avg.reduce((a, b) => a + b, 0) / avg.length;
  const sd = Math.sqrt(avg.reduce((a, b) => a + (b - mean) ** 2, 0) / avg.length);
  assert.ok(Math.abs(mean - 6.2) < 0.15 && Math.abs(sd - 1.2) < 0.15, `ratings ${mean} ± ${sd}`);
  assert.ok(
    ratings.every((r) => /^(10|[1-9])\.\d$/.test(r[1]!)),
    'one decimal, 1.0–10.0',
  );
  const votes = ratings.map((r) => Number(r[2])).sort((a, b) => a - b);
  assert.ok(votes[0]! >= 5 && votes[Math.floor(votes.length / 2)]! < 100, 'most titles under 100 votes');
  const median = votes[Math.floor(votes.length / 2)]!;
  const over1k = votes.filter((v) => v > 1000).length / votes.length;
  assert.ok(
    over1k > 0.005 && over1k < 0.08 && votes.at(-1)! > 100 * median,
    `tail: ${over1k} over 1k, max ${votes.at(-1)}`,
  );
  const akas = rows.get('title.akas')!.slice(1);
  assert.ok(
    akas.some((r) => r[col('title.akas', 'region')] === 'US' && r[col('title.akas', 'language')] === 'en'),
  );
  const originals = akas.filter((r) => r[7] === '1').length;
  assert.equal(originals, basics.length, 'one original-title aka per title');
});

test('nasty rows: stray quotes, unicode, empty professions, JSON-like characters', () => {
  const titles = rows
    .get('title.basics')!
    .slice(1)
    .map((r) => r[2]!);
  assert.ok(
    titles.some((t) => t.startsWith('"') && !t.endsWith('"')),
    'an unbalanced leading quote',
  );
  assert.ok(
    titles.some((t) => /\p{Script=Han}|\p{Script=Hiragana}/u.test(t)),
    'CJK',
  );
  assert.ok(
    titles.some((t) => /[éüñàçøå]/i.test(t)),
    'accents',
  );
  const akasTitles = rows
    .get('title.akas')!
    .slice(1)
    .map((r) => r[2]!);
  assert.ok(
    akasTitles.some((t) => /\p{Extended_Pictographic}/u.test(t)),
    'emoji',
  );
  assert.ok(
    rows.get('name.basics')!.some((r) => r[4] === ''),
    'an empty primaryProfession',
  );
  assert.ok(
    rows.get('title.principals')!.some((r) => /^\["[^"]+","[^"]+"\]$/.test(r[5]!)),
    'two characters',
  );
});

test('same seed → byte-identical files (in worker threads too); another seed differs', async () => {
  await generateSample({ scale: SCALE, out: join(root, 'b'), seed: 7, threads: 2 }, { log: memoryLogger() });
  await generateSample(
    { scale: SCALE, out: join(root, 'c'), seed: 8, only: ['title.basics'] },
    { log: memoryLogger() },
  );
  for (const t of IMDB_TABLES) {
    assert.ok(readFileSync(join(root, 'a', t.file)).equals(readFileSync(join(root, 'b', t.file))), t.file);
  }
  assert.ok(
    !readFileSync(join(root, 'a', 'title.basics.tsv.gz')).equals(
      readFileSync(join(root, 'c', 'title.basics.tsv.gz')),
    ),
  );
  assert.deepEqual(readdirSync(join(root, 'c')), ['title.basics.tsv.gz']);
});

test('bad scale or seed is a bad-input error', async () => {
  for (const scale of [0, -1, 5, NaN]) {
    await assert.rejects(
      generateSample({ scale, out: join(root, 'x'), seed: 1 }, { log: memoryLogger() }),
      (e) => {
        assert.ok(e instanceof KinemaError && e.code === 'bad-input' && /--scale/.test(e.message));
        return true;
      },
    );
  }
  await assert.rejects(
    generateSample({ scale: 0.001, out: join(root, 'x'), seed: 1.5 }, { log: memoryLogger() }),
    /--seed/,
  );
});

test('DuckDB reads every file with the official options, all rows, no errors', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    for (const t of IMDB_TABLES) {
      const path = join(root, 'a', t.file).replaceAll("'", "''");
      const reader = await con.runAndReadAll(
        `SELECT count(*) AS n FROM read_csv('${path}', delim='\t', quote='', escape='', nullstr='\\N', header=true, all_varchar=true)`,
      );
      assert.equal(Number(reader.getRowsJS()[0]![0]), rows.get(t.name)!.length - 1, t.file);
    }
    const basics = join(root, 'a', 'title.basics.tsv.gz').replaceAll("'", "''");
    const typed = await con.runAndReadAll(
      `SELECT count(*) FILTER (WHERE startYear IS NULL), count(*) FILTER (WHERE primaryTitle LIKE '"%'), max(runtimeMinutes)
       FROM read_csv('${basics}', delim='\t', quote='', escape='', nullstr='\\N', header=true,
         columns={'tconst':'VARCHAR','titleType':'VARCHAR','primaryTitle':'VARCHAR','originalTitle':'VARCHAR',
                  'isAdult':'SMALLINT','startYear':'SMALLINT','endYear':'SMALLINT','runtimeMinutes':'INTEGER','genres':'VARCHAR'})`,
    );
    const [nullYears, quoted, maxRuntime] = typed.getRowsJS()[0]!.map(Number);
    assert.ok(nullYears! > 0 && quoted! > 0 && maxRuntime! > 0);
  } finally {
    con.closeSync();
    db.closeSync();
  }
});
