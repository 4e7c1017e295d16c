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
  const rows = await db.rows<{
    tconst: string;
    title: string | null;
    originalTitle: string | null;
    year: number;
    runtime: number | null;
    genres: string | null;
    rating: number;
    votes: number;
    bayes: number;
  }>(
    'SELECT tconst, title, originalTitle, year, runtime, genres, rating, votes, bayes FROM catalog ORDER BY idx',
  );
  if (rows.length === 0) {
    throw new KinemaError(
      'bad-input',
      `the ${options.preset} catalog is empty: no released, non-adult movie with a rating and ≥ ${options.minVotes} votes`,
      'check the data folder, or lower --min-votes',
    );
  }
  const out: CatalogRows = {
    size: rows.length,
    meanRating: 0,
    id: [],
    title: [],
    originalTitle: [],
    year: [],
    runtime: [],
    genres: [],
    rating: [],
    votes: [],
    bayes: [],
  };
  let sum = 0;
  for (const r of rows) {
    const title = r.title ?? r.originalTitle ?? r.tconst;
    out.id.push(r.tconst);
    out.title.push(title);
    out.originalTitle.push(r.originalTitle && r.originalTitle !== title ? r.originalTitle : '');
    out.year.push(r.year);
    out.runtime.push(r.runtime && r.runtime > 0 && r.runtime < 32768 ? r.runtime : 0);
    out.genres.push(genreMask(r.genres ? r.genres.split(',') : []));
    out.rating.push(r.rating);
    out.votes.push(r.votes);
    out.bayes.push(round(r.bayes, 4));
    sum += r.rating;
  }
  out.meanRating = round(sum / rows.length, 6);
  return out;
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
