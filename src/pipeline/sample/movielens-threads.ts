/**
 * ratings.csv on worker threads: chunks of users go to idle workers and come back as transferred byte
 * buffers, which are handed to the writer in chunk order (the worker script comes from
 * parallel/worker-source.ts, as for the IMDb tables).
 */
import type { Worker } from 'node:worker_threads';
import { KinemaError } from '../../core/errors.ts';
import { spawnWorker, workerScript } from '../../parallel/worker-source.ts';
import type { RatingsInput } from './movielens-ratings.ts';
import type { ChunkReply, ChunkRequest } from './movielens.worker.ts';

/**
 * Hands chunks to idle workers (at most 4 a worker ahead of the writer, which bounds memory) and writes
 * the replies in chunk order.
 */
export async function inWorkers(
  input: RatingsInput,
  threads: number,
  chunks: number,
  range: (c: number) => { from: number; to: number },
  take: (c: number, reply: { rows: number; bytes: Uint8Array }) => Promise<void>,
): Promise<void> {
  const script = await workerScript(new URL('./movielens.worker.ts', import.meta.url));
  const replies = new Map<number, ChunkReply>();
  const idle: Worker[] = [];
  let wake = () => undefined as void;
  let failure: Error | undefined;
  const workers = Array.from({ length: threads }, () => {
    const worker = spawnWorker(script, { workerData: input, execArgv: [] });
    worker.on('message', (reply: ChunkReply) => {
      replies.set(reply.from, reply);
      idle.push(worker);
      wake();
    });
    worker.on('error', (error) => {
      failure = new KinemaError('io', `MovieLens sample worker failed: ${error.message}`);
      wake();
    });
    idle.push(worker);
    return worker;
  });
  try {
    let next = 0;
    for (let c = 0; c < chunks;) {
      if (failure) throw failure;
      while (idle.length > 0 && next < chunks && next - c < 4 * threads) {
        idle.pop()!.postMessage(range(next++) satisfies ChunkRequest);
      }
      const reply = replies.get(range(c).from);
      if (!reply) {
        await new Promise<void>((ok) => (wake = ok));
        continue;
      }
      replies.delete(reply.from);
      await take(c++, { rows: reply.rows, bytes: new Uint8Array(reply.bytes) });
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
