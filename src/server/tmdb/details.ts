/**
 * What kinema keeps of a TMDB movie: image paths, the plot line, the original language and where it
 * can be watched in one region (TMDB's watch providers, which come from JustWatch). Parsed from TMDB's
 * JSON field by field, so a changed or broken answer is an error and never half a record.
 */

export interface WatchProvider {
  name: string;
  /** TMDB image path of the provider's logo, e.g. "/abc.jpg". */
  logo?: string;
}

export interface WatchOptions {
  /** TMDB's page for the movie's offers in the region (it links on to JustWatch). */
  link?: string;
  stream: WatchProvider[];
  rent: WatchProvider[];
  buy: WatchProvider[];
}

export interface TmdbDetails {
  tmdbId: number;
  poster?: string;
  backdrop?: string;
  overview?: string;
  tagline?: string;
  /** ISO 639-1, as TMDB gives it ("en", "ja"). */
  language?: string;
  /** The region the watch options are for (ISO 3166-1, upper case). */
  region: string;
  watch?: WatchOptions;
}

/**
 * One cached answer per movie. `absent`: TMDB has no such film (an answer worth keeping, so it is not
 * asked again before the TTL). Failed requests are never entries.
 */
export type CacheEntry =
  | { v: 1; id: string; fetchedAt: number; status: 'found'; details: TmdbDetails }
  | { v: 1; id: string; fetchedAt: number; status: 'absent' };

/** Poster width for cards and the movie page (TMDB serves fixed widths; w342 is sharp at 2x 150 px). */
export const POSTER_SIZE = 'w342';
export const BACKDROP_SIZE = 'w1280';
export const LOGO_SIZE = 'w92';
export const IMAGE_HOST = 'https://image.tmdb.org';

export function imageUrl(path: string, size: string): string {
  return `${IMAGE_HOST}/t/p/${size}${path}`;
}

export class TmdbFormatError extends Error {
  override readonly name = 'TmdbFormatError';
}

/** The first movie of a /find answer, or undefined when TMDB knows none for the IMDb id. */
export function parseFind(json: unknown): number | undefined {
  const results = field(json, 'movie_results');
  if (!Array.isArray(results)) throw new TmdbFormatError('find: movie_results is not a list');
  if (results.length === 0) return undefined;
  const id = field(results[0], 'id');
  if (!Number.isSafeInteger(id) || (id as number) <= 0) throw new TmdbFormatError('find: bad movie id');
  return id as number;
}

/** A /movie/{id}?append_to_response=watch/providers answer, for `region`. */
export function parseMovie(json: unknown, region: string): TmdbDetails {
  const tmdbId = field(json, 'id');
  if (!Number.isSafeInteger(tmdbId) || (tmdbId as number) <= 0)
    throw new TmdbFormatError('movie: id is not a positive integer');
  const details: TmdbDetails = { tmdbId: tmdbId as number, region };
  const poster = imagePath(json, 'poster_path');
  const backdrop = imagePath(json, 'backdrop_path');
  const overview = text(json, 'overview', 4000);
  const tagline = text(json, 'tagline', 400);
  const language = field(json, 'original_language');
  if (poster) details.poster = poster;
  if (backdrop) details.backdrop = backdrop;
  if (overview) details.overview = overview;
  if (tagline) details.tagline = tagline;
  if (typeof language === 'string' && /^[a-z]{2,3}$/.test(language)) details.language = language;
  const watch = parseWatch(field(field(field(json, 'watch/providers'), 'results'), region));
  if (watch) details.watch = watch;
  return details;
}

/** A cache file's JSON, or undefined when it is not one this version wrote (then it is refetched). */
export function parseEntry(json: unknown, id: string): CacheEntry | undefined {
  if (field(json, 'v') !== 1 || field(json, 'id') !== id) return undefined;
  const fetchedAt = field(json, 'fetchedAt');
  if (typeof fetchedAt !== 'number' || !Number.isFinite(fetchedAt)) return undefined;
  const status = field(json, 'status');
  if (status === 'absent') return { v: 1, id, fetchedAt, status };
  if (status !== 'found') return undefined;
  const d = field(json, 'details');
  if (!Number.isSafeInteger(field(d, 'tmdbId')) || typeof field(d, 'region') !== 'string') return undefined;
  return { v: 1, id, fetchedAt, status, details: d as TmdbDetails };
}

// --- internal ---

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/** TMDB image paths look like "/kqjL17yufvn9OVLyXYpvtyrFfak.jpg"; anything else is dropped. */
function imagePath(json: unknown, name: string): string | undefined {
  const value = field(json, name);
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') throw new TmdbFormatError(`${name} is not a string`);
  return /^\/[A-Za-z0-9_-]{1,80}\.(?:jpg|jpeg|png|svg|webp)$/.test(value) ? value : undefined;
}

function text(json: unknown, name: string, max: number): string | undefined {
  const value = field(json, name);
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') throw new TmdbFormatError(`${name} is not a string`);
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

function parseWatch(json: unknown): WatchOptions | undefined {
  if (json === undefined) return undefined;
  const list = (name: string): WatchProvider[] => {
    const items = field(json, name);
    if (!Array.isArray(items)) return [];
    const out: WatchProvider[] = [];
    for (const item of items.slice(0, 20)) {
      const name = text(item, 'provider_name', 80);
      if (!name) continue;
      const logo = imagePath(item, 'logo_path');
      out.push(logo ? { name, logo } : { name });
    }
    return out;
  };
  const watch: WatchOptions = { stream: list('flatrate'), rent: list('rent'), buy: list('buy') };
  const link = field(json, 'link');
  if (typeof link === 'string' && /^https:\/\/www\.themoviedb\.org\/[^\s"<>]{1,300}$/.test(link))
    watch.link = link;
  return watch.stream.length + watch.rent.length + watch.buy.length > 0 ? watch : undefined;
}
