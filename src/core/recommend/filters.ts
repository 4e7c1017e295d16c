/**
 * List filters compiled once per request into a predicate over catalog rows. Genres include = the movie
 * has at least one of them; exclude = it has none of them. Ranges are inclusive; a runtime range drops
 * movies of unknown runtime.
 */
import type { Catalog } from '../model-catalog.ts';
import { genreMask } from '../genres.ts';
import { KinemaError } from '../errors.ts';
import type { Filters } from './types.ts';

export type RowFilter = (i: number) => boolean;

export const ACCEPT_ALL: RowFilter = () => true;

export function compileFilters(catalog: Catalog, filters: Filters | undefined): RowFilter {
  if (!filters) return ACCEPT_ALL;
  checkRange('year', filters.yearMin, filters.yearMax);
  checkRange('runtime', filters.runtimeMin, filters.runtimeMax);
  const include = filters.genresInclude?.length ? genreMask(filters.genresInclude) : 0;
  const exclude = filters.genresExclude?.length ? genreMask(filters.genresExclude) : 0;
  const yearMin = filters.yearMin ?? -Infinity;
  const yearMax = filters.yearMax ?? Infinity;
  const ratingMin = filters.ratingMin ?? -Infinity;
  const votesMin = filters.votesMin ?? -Infinity;
  const runtimeFilter = filters.runtimeMin !== undefined || filters.runtimeMax !== undefined;
  const runtimeMin = filters.runtimeMin ?? -Infinity;
  const runtimeMax = filters.runtimeMax ?? Infinity;
  const { genres, year, rating, votes, runtime } = catalog;
  return (i) => {
    const g = genres[i]!;
    if (include && !(g & include)) return false;
    if (g & exclude) return false;
    const y = year[i]!;
    if (y < yearMin || y > yearMax) return false;
    if (rating[i]! < ratingMin || votes[i]! < votesMin) return false;
    if (runtimeFilter) {
      const r = runtime[i]!;
      if (r <= 0 || r < runtimeMin || r > runtimeMax) return false;
    }
    return true;
  };
}

function checkRange(name: string, min: number | undefined, max: number | undefined): void {
  if (min !== undefined && max !== undefined && min > max) {
    throw new KinemaError(
      'bad-input',
      `${name} range ${min}-${max} is empty: the minimum is above the maximum`,
    );
  }
}
