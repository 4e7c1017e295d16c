/**
 * Validation of every request parameter: ids, numbers with bounds, genre lists, free text. Bad input
 * is a KinemaError('bad-input') naming the parameter and the value, which onError turns into a 400.
 */
import { KinemaError } from '../core/errors.ts';
import { GENRES, type Genre } from '../core/genres.ts';
import type { Filters } from '../core/recommend/types.ts';
import { TITLE_ID } from '../core/title-id.ts';
import { parseMoves, parseWeights, type Tune } from '../core/recommend/tune.ts';
import type { LoadedModel } from './loaded-model.ts';

export const MAX_QUERY = 100;
export const MAX_LIMIT = 100;
export const MAX_OFFSET = 10_000;

type Query = (name: string) => string | undefined;

/**
 * Every query parameter a GET route reads. The response cache keys on these alone (respond.ts), so
 * parameters no route reads cannot multiply its entries; queryOf refuses a name missing here, so a new
 * parameter cannot be forgotten (two URLs differing in it would share an entry).
 */
export const QUERY_PARAMS = [
  'q',
  'limit',
  'offset',
  'diversity',
  'tune',
  'weights',
  'genre',
  'genres',
  'excludeGenres',
  'decade',
  'sort',
  'yearMin',
  'yearMax',
  'ratingMin',
  'votesMin',
  'runtimeMin',
  'runtimeMax',
  'liked',
  'cluster',
] as const;
/** Read with every value (`c.req.queries`), not just the first. */
export const MULTI_PARAMS: ReadonlySet<string> = new Set(['liked', 'cluster']);
const KNOWN: ReadonlySet<string> = new Set(QUERY_PARAMS);

/**
 * The request's query parameters, parsed once (first value of each name). Asking Hono for one name
 * at a time re-parses the whole query string per name whenever it holds a %-escape or a `+`.
 */
export function queryOf(c: { req: { query(): Record<string, string> } }): Query {
  const all = c.req.query();
  return (name) => {
    if (!KNOWN.has(name)) throw new Error(`query parameter ${name} is not in QUERY_PARAMS`);
    return all[name];
  };
}

/** Catalog row of a tt id, or a 400 (malformed) / 404 (not in this model). */
export function movieIndex(served: LoadedModel, id: string): number {
  if (!TITLE_ID.test(id))
    throw new KinemaError('bad-input', `invalid movie id: ${clip(id)}`, 'ids look like tt0068646');
  const index = served.model.byId.get(id);
  if (index === undefined) throw new KinemaError('not-found', `movie ${id} is not in the catalog`);
  return index;
}

/**
 * Catalog rows of well-formed ids, skipping ids this model does not have: a taste kept in a browser
 * outlives rebuilds, and one dropped movie must not void the rest. Returns the skipped ids too.
 */
export function knownIndices(
  served: LoadedModel,
  ids: readonly string[],
): { rows: number[]; unknown: string[] } {
  const rows: number[] = [];
  const unknown: string[] = [];
  for (const id of new Set(ids)) {
    if (!TITLE_ID.test(id))
      throw new KinemaError('bad-input', `invalid movie id: ${clip(id)}`, 'ids look like tt0068646');
    const row = served.model.byId.get(id);
    if (row === undefined) unknown.push(id);
    else rows.push(row);
  }
  return { rows, unknown };
}

export function intParam(
  query: Query,
  name: string,
  min: number,
  max: number,
  fallback?: number,
): number | undefined {
  const raw = query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d{1,9}$/.test(raw))
    throw new KinemaError('bad-input', `${name} must be an integer, got ${clip(raw)}`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new KinemaError('bad-input', `${name} must be in [${min}, ${max}], got ${value}`);
  return value;
}

export function numberParam(query: Query, name: string, min: number, max: number): number | undefined {
  const raw = query(name);
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!/^-?\d{1,9}(\.\d{1,6})?$/.test(raw) || value < min || value > max) {
    throw new KinemaError('bad-input', `${name} must be a number in [${min}, ${max}], got ${clip(raw)}`);
  }
  return value;
}

export function pageParams(query: Query, defaultLimit = 20): { limit: number; offset: number } {
  return {
    limit: intParam(query, 'limit', 1, MAX_LIMIT, defaultLimit)!,
    offset: intParam(query, 'offset', 0, MAX_OFFSET, 0)!,
  };
}

/** Free text: trimmed, at most MAX_QUERY characters, no control characters. */
export function textParam(query: Query, name: string, required: boolean): string {
  const raw = (query(name) ?? '').trim();
  if (required && raw === '') throw new KinemaError('bad-input', `${name} is required`);
  if (raw.length > MAX_QUERY)
    throw new KinemaError('bad-input', `${name} is longer than ${MAX_QUERY} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw))
    throw new KinemaError('bad-input', `${name} contains control characters`);
  return raw;
}

export function genreList(raw: string | undefined, name: string): Genre[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > 400) throw new KinemaError('bad-input', `${name} is too long`);
  return raw.split(',').map((part) => {
    const genre = GENRES.find((g) => g.toLowerCase() === part.trim().toLowerCase());
    if (!genre)
      throw new KinemaError(
        'bad-input',
        `unknown genre in ${name}: ${clip(part)}`,
        `one of ${GENRES.join(', ')}`,
      );
    return genre;
  });
}

/** The list filters shared by similar, recommend, clusters and lists; undefined when none given. */
export function filterParams(query: Query): Filters | undefined {
  const filters: Filters = {
    genresInclude: genreList(query('genres'), 'genres'),
    genresExclude: genreList(query('excludeGenres'), 'excludeGenres'),
    yearMin: intParam(query, 'yearMin', 1870, 2100),
    yearMax: intParam(query, 'yearMax', 1870, 2100),
    ratingMin: numberParam(query, 'ratingMin', 0, 10),
    votesMin: intParam(query, 'votesMin', 0, 100_000_000),
    runtimeMin: intParam(query, 'runtimeMin', 0, 2000),
    runtimeMax: intParam(query, 'runtimeMax', 0, 2000),
  };
  const present = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
  return Object.keys(present).length ? (present as Filters) : undefined;
}

/** `tune=newer,lighter` and `weights=genres:1.5,era:0.5` of a similar list; undefined when neither. */
export function tuneParams(query: Query): Tune | undefined {
  const moves = query('tune');
  const weights = query('weights');
  if (!moves && !weights) return undefined;
  for (const [name, raw] of [
    ['tune', moves],
    ['weights', weights],
  ] as const) {
    if (raw && raw.length > 200) throw new KinemaError('bad-input', `${name} is too long`);
  }
  return { moves: moves ? parseMoves(moves) : [], weights: weights ? parseWeights(weights) : {} };
}

export function clip(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(short);
}
