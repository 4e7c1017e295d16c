/**
 * One thread of the neighbour precomputation: rebuilds the model from shared and cloned arrays, computes
 * its range of rows into the shared output, and reports progress. Bundled to one string by
 * neighbours-threads.ts, so it starts without a TypeScript loader.
 */
import { parentPort } from 'node:worker_threads';
import { blankStrings, StringColumn } from '../core/columns.ts';
import type { Model } from '../core/model.ts';
import { computeNeighbours, type NeighbourOptions } from '../core/recommend/neighbours.ts';

export interface NeighbourJob {
  model: Omit<Model, 'byId' | 'people'> & {
    people?: Omit<NonNullable<Model['people']>, 'id' | 'name'> & { persons: number };
  };
  options: Omit<NeighbourOptions, 'onProgress' | 'into' | 'next'>;
  into: { index: Int32Array; score: Float32Array };
  /** The next row no thread has taken yet (shared, advanced atomically by `chunk`), of `size` rows. */
  queue: Int32Array;
  size: number;
  chunk: number;
}

// started ahead of its work (neighbours-threads.ts), the thread waits for its one job
parentPort?.once('message', (job: NeighbourJob) => {
  try {
    run(job);
    parentPort?.postMessage({ finished: true });
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});

function run(job: NeighbourJob): void {
  const { people, catalog, ...rest } = job.model;
  // structured clone keeps a string column's fields but not its class
  const revive = (s: StringColumn) => new StringColumn(s.offsets, s.bytes, s.values);
  const model: Model = {
    ...rest,
    catalog: {
      ...catalog,
      id: revive(catalog.id as StringColumn),
      title: revive(catalog.title as StringColumn),
      originalTitle: revive(catalog.originalTitle as StringColumn),
    },
    byId: new Map(),
    // names are not needed to score; only the number of people is
    people: people && { ...people, id: blankStrings(people.persons), name: blankStrings(people.persons) },
  };
  computeNeighbours(model, {
    ...job.options,
    into: job.into,
    next: () => {
      const start = Atomics.add(job.queue, 0, job.chunk);
      return start < job.size ? [start, Math.min(job.size, start + job.chunk)] : undefined;
    },
    onProgress: (done) => parentPort?.postMessage({ done }),
  });
}
