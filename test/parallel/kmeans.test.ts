import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compiledDist } from '../helpers/dist.ts';
import {
  deferredPool,
  pickAlgorithm,
  POOL_AFTER_PASSES,
  POOL_AFTER_STEPS,
  runKMeans,
  sharedFloat32,
} from '../../src/parallel/kmeans.ts';
import type { BlockCommand } from '../../src/numeric/kmeans-kernels.ts';
import { kmeansPlusPlus, lloyd } from '../../src/numeric/kmeans.ts';
import { createRandom } from '../../src/numeric/random.ts';

function blobs(n: number, d: number, centres: number, seed: number, shared = false): Float32Array {
  const rng = createRandom(seed);
  const c = Float64Array.from({ length: centres * d }, () => rng.next() * 10);
  const out = shared ? sharedFloat32(n * d) : new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const o = rng.int(centres) * d;
    for (let j = 0; j < d; j++) out[i * d + j] = c[o + j]! + (rng.next() - 0.5) * 4;
  }
  return out;
}

// 70k rows = 5 blocks of 16384, so threads really split the work
const N = 70000;

for (const [algorithm, init] of [
  ['hamerly', 'greedy'],
  ['hamerly', 'parallel'],
  ['lloyd', 'greedy'],
] as const) {
  test(`${algorithm}, ${init} seeding: identical results for 1, 2 and 3 threads`, async () => {
    const data = blobs(N, 6, 20, 4, true);
    // Hamerly at k = 9 scans failing rows in SIMD, at k = 30 nearest centres first (sorted scan)
    const k = algorithm === 'hamerly' && init === 'greedy' ? 9 : 30;
    const runs = [];
    // the last run starts its steps on this thread while the workers come up, then hands over
    for (const [threads, waitForWorkers] of [
      [1, true],
      [2, true],
      [3, true],
      [2, false],
    ] as const)
      runs.push(
        await runKMeans(data, N, 6, {
          k,
          seed: 8,
          threads,
          workPerThread: 0,
          waitForWorkers,
          algorithm,
          init,
        }),
      );
    for (const r of runs.slice(1)) {
      assert.equal(r.inertia, runs[0]!.inertia);
      assert.equal(r.iterations, runs[0]!.iterations);
      assert.deepEqual(r.centroids, runs[0]!.centroids);
      assert.deepEqual(r.labels, runs[0]!.labels);
      assert.equal(r.algorithm, algorithm);
    }
  });
}

test('threads on a non-shared matrix copy it and agree with the reference Lloyd', async () => {
  const data = blobs(N, 4, 12, 5);
  const initial = kmeansPlusPlus(data, N, 4, 10, 1);
  const ref = lloyd(data, N, 4, { k: 10, seed: 0, initial });
  const got = await runKMeans(data, N, 4, {
    k: 10,
    seed: 0,
    initial,
    threads: 2,
    workPerThread: 0,
    waitForWorkers: true,
  });
  assert.equal(got.iterations, ref.iterations);
  assert.ok(Math.abs(got.inertia - ref.inertia) / ref.inertia < 1e-6);
  let differ = 0;
  for (let i = 0; i < N; i++) if (got.labels[i] !== ref.labels[i]) differ++;
  assert.equal(differ, 0);
});

test('auto picks Hamerly (the fastest for every k and d); engines asked for by name are kept', () => {
  assert.equal(pickAlgorithm('auto'), 'hamerly');
  for (const name of ['lloyd', 'hamerly'] as const) assert.equal(pickAlgorithm(name), name);
  assert.throws(() => pickAlgorithm('minibatch'), /not an exact engine/);
});

test('NaN or Infinity is rejected naming the row and column', async () => {
  const data = blobs(100, 3, 2, 1);
  data[41 * 3 + 2] = Number.POSITIVE_INFINITY;
  await assert.rejects(runKMeans(data, 100, 3, { k: 2, seed: 1, threads: 1 }), /row 41, column 2/);
  // found from the column sums the workers take, even when row 0 (the shift) is the bad one
  const big = blobs(N, 3, 4, 2, true);
  big[1] = Number.NaN;
  await assert.rejects(
    runKMeans(big, N, 3, { k: 5, seed: 1, threads: 2, workPerThread: 0, waitForWorkers: true }),
    /row 0, column 1/,
  );
  big[1] = 0;
  big[(N - 1) * 3] = Number.NEGATIVE_INFINITY;
  await assert.rejects(runKMeans(big, N, 3, { k: 1, seed: 1 }), /value -Infinity at row 69999, column 0/);
  await assert.rejects(
    runKMeans(blobs(100, 3, 2, 1), 100, 3, { k: 2, seed: 1, threads: 0 }),
    /threads must be/,
  );
});

test('workers start from the compiled build (dist/), run by plain node outside the repository', () => {
  const entry = pathToFileURL(join(compiledDist(), 'parallel/kmeans.js')).href;
  const script = `
    const { runKMeans, sharedFloat32 } = await import(${JSON.stringify(entry)});
    const data = sharedFloat32(40000 * 2);
    for (let i = 0; i < data.length; i++) data[i] = (i % 7) + (i % 2) * 10;
    const r = await runKMeans(data, 40000, 2, { k: 3, seed: 1, threads: 2, workPerThread: 0, waitForWorkers: true });
    process.stdout.write(JSON.stringify({ k: r.k, inertia: r.inertia, algorithm: r.algorithm }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: tmpdir(),
    encoding: 'utf8',
  });
  const r = JSON.parse(out) as { k: number; inertia: number; algorithm: string };
  assert.equal(r.k, 3);
  assert.equal(r.algorithm, 'hamerly');
  assert.ok(Number.isFinite(r.inertia));
});

test('workers start only once a fit has run POOL_AFTER_PASSES passes or POOL_AFTER_STEPS steps', async () => {
  const trace = (steps: BlockCommand[]) => {
    const ran: string[] = [];
    let started = 0;
    const pool = deferredPool(() => {
      started++;
      return Promise.resolve({
        run: (cmd: BlockCommand) => {
          ran.push(`pool:${cmd.op}`);
          return Promise.resolve();
        },
        close: () => Promise.resolve(),
      });
    });
    const run = pool.runner((cmd) => {
      ran.push(`here:${cmd.op}`);
      return Promise.resolve();
    });
    return (async () => {
      for (const cmd of steps) await run(cmd);
      pool.close();
      return { ran, started };
    })();
  };
  const assign: BlockCommand = { op: 'assign', mode: 'hamerly' };
  const final: BlockCommand = { op: 'final', mode: 'hamerly' };
  // a fit that converges within POOL_AFTER_PASSES passes never starts a worker
  const short = await trace([...Array<BlockCommand>(POOL_AFTER_PASSES).fill(assign), final]);
  assert.equal(short.started, 0);
  assert.ok(short.ran.every((r) => r.startsWith('here:')));
  // a longer one starts them at the next pass; once they are up, steps go to the pool
  const long = await trace(Array<BlockCommand>(POOL_AFTER_PASSES + 4).fill(assign));
  assert.equal(long.started, 1);
  assert.deepEqual(
    long.ran.slice(0, POOL_AFTER_PASSES + 1),
    Array(POOL_AFTER_PASSES + 1).fill('here:assign'),
  );
  assert.equal(long.ran.at(-1), 'pool:assign');
  // a long seeding (many steps, no pass yet) starts them too
  const seeding = await trace(Array<BlockCommand>(POOL_AFTER_STEPS + 3).fill({ op: 'pp-eval', count: 4 }));
  assert.equal(seeding.started, 1);
  assert.equal(seeding.ran.at(-1), 'pool:pp-eval');
});
