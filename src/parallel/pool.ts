/**
 * A small pool of k-means workers sharing one set of buffers. Each command is posted to every worker;
 * they pull blocks from a shared counter (so a busy core does less), and the command resolves when
 * all have reported. Works under `node --import tsx` and under bin/kinema.js (tsx registered in-process):
 * the worker file and its numeric imports are bundled to one CommonJS string with esbuild (tsx's own
 * dependency) in ~20 ms, which starts far faster than registering tsx inside every worker (~0.4 s).
 */
import { Worker } from 'node:worker_threads';
import { bundledWorker } from './worker-source.ts';
import type { KMeansBufferSet } from '../numeric/kmeans-buffers.ts';
import type { BlockCommand } from '../numeric/kmeans-kernels.ts';
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

export async function startPool(
  threads: number,
  set: KMeansBufferSet,
  next: Int32Array,
): Promise<KMeansPool> {
  const code = await bundledWorker(new URL('./kmeans.worker.ts', import.meta.url));
  const workers = Array.from(
    { length: threads },
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
      Atomics.store(next, 0, 0);
      const replies = waitAll();
      for (const w of workers) w.postMessage(cmd);
      check(await replies);
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
