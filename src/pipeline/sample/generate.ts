/**
 * `kinema sample`: writes all six IMDb files, in the official format, from a seed. Scale 1.0 is about the
 * size of the real files (11.5M titles, 53M akas, 90M principals, 14M people); the same seed, scale and
 * year always give byte-identical files.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { KinemaError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import { imdbTable, IMDB_TABLE_NAMES, type ImdbTable } from '../../core/tables.ts';
import { completeSidecar, removeFile } from '../_sidecar.ts';
import { GENERATORS, WORK } from './generators.ts';
import { writeTableInWorker } from './table-worker.ts';
import { sampleShape } from './titles.ts';
import { writeTable, type WrittenTable } from './write-table.ts';

/** "This year" of generated data; fixed so output doesn't change with the clock. */
export const DEFAULT_SAMPLE_YEAR = 2026;
export const MAX_SCALE = 4;

export interface SampleOptions {
  /** 1.0 ≈ the real files; 0.001 ≈ 11.5k titles. */
  scale: number;
  out: string;
  seed: number;
  /** Titles after this year are unreleased. */
  year?: number;
  only?: readonly ImdbTable[];
  /** gzip level 1–9; 1 is fastest. */
  level?: number;
  /**
   * Worker threads, each writing whole tables (biggest first). 1 or less: every table in this thread,
   * interleaved. Default: the number of cores, capped at 4.
   */
  threads?: number;
}

export interface SampleFile {
  table: ImdbTable;
  path: string;
  rows: number;
  /** Size of the .tsv.gz. */
  bytes: number;
  /** Uncompressed size. */
  textBytes: number;
}

export async function generateSample(
  options: SampleOptions,
  /** `cores` (os.availableParallelism()) sets the default thread count; without it, one thread. */
  effects: { log: Logger; cores?: number },
): Promise<SampleFile[]> {
  const { scale, seed } = options;
  if (!(scale > 0 && scale <= MAX_SCALE)) {
    throw new KinemaError(
      'bad-input',
      `--scale must be in (0, ${MAX_SCALE}], got ${scale}`,
      'try --scale 0.01 (115k titles) or 1 (full size)',
    );
  }
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new KinemaError('bad-input', `--seed must be a whole number ≥ 0, got ${seed}`);
  const level = options.level ?? 1;
  const shape = sampleShape(scale, seed >>> 0, options.year ?? DEFAULT_SAMPLE_YEAR);
  const tables = IMDB_TABLE_NAMES.filter((t) => !options.only || options.only.includes(t));
  await mkdir(options.out, { recursive: true });

  const threads = Math.min(options.threads ?? Math.min(4, effects.cores ?? 1), tables.length);
  const results: SampleFile[] = [];
  const queue = [...tables].sort((a, b) => WORK[b] - WORK[a]);
  const run = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const path = join(options.out, imdbTable(name).file);
      const written: WrittenTable =
        threads > 1
          ? await writeTableInWorker({ table: name, shape, path, level }, effects.log)
          : await writeTable(GENERATORS[name], shape, path, level, effects.log);
      // validators of a real download no longer describe this file
      await removeFile(completeSidecar(path));
      const bytes = (await stat(path)).size;
      effects.log.info(`${imdbTable(name).file}: ${written.rows.toLocaleString('en-US')} rows`);
      results.push({ table: name, path, rows: written.rows, bytes, textBytes: written.textBytes });
    }
  };
  // in one thread all tables interleave; with workers, each takes the next-biggest table
  await Promise.all(Array.from({ length: threads > 1 ? threads : tables.length }, run));
  return tables.map((t) => results.find((r) => r.table === t)!);
}
