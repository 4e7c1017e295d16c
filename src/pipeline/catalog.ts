/**
 * Build step: the catalog table in DuckDB (which movies, in which order) and its serve-time columns.
 * Presets live in src/db/sql/catalog-*.sql; see the README for why the default keeps ≥ 100 votes.
 */
import type { Db } from '../db/database.ts';
import { loadSql } from '../db/database.ts';
import { genreMask } from '../core/genres.ts';
import { KinemaError } from '../core/errors.ts';

export type CatalogPreset = 'kinema' | 'original';

export interface CatalogOptions {
  preset: CatalogPreset;
  minVotes: number;
  /** Movies with a later startYear are not released yet. */
  year: number;
  /** Votes a movie needs before its own rating outweighs the catalog mean (Bayesian rating). */
  bayesM: number;
}

export interface CatalogRows {
  size: number;
  meanRating: number;
  id: string[];
  title: string[];
  originalTitle: string[];
  year: number[];
  runtime: number[];
  genres: number[];
  rating: number[];
  votes: number[];
  bayes: number[];
}

export async function buildCatalog(db: Db, options: CatalogOptions): Promise<CatalogRows> {
  await db.exec(loadSql(`catalog-${options.preset}`), { year: options.year, min_votes: options.minVotes });
  await db.exec(loadSql('catalog-bayes'), { m: options.bayesM });
  // strings as joined blocks and numbers as columns: an object per row costs a native call per value
  const text = await db.joined<{ id: string; title: string; originalTitle: string; genres: string }>(
    loadSql('catalog-strings'),
  );
  const numbers = await db.columns<{
    year: number;
    runtime: number | null;
    rating: number;
    votes: number;
    bayes: number;
  }>('SELECT year, runtime, rating, votes, bayes FROM catalog ORDER BY idx');
  const size = numbers.year.length;
  if (size === 0) {
    throw new KinemaError(
      'bad-input',
      `the ${options.preset} catalog is empty: no released, non-adult movie with a rating and ≥ ${options.minVotes} votes`,
      'check the data folder, or lower --min-votes',
    );
  }
  const { id, title } = text;
  let sum = 0;
  for (const r of numbers.rating) sum += r;
  return {
    size,
    meanRating: round(sum / size, 6),
    id,
    title,
    originalTitle: text.originalTitle.map((o, i) => (o !== title[i] ? o : '')),
    year: numbers.year,
    runtime: numbers.runtime.map((r) => (r && r > 0 && r < 32768 ? r : 0)),
    genres: text.genres.map((g) => genreMask(g ? g.split(',') : [])),
    rating: numbers.rating,
    votes: numbers.votes,
    bayes: numbers.bayes.map((b) => round(b, 4)),
  };
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
