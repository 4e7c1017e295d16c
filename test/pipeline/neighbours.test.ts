import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNeighbours, writeNeighbours } from '../../src/pipeline/neighbours.ts';
import { spawnNeighbourPool } from '../../src/pipeline/neighbours-threads.ts';
import { loadModel } from '../../src/core/model-load.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { computeNeighbours, createRecommender } from '../../src/core/recommend/index.ts';
import { buildFranchiseIndex } from '../../src/core/recommend/franchise.ts';
import { neighbourIvf } from '../../src/core/recommend/neighbours.ts';
import { fileModelReader, fileRangeOpener } from '../../src/runtime/files.ts';
import { fixtureModel, writeFixtureModel, type FixtureMovie } from '../helpers/fixture-model.ts';
import { createRandom } from '../../src/numeric/random.ts';

test('neighbours step writes one row file (rows then scores per movie) that loadModel reads back, byte-identical on a rerun', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-nb-'));
  const model = writeFixtureModel(dir);
  const written = new Map<string, Uint8Array>();
  const log = memoryLogger();
  const result = await writeNeighbours(model, async (name, bytes) => void written.set(name, bytes), log, {
    n: 7,
  });
  assert.equal(result.n, 7);
  assert.deepEqual([...written.keys()], ['neighbours.bin']);
  // per movie: 7 Int32 rows, then 7 Float32 scores
  const bytes = written.get('neighbours.bin')!;
  assert.equal(bytes.length, model.catalog.size * 7 * 8);
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = data.getInt32(0, true);
  assert.ok(first >= 0 && first < model.catalog.size && first !== 0, 'movie 0 lists another movie first');
  assert.ok(data.getFloat32(7 * 4, true) >= data.getFloat32(8 * 4, true), 'scores best first');
  assert.match(log.lines.at(-1)!, /^neighbours: top 7 for 16 movies in/);

  for (const [name, bytes] of written) writeFileSync(join(dir, name), bytes);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, neighbours: { n: 7 } }));
  const loaded = await loadModel(async (name) => {
    try {
      return new Uint8Array(readFileSync(join(dir, name)));
    } catch {
      return null;
    }
  });
  const direct = computeNeighbours(model, { n: 7 });
  const opened = await loadModel(fileModelReader(dir), { open: fileRangeOpener(dir) });
  for (let m = 0; m < model.catalog.size; m++) {
    const rows = direct.index.subarray(m * 7, (m + 1) * 7);
    const scores = direct.score.subarray(m * 7, (m + 1) * 7);
    assert.deepEqual(loaded.neighbours?.row(m), { index: rows, score: scores });
    // read a row at a time from the open files: the same lists, and so the same recommendations
    assert.deepEqual(opened.neighbours?.row(m), { index: rows, score: scores });
    assert.deepEqual(
      createRecommender(opened).similar(m, { limit: 5 }),
      createRecommender(loaded).similar(m, { limit: 5 }),
    );
  }

  const rerun = new Map<string, Uint8Array>();
  await writeNeighbours(model, async (name, bytes) => void rerun.set(name, bytes), memoryLogger(), { n: 7 });
  assert.deepEqual(rerun, written);
});

test('neighbours: more requested than movies exist pads with -1', () => {
  const model = writeFixtureModel(mkdtempSync(join(tmpdir(), 'kinema-nb-')));
  const { index, score } = computeNeighbours(model, { n: 20 });
  const first = Array.from(index.subarray(0, 20));
  assert.ok(first.slice(0, 15).every((i) => i >= 0));
  assert.deepEqual(first.slice(15), [-1, -1, -1, -1, -1]);
  assert.equal(score[0]! >= score[1]!, true);
  assert.throws(() => computeNeighbours(model, { n: 0 }), /integer from 1 to 1000/);
});

test('neighbours on worker threads are byte-identical to one thread', async () => {
  const model = writeFixtureModel(mkdtempSync(join(tmpdir(), 'kinema-nb-')));
  const one = new Map<string, Uint8Array>();
  const two = new Map<string, Uint8Array>();
  const log = memoryLogger();
  await writeNeighbours(model, async (name, bytes) => void one.set(name, bytes), memoryLogger(), {
    n: 9,
    threads: 1,
  });
  await writeNeighbours(model, async (name, bytes) => void two.set(name, bytes), log, { n: 9, threads: 2 });
  assert.deepEqual(two, one);
  assert.match(log.lines.at(-1)!, /\(2 threads\)$/);
});

test('neighbours: a run started on threads and stopped rejects and writes nothing', async () => {
  const model = writeFixtureModel(mkdtempSync(join(tmpdir(), 'kinema-nb-')));
  const written: string[] = [];
  const run = await startNeighbours(model, async (name) => void written.push(name), memoryLogger(), {
    n: 5,
    threads: 2,
  });
  run.stop();
  await assert.rejects(run.finished, /exited/);
  assert.deepEqual(written, []);
});

test('neighbours: list-ordered rows and the triangle bound from their radii change no list', () => {
  const model = writeFixtureModel(mkdtempSync(join(tmpdir(), 'kinema-nb-')));
  const ivf = neighbourIvf(model, { lists: 3 });
  assert.equal(ivf.vectors?.length, model.features.length);
  assert.equal(ivf.radius?.length, model.catalog.size);
  const plain = { ...ivf, vectors: undefined, radius: undefined };
  for (const n of [3, 6]) {
    const fast = computeNeighbours(model, { n, ivf, probe: 2 });
    assert.deepEqual(fast, computeNeighbours(model, { n, ivf: plain, probe: 2 }));
    assert.deepEqual(fast, computeNeighbours(model, { n, ivf: { ...plain, radius: ivf.radius }, probe: 2 }));
  }
});

test('neighbours: rows taken from a queue in small ranges give the lists one range gives', () => {
  const model = writeFixtureModel(mkdtempSync(join(tmpdir(), 'kinema-nb-')));
  const whole = computeNeighbours(model, { n: 5 });
  const ranges: [number, number][] = [
    [0, 3],
    [3, 4],
    [4, model.catalog.size],
  ];
  const progress: number[] = [];
  const queued = computeNeighbours(model, {
    n: 5,
    next: () => ranges.shift(),
    onProgress: (done) => progress.push(done),
  });
  assert.deepEqual(queued, whole);
  assert.deepEqual(progress, [model.catalog.size]);
});

test('neighbours: on 1,500 generated movies the pruned scan gives exactly the lists of the plain one', () => {
  const rng = createRandom(3);
  const genres = ['Drama', 'Comedy', 'Horror', 'Action', 'Romance', 'Crime', 'Sci-Fi', 'Western'];
  const movies: FixtureMovie[] = Array.from({ length: 1500 }, (_, i) => ({
    id: `tt${String(100000 + i).padStart(7, '0')}`,
    title: `Generated ${i}`,
    year: 1930 + Math.floor(rng.next() * 95),
    runtime: 70 + Math.floor(rng.next() * 100),
    genres: genres.filter(() => rng.next() < 0.3).slice(0, 3),
    rating: 3 + rng.next() * 6,
    votes: Math.floor(10 ** (2 + rng.next() * 4)),
    directors: [`nm${String(1 + Math.floor(rng.next() * 400)).padStart(7, '0')}`],
  }));
  const model = fixtureModel(movies, 6);
  const ivf = neighbourIvf(model, { lists: 12 });
  const plain = { ...ivf, vectors: undefined, radius: undefined };
  const fast = computeNeighbours(model, { n: 20, ivf, probe: 4, candidates: 400 });
  assert.deepEqual(fast, computeNeighbours(model, { n: 20, ivf: plain, probe: 4, candidates: 400 }));
});

test("neighbours: with many identical movies (equal scores) the WebAssembly scan keeps the plain scan's ties", () => {
  const rng = createRandom(9);
  const kinds: Omit<FixtureMovie, 'id' | 'title'>[] = Array.from({ length: 30 }, () => ({
    year: 1950 + Math.floor(rng.next() * 70),
    runtime: 80 + Math.floor(rng.next() * 60),
    genres: ['Drama', 'Comedy', 'Horror', 'Western'].filter(() => rng.next() < 0.4),
    rating: 4 + Math.round(rng.next() * 8) / 2,
    votes: 1000 * (1 + Math.floor(rng.next() * 5)),
  }));
  // 600 movies of 30 kinds: each has ~19 exact twins, so lists of 25 end inside a group of ties
  const movies: FixtureMovie[] = Array.from({ length: 600 }, (_, i) => ({
    ...kinds[Math.floor(rng.next() * kinds.length)]!,
    id: `tt${String(200000 + i).padStart(7, '0')}`,
    // a made-up word each, so no two share a title stem (linked movies are scored before the scan)
    title: Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(rng.next() * 26))).join(''),
  }));
  const model = fixtureModel(movies, 5);
  const ivf = neighbourIvf(model, { lists: 6 });
  const plain = { ...ivf, vectors: undefined, radius: undefined };
  assert.equal(buildFranchiseIndex(model.catalog).members.length, 0, 'no franchises');
  for (const n of [7, 25]) {
    const fast = computeNeighbours(model, { n, ivf, probe: 3, candidates: 300 });
    assert.deepEqual(fast, computeNeighbours(model, { n, ivf: plain, probe: 3, candidates: 300 }));
  }
});

test('neighbours: threads started ahead give the same bytes; a pool closed unused ends its threads', async () => {
  const model = writeFixtureModel(mkdtempSync(join(tmpdir(), 'kinema-nb-')));
  const direct = new Map<string, Uint8Array>();
  const pooled = new Map<string, Uint8Array>();
  await writeNeighbours(model, async (name, bytes) => void direct.set(name, bytes), memoryLogger(), {
    n: 6,
    threads: 2,
  });
  const pool = spawnNeighbourPool(2);
  await writeNeighbours(model, async (name, bytes) => void pooled.set(name, bytes), memoryLogger(), {
    n: 6,
    pool,
  });
  assert.deepEqual(pooled, direct);
  const unused = spawnNeighbourPool(2);
  const threads = await unused.started;
  unused.close();
  await Promise.all(threads.map(({ worker }) => new Promise((resolve) => worker.once('exit', resolve))));
});

test('neighbours: a pooled thread that died before its job fails the run instead of hanging it', async () => {
  const model = writeFixtureModel(mkdtempSync(join(tmpdir(), 'kinema-nb-')));
  const pool = spawnNeighbourPool(2);
  const [first] = await pool.started;
  await first!.worker.terminate();
  const run = await startNeighbours(model, async () => {}, memoryLogger(), { n: 5, pool });
  await assert.rejects(run.finished, /neighbour worker 0 exited/);
  pool.close();
});
