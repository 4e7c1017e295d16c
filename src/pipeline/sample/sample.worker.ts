/**
 * Worker side of the sample generator: writes one whole table (generate, gzip, rename) and reports
 * progress and the result. The generation itself is in the table files; this only wraps writeTable.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ImdbTable } from '../../core/tables.ts';
import { GENERATORS } from './generators.ts';
import type { SampleShape } from './titles.ts';
import { writeTable } from './write-table.ts';

export interface TableJob {
  table: ImdbTable;
  shape: SampleShape;
  path: string;
  level: number;
}

export type WorkerReply =
  | { kind: 'progress'; done: number; total?: number }
  | { kind: 'done'; rows: number; textBytes: number }
  | { kind: 'error'; message: string };

const port = parentPort;
if (port) {
  const job = workerData as TableJob;
  const send = (reply: WorkerReply) => port.postMessage(reply);
  const log = {
    info: () => undefined,
    warn: () => undefined,
    progress: (_label: string, done: number, total?: number) => send({ kind: 'progress', done, total }),
  };
  writeTable(GENERATORS[job.table], job.shape, job.path, job.level, log).then(
    (written) => send({ kind: 'done', ...written }),
    (error: unknown) =>
      send({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
}
