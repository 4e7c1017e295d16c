/**
 * MovieLens ratings through DuckDB (src/db/sql/movielens-*.sql): links.csv maps MovieLens ids to IMDb
 * tconsts, ratings.csv is mapped onto the catalog table, and the result streams out as three flat
 * columns sorted by user and movie. What is skipped is counted, with samples, for the build report.
 */
import type { Db } from './database.ts';
import { loadSql, sqlString } from './database.ts';
import type { RejectSample } from './ingest.ts';

export interface MovieLensSkips {
  /** Lines DuckDB could not parse or type, per file. */
  badRows: { links: number; ratings: number };
  /** links.csv rows whose movieId or imdbId is not a whole number. */
  badLinks: number;
  /** Ratings outside 0.5–5. */
  outOfRange: number;
  /** Ratings of MovieLens movies links.csv does not know. */
  unknownMovies: number;
  /** Ratings of movies linked to IMDb titles outside the catalog. */
  outsideCatalog: number;
  /** Repeated (user, movie) ratings folded into one. */
  duplicates: number;
  samples: { file: string; line?: number; reason: string; text: string }[];
}

export interface MovieLensRatings {
  rows: number;
  users: number;
  /** Per rating, sorted by user then catalog row: dense user number, catalog row, rating. */
  user: Int32Array;
  item: Int32Array;
  rating: Float32Array;
  /** Original MovieLens userId of dense user u. */
  userIds: Int32Array;
  /** Ratings read from ratings.csv. */
  read: number;
  skips: MovieLensSkips;
}

/** Needs the `catalog` table (tconst, idx). */
export async function readMovieLensRatings(
  db: Db,
  files: { links: string; ratings: string },
): Promise<MovieLensRatings> {
  await db.exec(loadSql('movielens-links').replace('{{path}}', sqlString(files.links)));
  await db.exec(loadSql('movielens-ratings').replace('{{path}}', sqlString(files.ratings)));
  const samples: MovieLensSkips['samples'] = [];
  const rejects = async (table: string, file: string) => {
    const [n] = await db.rows<{ n: number }>(`SELECT count(DISTINCT line) AS n FROM ${table}`);
    const rows = await db.rows<RejectSample>(
      `SELECT line, column_name AS "column", error_type || ': ' || error_message AS error, left(csv_line, 200) AS text
       FROM ${table} ORDER BY line LIMIT 5`,
    );
    for (const r of rows) samples.push({ file, line: r.line ?? undefined, reason: r.error, text: r.text });
    await db.exec(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_scan`);
    return n?.n ?? 0;
  };
  const badLinksRows = await rejects('rejects_ml_links', files.links);
  const badRatingsRows = await rejects('rejects_ml_ratings', files.ratings);
  const [counts] = await db.rows<{
    read: number;
    bad_links: number;
    out_of_range: number;
    unknown: number;
    outside: number;
  }>(`SELECT count(*) AS read,
        (SELECT count(*) FROM ml_links WHERE movieId IS NULL OR tconst IS NULL) AS bad_links,
        count(*) FILTER (WHERE NOT r.rating BETWEEN 0.5 AND 5) AS out_of_range,
        count(*) FILTER (WHERE l.tconst IS NULL) AS unknown,
        count(*) FILTER (WHERE l.tconst IS NOT NULL AND r.rating BETWEEN 0.5 AND 5 AND c.tconst IS NULL) AS outside
      -- one pass over the ratings: each movieId linked once, to a catalog title or to nothing
      FROM ml_ratings_raw r
      LEFT JOIN (SELECT movieId, min(tconst) AS tconst FROM ml_links WHERE tconst IS NOT NULL GROUP BY movieId) l
        ON l.movieId = r.movieId
      LEFT JOIN catalog c ON c.tconst = l.tconst`);
  for (const r of await db.rows<{ movieIdText: string; imdbIdText: string }>(
    `SELECT movieIdText, imdbIdText FROM ml_links WHERE movieId IS NULL OR tconst IS NULL LIMIT 5`,
  )) {
    samples.push({
      file: files.links,
      reason: 'movieId or imdbId is not a whole number',
      text: `${r.movieIdText},${r.imdbIdText}`,
    });
  }
  for (const r of await db.rows<{ userId: number; movieId: number; rating: number }>(
    `SELECT userId, movieId, rating FROM ml_ratings_raw WHERE NOT rating BETWEEN 0.5 AND 5 LIMIT 5`,
  )) {
    samples.push({
      file: files.ratings,
      reason: 'rating is not between 0.5 and 5',
      text: `${r.userId},${r.movieId},${r.rating}`,
    });
  }
  const matrix = await db.matrix('SELECT u::FLOAT, idx::FLOAT, rating::FLOAT FROM ml_rated ORDER BY u, idx');
  const users = await db.rows<{ userId: number }>('SELECT DISTINCT u, userId FROM ml_rated ORDER BY u');
  const rows = matrix.rows;
  const user = new Int32Array(rows);
  const item = new Int32Array(rows);
  const rating = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    user[r] = matrix.data[3 * r]!;
    item[r] = matrix.data[3 * r + 1]!;
    rating[r] = matrix.data[3 * r + 2]!;
  }
  const read = counts?.read ?? 0;
  const outOfRange = counts?.out_of_range ?? 0;
  const unknownMovies = counts?.unknown ?? 0;
  const outsideCatalog = counts?.outside ?? 0;
  await db.exec(
    'DROP TABLE IF EXISTS ml_ratings_raw; DROP TABLE IF EXISTS ml_rated; DROP TABLE IF EXISTS ml_links',
  );
  return {
    rows,
    users: users.length,
    user,
    item,
    rating,
    userIds: Int32Array.from(users, (u) => u.userId),
    read,
    skips: {
      badRows: { links: badLinksRows, ratings: badRatingsRows },
      badLinks: counts?.bad_links ?? 0,
      outOfRange,
      unknownMovies,
      outsideCatalog,
      duplicates: Math.max(0, read - outOfRange - unknownMovies - outsideCatalog - rows),
      samples,
    },
  };
}
