/**
 * The neighbour precomputation split over worker threads: the main thread trains the IVF index once,
 * each worker takes a contiguous range of rows and writes into shared output arrays. Every row's list
 * depends only on the model and the index, so the bytes are the same for any number of threads.
 */
import type { Worker } from 'node:worker_threads';
import { spawnWorker, workerScript } from '../parallel/worker-source.ts';
import type { Model } from '../core/model.ts';
import { neighbourIvf, type NeighbourArrays, type NeighbourOptions } from '../core/recommend/neighbours.ts';
import type { NeighbourJob } from './neighbours.worker.ts';

/** Rows a thread takes at a time: small enough to balance, big enough that the counter is not contended. */
const NEIGHBOUR_CHUNK = 512;

export async function computeNeighboursThreaded(
  model: Model,
  options: NeighbourOptions,
  threads: number,
): Promise<NeighbourArrays> {
  return (await startNeighbourThreads(model, options, spawnNeighbourPool(threads))).finished;
}

/** Threads at work on a precomputation; `stop` ends them (the build failed elsewhere). */
export interface NeighbourThreads {
  finished: Promise<NeighbourArrays>;
  stop(): void;
}

/**
 * Worker threads started ahead of their work: a thread takes ~0.1 s to boot, which the build spends
 * while it computes what the work needs. `close` ends the threads no precomputation took.
 */
export interface NeighbourPool {
  readonly threads: number;
  /** The threads, once their script is ready. */
  readonly started: Promise<PooledThread[]>;
  close(): void;
}

export interface PooledThread {
  worker: Worker;
  /** Rejects when the thread fails or exits (after its work is finished the rejection is ignored). */
  ended: Promise<never>;
}

/** Starts `threads` neighbour threads, each waiting for its job. */
export function spawnNeighbourPool(threads: number): NeighbourPool {
  let closed = false;
  const started = workerScript(new URL('./neighbours.worker.ts', import.meta.url)).then((script) =>
    Array.from({ length: threads }, (_, t): PooledThread => {
      const worker = spawnWorker(script, { execArgv: [] });
      if (closed) void worker.terminate();
      const ended = new Promise<never>((_, reject) => {
        worker.once('error', reject);
        // a thread that ends without a word (stopped, or killed) settles the run too
        worker.once('exit', (code) => reject(new Error(`neighbour worker ${t} exited (code ${code})`)));
      });
      ended.catch(() => {});
      return { worker, ended };
    }),
  );
  started.catch(() => {});
  return {
    threads,
    started,
    close: () => {
      closed = true;
      void started.then((all) => all.forEach(({ worker }) => void worker.terminate()));
    },
  };
}

/**
 * Starts the threads and resolves once they run, so the caller's thread can do other work meanwhile
 * (the build writes its search indexes).
 */
export async function startNeighbourThreads(
  model: Model,
  options: NeighbourOptions,
  pool: NeighbourPool,
): Promise<NeighbourThreads> {
  const size = model.catalog.size;
  const n = options.n;
  const trained = options.ivf ?? neighbourIvf(model, options);
  // shared, not copied into every worker: at full scale the list-ordered rows are as big as the features
  const ivf = {
    ...trained,
    vectors: trained.vectors && sharedCopy(trained.vectors),
    radius: trained.radius && sharedCopy(trained.radius),
  };
  const into = {
    index: new Int32Array(new SharedArrayBuffer(size * n * 4)),
    score: new Float32Array(new SharedArrayBuffer(size * n * 4)),
  };
  const features = sharedCopy(model.features);
  const pooled = await pool.started;
  const done = new Array<number>(pooled.length).fill(0);
  const { manifest, catalog, d, centroids, k, people, peopleIndex, franchise, collab } = model;
  const jobModel: NeighbourJob['model'] = {
    manifest,
    catalog,
    d,
    centroids,
    k,
    features,
    // built once here rather than once per thread (typed arrays: cloned cheaply)
    peopleIndex,
    franchise,
    collab,
    people: people && {
      directors: people.directors,
      writers: people.writers,
      cast: people.cast,
      persons: people.id.length,
    },
  };
  const { onProgress, ...rest } = options;
  // the workers write into the shared arrays, never into a caller's
  const plain = { ...rest, into: undefined, range: undefined, next: undefined };
  // rows are far from equally costly (a movie in a crowded genre mix scans more), so the threads take
  // small ranges from one shared counter instead of a half each
  const queue = new Int32Array(new SharedArrayBuffer(4));
  const all = Promise.all(
    pooled.map(({ worker, ended }, t) => {
      const job: NeighbourJob = {
        model: jobModel,
        options: { ...plain, ivf },
        into,
        queue,
        size,
        chunk: NEIGHBOUR_CHUNK,
      };
      const work = new Promise<void>((resolve, reject) => {
        worker.on('message', (m: { done?: number; finished?: boolean; error?: string }) => {
          if (m.done !== undefined) {
            done[t] = m.done;
            onProgress?.(
              done.reduce((a, b) => a + b, 0),
              size,
            );
          } else if (m.finished) {
            void worker.terminate();
            resolve();
          } else if (m.error) {
            void worker.terminate();
            reject(new Error(`neighbour worker ${t} failed: ${m.error}`));
          }
        });
      });
      worker.postMessage(job);
      return Promise.race([work, ended]);
    }),
  );
  // plain (non-shared) arrays for callers that keep or serialize them
  const finished = all.then(() => ({ index: into.index.slice(), score: into.score.slice() }));
  return {
    finished,
    stop: () => {
      finished.catch(() => {}); // the caller has its own error to report
      pool.close();
    },
  };
}

function sharedCopy<A extends Float32Array | Float64Array>(values: A): A {
  const out = new (values.constructor as new (buffer: SharedArrayBuffer) => A)(
    new SharedArrayBuffer(values.byteLength),
  );
  out.set(values);
  return out;
}
