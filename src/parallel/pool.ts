/**
 * A small pool of k-means workers sharing one set of buffers with the calling thread. Each command is
 * posted to every worker and the calling thread then works too; all pull blocks from a shared counter
 * (so a busy core does less), and the command resolves when every worker has reported. The calling
 * thread counts as one of the threads: one worker fewer to start, and its kernels are already compiled
 * by the steps it ran while the workers were starting. The worker script comes from worker-source.ts
 * (the compiled file, or a dev bundle when run from the sources).
 */
import { spawnWorker, workerScript } from './worker-source.ts';
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
  const script = await workerScript(new URL('./kmeans.worker.ts', import.meta.url));
  const workers = Array.from({ length: threads - 1 }, () =>
    spawnWorker(script, { workerData: set, execArgv: [] }),
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
