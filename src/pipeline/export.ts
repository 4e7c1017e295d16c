/**
 * `kinema export`: the model's movies with their cluster and distance, in the original's CSV columns
 * (id, title, year, genres, rating, votes, cluster, distance), or as Parquet or JSON.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceAtomicSync } from '../io/atomic.ts';
import { csvLine } from '../core/csv.ts';
import { genreNames } from '../core/genres.ts';
import { KinemaError } from '../core/errors.ts';
import type { Catalog } from '../core/model.ts';
import { decodeCatalogFile } from '../core/model-binary.ts';

export type ExportFormat = 'csv' | 'json' | 'parquet';

const COLUMNS = ['id', 'title', 'year', 'genres', 'rating', 'votes', 'cluster', 'distance'] as const;

/** Renders the export; Parquet is the model's own movies.parquet, so it is returned as a path. */
export function renderExport(modelDir: string, format: ExportFormat): { text: string } | { path: string } {
  if (format === 'parquet') {
    const path = join(modelDir, 'movies.parquet');
    if (!existsSync(path)) throw new KinemaError('model', `${path} is missing`, 'run `kinema build`');
    return { path };
  }
  const catalog = readCatalog(modelDir);
  const rows = Array.from({ length: catalog.size }, (_, i) => ({
    id: catalog.id.get(i),
    title: catalog.title.get(i),
    year: catalog.year[i]!,
    genres: genreNames(catalog.genres[i]!).join(','),
    rating: shortest(catalog.rating[i]!),
    votes: catalog.votes[i]!,
    cluster: catalog.cluster[i]!,
    distance: shortest(catalog.distance[i]!),
  }));
  if (format === 'json') return { text: `${JSON.stringify(rows)}\n` };
  const parts = [csvLine([...COLUMNS])];
  for (const row of rows) parts.push(csvLine(COLUMNS.map((c) => row[c])));
  return { text: parts.join('') };
}

/** Writes an export atomically: a failed write leaves any earlier file at `out` untouched. */
export function writeExport(result: { text: string } | { path: string }, out: string): void {
  try {
    replaceAtomicSync(out, (temp) => {
      if ('path' in result) copyFileSync(result.path, temp);
      else writeFileSync(temp, result.text);
    });
  } catch (error) {
    throw new KinemaError('io', `cannot write ${out}: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
}

/** The shortest decimal that is the same float32: 7.3 stays "7.3", not 7.300000190734863. */
function shortest(x: number): number {
  for (let digits = 1; digits < 9; digits++) {
    const y = Number(x.toPrecision(digits));
    if (Math.fround(y) === x) return y;
  }
  return x;
}

function readCatalog(modelDir: string): Catalog {
  const path = join(modelDir, 'catalog.bin');
  if (!existsSync(path)) {
    if (existsSync(join(modelDir, 'catalog.json'))) {
      throw new KinemaError(
        'model',
        `the model in ${modelDir} has an older format (catalog.json, no catalog.bin)`,
        'rebuild it with `kinema build --force`',
      );
    }
    throw new KinemaError('model', `no model in ${modelDir} (catalog.bin missing)`, 'run `kinema build`');
  }
  return decodeCatalogFile(readFileSync(path)).catalog;
}
