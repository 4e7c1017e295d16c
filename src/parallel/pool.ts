/**
 * A small pool of k-means workers sharing one set of buffers with the calling thread. Each command is
 * posted to every worker and the calling thread then works too; all pull blocks from a shared counter
 * (so a busy core does less), and the command resolves when every worker has reported. The calling
 * thread counts as one of the threads: one worker fewer to start, and its kernels are already compiled
 * by the steps it ran while the workers were starting. Works under `node --import tsx` and under bin/kinema.js (tsx registered in-process):
 * the worker file and its numeric imports are bundled to one CommonJS string with esbuild (tsx's own
 * dependency) in ~20 ms, which starts far faster than registering tsx inside every worker (~0.4 s).
 */
import { Worker } from 'node:worker_threads';
import { bundledWorker } from './worker-source.ts';
import type { KMeansBuffers, KMeansBufferSet } from '../numeric/kmeans-buffers.ts';
import { takeBlocks, type BlockCommand } from '../numeric/kmeans-kernels.ts';
import type { BlockRunner } from '../numeric/kmeans-init.ts';

interface Reply {
  ok: boolean;
  ready?: boolean;
  message?: string;
}

export interface KMeansPool {
  run: BlockRunner;
  close(): Promise<void>;
}

/** Starts threads − 1 workers on `set`; `here` is the calling thread's view of the same buffers. */
export async function startPool(
  threads: number,
  set: KMeansBufferSet,
  here: KMeansBuffers,
): Promise<KMeansPool> {
  const code = await bundledWorker(new URL('./kmeans.worker.ts', import.meta.url));
  const workers = Array.from(
    { length: threads - 1 },
    () => new Worker(code, { eval: true, workerData: set, execArgv: [] }),
  );
  const waitAll = (): Promise<Reply[]> =>
    Promise.all(
      workers.map(
        (w) =>
          new Promise<Reply>((resolve, reject) => {
            const onMessage = (r: Reply): void => {
              w.off('error', onError);
              resolve(r);
            };
            const onError = (e: Error): void => {
              w.off('message', onMessage);
              reject(e);
            };
            w.once('message', onMessage);
            w.once('error', onError);
          }),
      ),
    );
  const check = (replies: Reply[]): void => {
    const bad = replies.find((r) => !r.ok);
    if (bad) throw new Error(`k-means worker failed: ${bad.message}`);
  };
  try {
    check(await waitAll());
  } catch (error) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  }
  return {
    async run(cmd: BlockCommand) {
      Atomics.store(here.next, 0, 0);
      const replies = waitAll();
      for (const w of workers) w.postMessage(cmd);
      takeBlocks(here, cmd);
      check(await replies);
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
