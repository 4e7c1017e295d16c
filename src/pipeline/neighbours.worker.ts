/**
 * One thread of the neighbour precomputation: rebuilds the model from shared and cloned arrays, computes
 * its range of rows into the shared output, and reports progress. Bundled to one string by
 * neighbours-threads.ts, so it starts without a TypeScript loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Model } from '../core/model.ts';
import { computeNeighbours, type NeighbourOptions } from '../core/recommend/neighbours.ts';

export interface NeighbourJob {
  model: Omit<Model, 'byId' | 'people'> & {
    people?: Omit<NonNullable<Model['people']>, 'id' | 'name'> & { persons: number };
  };
  options: Omit<NeighbourOptions, 'onProgress' | 'into'>;
  into: { index: Int32Array; score: Float32Array };
}

const job = workerData as NeighbourJob;
const { people, ...rest } = job.model;
const model: Model = {
  ...rest,
  byId: new Map(),
  // names are not needed to score; only the number of people is
  people: people && { ...people, id: new Array<string>(people.persons).fill(''), name: [] },
};
try {
  computeNeighbours(model, {
    ...job.options,
    into: job.into,
    onProgress: (done) => parentPort?.postMessage({ done }),
  });
  parentPort?.postMessage({ finished: true });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
