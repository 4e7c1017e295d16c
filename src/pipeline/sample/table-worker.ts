/**
 * Runs one table job in a worker thread, so tables are generated on all cores. Works under
 * `node --import tsx` and under bin/kinema.js: the worker file and its imports are bundled once per
 * process into a CommonJS string with esbuild (tsx's own dependency), as src/parallel/pool.ts does.
 */
import { Worker } from 'node:worker_threads';
import { bundledWorker } from '../../parallel/worker-source.ts';
import { KinemaError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { TableJob, WorkerReply } from './sample.worker.ts';
import type { WrittenTable } from './write-table.ts';

export async function writeTableInWorker(job: TableJob, log: Logger): Promise<WrittenTable> {
  const worker = new Worker(await bundledWorker(new URL('./sample.worker.ts', import.meta.url)), {
    eval: true,
    workerData: job,
    execArgv: [],
  });
  try {
    return await new Promise<WrittenTable>((resolve, reject) => {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'progress') log.progress?.(job.table, reply.done, reply.total);
        else if (reply.kind === 'done') resolve({ rows: reply.rows, textBytes: reply.textBytes });
        else reject(new KinemaError('io', `could not write ${job.path}: ${reply.message}`));
      });
      worker.on('error', reject);
      worker.on('exit', (code) =>
        reject(new Error(`sample worker for ${job.table} exited with code ${code}`)),
      );
    });
  } finally {
    await worker.terminate();
  }
}
