import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { memoryLogger } from '../../../src/core/log.ts';
import { MOVIELENS_FILES } from '../../../src/core/movielens-release.ts';
import { generateSample } from '../../../src/pipeline/sample/generate.ts';
import { generateMovielensSample } from '../../../src/pipeline/sample/movielens-sample.ts';
import { ratingsGenerator } from '../../../src/pipeline/sample/movielens-ratings.ts';
import { readRecord } from '../../../src/pipeline/movielens-folder.ts';
import { syncMovielens } from '../../../src/pipeline/movielens-fetch.ts';

const SCALE = 0.003; // 34,500 titles; 603 users, 263 MovieLens movies
let root: string;
const csv = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const lines = (dir: string, file: string) => csv(dir, file).split('\n').slice(1, -1);
const ml = (name: string, threads: number) =>
  generateMovielensSample(
    { scale: SCALE, seed: 5, year: 2026, dir: join(root, name), threads },
    memoryLogger(),
  );

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'kinema-ml-sample-'));
  await generateSample(
    { scale: SCALE, out: join(root, 'imdb'), seed: 5, only: ['title.basics', 'title.ratings'] },
    {
      log: memoryLogger(),
    },
  );
  await ml('one', 1);
  await ml('two', 2);
});
after(() => rmSync(root, { recursive: true, force: true }));

test('writes the three MovieLens files with their headers, LF line ends, and a record', async () => {
  const dir = join(root, 'one');
  assert.deepEqual(readdirSync(dir).sort(), [
    'README.txt',
    'links.csv',
    'movies.csv',
    'ratings.csv',
    'unpacked.json',
  ]);
  for (const { file, header } of MOVIELENS_FILES) {
    const text = csv(dir, file);
    assert.ok(text.startsWith(`${header}\n`), file);
    assert.ok(text.endsWith('\n') && !text.includes('\r'), `${file}: LF line ends`);
  }
  assert.match((await readRecord(dir))!.source, /^kinema sample --scale 0\.003 --seed 5/);
  // kinema start keeps generated files as a local copy: no request, no warning
  const log = memoryLogger();
  const noNetwork: typeof fetch = () => Promise.reject(new Error('no request expected'));
  const kept = await syncMovielens({ dir, release: '32m', keepPresent: true }, { fetch: noNetwork, log });
  assert.equal(kept.status, 'present');
  assert.equal(kept.files.length, 4);
  assert.deepEqual(log.lines, []);
});

test('same seed: byte-identical files with one thread or two', () => {
  for (const { file } of MOVIELENS_FILES) {
    assert.ok(readFileSync(join(root, 'one', file)).equals(readFileSync(join(root, 'two', file))), file);
  }
});

test('links resolve to generated movies, except a few 8-digit ids the IMDb files lack', () => {
  const basics = new Map(
    gunzipSync(readFileSync(join(root, 'imdb', 'title.basics.tsv.gz')))
      .toString('utf8')
      .split('\n')
      .slice(1, -1)
      .map((l) => l.split('\t'))
      .map((c) => [c[0]!, c]),
  );
  const links = lines(join(root, 'one'), 'links.csv').map((l) => l.split(','));
  assert.equal(links.length, 263);
  const dangling = links.filter(([, imdbId]) => !basics.has(`tt${imdbId}`));
  assert.equal(dangling.length, 1);
  assert.match(dangling[0]![1]!, /^\d{8}$/);
  assert.equal(dangling[0]![2], '');
  for (const [movieId, imdbId, tmdbId] of links) {
    assert.match(`${movieId},${imdbId},${tmdbId}`, /^\d+,\d{7,8},\d*$/);
    const row = basics.get(`tt${imdbId}`);
    if (row) assert.deepEqual([row[1], row[4]], ['movie', '0'], `tt${imdbId} is a non-adult movie`);
  }
  const ids = links.map(([id]) => Number(id));
  assert.deepEqual(
    ids,
    [...ids].sort((a, b) => a - b),
    'sorted by movieId',
  );
  assert.equal(new Set(ids).size, ids.length);
  // movies.csv: the same ids, "Title (year)", MovieLens genres
  const movies = lines(join(root, 'one'), 'movies.csv');
  assert.deepEqual(
    movies.map((l) => Number(l.split(',')[0])),
    ids,
  );
  for (const line of movies) assert.match(line, /^\d+,("?).+ \(\d{4}\)\1,[A-Za-z|()\- ]+$/);
});

test('ratings: half stars, sorted by user then movie, every user ≥ 20, popularity follows IMDb votes', () => {
  const dir = join(root, 'one');
  const known = new Set(lines(dir, 'links.csv').map((l) => l.split(',')[0]));
  const imdbOf = new Map(lines(dir, 'links.csv').map((l) => [l.split(',')[0]!, `tt${l.split(',')[1]}`]));
  const votes = new Map(
    gunzipSync(readFileSync(join(root, 'imdb', 'title.ratings.tsv.gz')))
      .toString('utf8')
      .split('\n')
      .slice(1, -1)
      .map((l) => l.split('\t'))
      .map((c) => [c[0]!, Number(c[2])]),
  );
  const perUser = new Map<number, number>();
  const perMovie = new Map<string, number>();
  let last = [0, 0];
  for (const line of lines(dir, 'ratings.csv')) {
    const [u, m, rating, time] = line.split(',');
    const key = [Number(u), Number(m)];
    assert.ok(key[0]! > last[0]! || (key[0] === last[0] && key[1]! > last[1]!), `order at ${line}`);
    last = key;
    assert.ok(known.has(m), `movie ${m} is in links.csv`);
    assert.match(rating!, /^(0\.5|[1-4]\.[05]|5\.0)$/);
    assert.ok(Number(time) >= 789_652_009 && Number(time) <= 1_697_164_147);
    perUser.set(key[0]!, (perUser.get(key[0]!) ?? 0) + 1);
    perMovie.set(m!, (perMovie.get(m!) ?? 0) + 1);
  }
  assert.equal(perUser.size, 603);
  assert.deepEqual(
    [...perUser.keys()],
    Array.from({ length: 603 }, (_, k) => k + 1),
  );
  assert.ok(Math.min(...perUser.values()) >= 20);
  // Spearman-like check: the movies with the most IMDb votes get more MovieLens ratings
  const rated = [...perMovie].filter(([m]) => votes.has(imdbOf.get(m)!));
  rated.sort((a, b) => votes.get(imdbOf.get(b[0])!)! - votes.get(imdbOf.get(a[0])!)!);
  const third = Math.floor(rated.length / 3);
  const mean = (xs: [string, number][]) => xs.reduce((s, [, n]) => s + n, 0) / xs.length;
  assert.ok(mean(rated.slice(0, third)) > 1.5 * mean(rated.slice(-third)), 'popular on IMDb, popular here');
});

test('the generator at ml-32m size: heavy-tailed users and movies, ratings around 3.5 that follow quality', () => {
  const n = 87_585;
  const movieIds = Int32Array.from({ length: n }, (_, k) => k + 1);
  const quality = Float32Array.from({ length: n }, (_, k) => (k % 2 ? 1 : -1));
  const text = Buffer.from(
    ratingsGenerator({ seed: 1, movieIds, quality }).rows(1, 3001, { rows: 0 }),
  ).toString();
  const perUser = new Map<string, number>();
  const perMovie = new Map<number, number>();
  const stars = { odd: [0, 0], even: [0, 0], half: 0, all: 0 };
  for (const line of text.split('\n').slice(0, -1)) {
    const [u, m, r] = line.split(',');
    perUser.set(u!, (perUser.get(u!) ?? 0) + 1);
    perMovie.set(Number(m), (perMovie.get(Number(m)) ?? 0) + 1);
    const side = Number(m) % 2 === 0 ? stars.odd : stars.even; // movieId k+1: even id ↔ odd k ↔ quality +1
    side[0]! += Number(r);
    side[1]!++;
    stars.all++;
    if (r!.endsWith('.5')) stars.half++;
  }
  const counts = [...perUser.values()].sort((a, b) => a - b);
  const median = counts[counts.length >> 1]!;
  assert.ok(counts[0]! >= 20, 'at least 20 a user');
  assert.ok(median > 50 && median < 120, `median ratings a user ${median}`);
  assert.ok(counts.at(-1)! > 10 * median, `the most active user ${counts.at(-1)} vs median ${median}`);
  const mean = stars.all && (stars.odd[0]! + stars.even[0]!) / stars.all;
  assert.ok(mean > 3.3 && mean < 3.8, `mean rating ${mean}`);
  assert.ok(
    stars.odd[0]! / stars.odd[1]! > stars.even[0]! / stars.even[1]! + 0.5,
    'better movies, more stars',
  );
  assert.ok(stars.half / stars.all > 0.15 && stars.half / stars.all < 0.45, 'some half stars');
  assert.ok((perMovie.get(1) ?? 0) > 0.3 * 3000, 'the most popular movie is in a third of the lists');
  assert.ok(perMovie.size > 0.3 * n && (perMovie.get(n) ?? 0) < 5, 'a long tail');
});
