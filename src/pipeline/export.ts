/**
 * `kinema export`: the model's movies with their cluster and distance, in the original's CSV columns
 * (id, title, year, genres, rating, votes, cluster, distance), or as Parquet or JSON with the same
 * columns (genres a list there, as the API gives them; comma-joined in CSV). The model's full table
 * stays in model/movies.parquet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeExportParquet } from '../db/export.ts';
import { replaceAtomic } from '../io/atomic.ts';
import { csvLine } from '../core/csv.ts';
import { genreNames } from '../core/genres.ts';
import { KinemaError } from '../core/errors.ts';
import type { Catalog } from '../core/model-catalog.ts';
import { decodeCatalogFile } from '../core/model-binary.ts';

export type ExportFormat = 'csv' | 'json' | 'parquet';

const COLUMNS = ['id', 'title', 'year', 'genres', 'rating', 'votes', 'cluster', 'distance'] as const;

export interface ExportRow {
  id: string;
  title: string;
  year: number;
  genres: string[];
  rating: number;
  votes: number;
  cluster: number;
  distance: number;
}

/** CSV and JSON are rendered as text; Parquet rows are written by DuckDB (`writeExport`). */
export type ExportResult = { text: string } | { rows: ExportRow[] };

export function renderExport(modelDir: string, format: ExportFormat): ExportResult {
  const catalog = readCatalog(modelDir);
  const rows: ExportRow[] = Array.from({ length: catalog.size }, (_, i) => ({
    id: catalog.id.get(i),
    title: catalog.title.get(i),
    year: catalog.year[i]!,
    genres: genreNames(catalog.genres[i]!),
    rating: shortest(catalog.rating[i]!),
    votes: catalog.votes[i]!,
    cluster: catalog.cluster[i]!,
    distance: shortest(catalog.distance[i]!),
  }));
  if (format === 'parquet') return { rows };
  if (format === 'json') return { text: `${JSON.stringify(rows)}\n` };
  const parts = [csvLine([...COLUMNS])];
  for (const row of rows)
    parts.push(csvLine(COLUMNS.map((c) => (c === 'genres' ? row.genres.join(',') : row[c]))));
  return { text: parts.join('') };
}

/** Writes an export atomically: a failed write leaves any earlier file at `out` untouched. */
export async function writeExport(result: ExportResult, out: string): Promise<void> {
  try {
    await replaceAtomic(out, async (temp) => {
      if ('text' in result) return writeFile(temp, result.text);
      const rowsFile = `${temp}.rows.json`;
      try {
        await writeFile(rowsFile, result.rows.map((row) => JSON.stringify(row)).join('\n'));
        await writeExportParquet(rowsFile, temp);
      } finally {
        await rm(rowsFile, { force: true });
      }
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
