/**
 * Runs one table job in a worker thread, so tables are generated on all cores (the worker script
 * comes from parallel/worker-source.ts, as for k-means).
 */
import { spawnWorker, workerScript } from '../../parallel/worker-source.ts';
import { KinemaError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { TableJob, WorkerReply } from './sample.worker.ts';
import type { WrittenTable } from './write-table.ts';

export async function writeTableInWorker(job: TableJob, log: Logger): Promise<WrittenTable> {
  const worker = spawnWorker(await workerScript(new URL('./sample.worker.ts', import.meta.url)), {
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
