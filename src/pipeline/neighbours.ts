/**
 * Build step: precompute every movie's top-N "more like this" list (src/core/recommend/neighbours.ts)
 * and write neighbours.bin (a movie's rows then scores, little-endian) through the writer the build passes in.
 * The caller records `{ n }` in manifest.neighbours and the two names in manifest.artifacts.
 */
import type { Logger } from '../core/log.ts';
import type { Model } from '../core/model.ts';
import { encodeNeighbours, NEIGHBOURS_FILE } from '../core/neighbour-lists.ts';
import { spawnNeighbourPool, startNeighbourThreads, type NeighbourPool } from './neighbours-threads.ts';
import {
  computeNeighbours,
  DEFAULT_NEIGHBOURS,
  type NeighbourOptions,
} from '../core/recommend/neighbours.ts';

/** Writes one model file atomically (the build's writer). */
export type WriteModelFile = (name: string, bytes: Uint8Array) => Promise<void>;

export const NEIGHBOUR_FILES = [NEIGHBOURS_FILE] as const;

export interface WriteNeighboursOptions extends Partial<
  Omit<NeighbourOptions, 'onProgress' | 'into' | 'range'>
> {
  /** Worker threads; default 2 for catalogs of 20,000 movies or more, else 1 (inline). */
  threads?: number;
  /** Threads started ahead (spawnNeighbourPool, as many as neighbourThreads says) to run on. */
  pool?: NeighbourPool;
}

/** How many threads a precomputation over `size` movies runs on: `wanted`, or 2 from 20,000 movies. */
export function neighbourThreads(size: number, wanted?: number): number {
  return wanted ?? (size >= 20_000 ? 2 : 1);
}

export async function writeNeighbours(
  model: Model,
  write: WriteModelFile,
  log: Logger,
  options: WriteNeighboursOptions = {},
): Promise<{ n: number; seconds: number }> {
  return (await startNeighbours(model, write, log, options)).finished;
}

/** A precomputation under way: `finished` once neighbours.bin is written; `stop` abandons it. */
export interface NeighbourRun {
  finished: Promise<{ n: number; seconds: number }>;
  stop(): void;
}

/**
 * writeNeighbours that resolves once the work runs on its threads, so the build's own thread can write
 * its search indexes meanwhile (with one thread the lists are computed before it resolves).
 */
export async function startNeighbours(
  model: Model,
  write: WriteModelFile,
  log: Logger,
  options: WriteNeighboursOptions = {},
): Promise<NeighbourRun> {
  const { threads: wanted, pool, ...rest } = options;
  const n = options.n ?? DEFAULT_NEIGHBOURS;
  const threads = pool?.threads ?? neighbourThreads(model.catalog.size, wanted);
  const started = performance.now();
  const compute: NeighbourOptions = {
    ...rest,
    n,
    onProgress: (done, total) => log.progress?.('neighbours', done, total),
  };
  const running =
    threads > 1
      ? await startNeighbourThreads(model, compute, pool ?? spawnNeighbourPool(threads))
      : { finished: Promise.resolve(computeNeighbours(model, compute)), stop: () => {} };
  const finished = running.finished.then(async (result) => {
    const seconds = (performance.now() - started) / 1000;
    await write(NEIGHBOURS_FILE, encodeNeighbours(n, result.index, result.score));
    log.info(
      `neighbours: top ${n} for ${model.catalog.size.toLocaleString('en-US')} movies in ${seconds.toFixed(1)} s (${threads} thread${threads > 1 ? 's' : ''})`,
    );
    return { n, seconds };
  });
  return {
    finished,
    stop: () => {
      finished.catch(() => {});
      running.stop();
    },
  };
}
