/** POST /api/recommend: recommendations from a taste (liked, disliked and seen tt ids) with filters. */
import { Hono } from 'hono';
import { KinemaError } from '../../core/errors.ts';
import type { Filters } from '../../core/recommend/types.ts';
import type { AppEnv } from '../env.ts';
import { fetchNeighbourRows } from '../loaded-model.ts';
import { MAX_LIMIT, MAX_OFFSET, filterParams, intParam, knownIndices, numberParam } from '../params.ts';
import { recommendationView } from '../views.ts';
import { jsonBodyLimit, readJsonBody } from './json-body.ts';
import { paginate } from './page.ts';

/** Ids per list; a taste larger than this is not a person's taste. */
export const MAX_TASTE = 500;

export interface TasteRequest {
  liked: string[];
  disliked?: string[];
  seen?: string[];
  filters?: Record<string, string | number>;
  limit?: number;
  offset?: number;
  diversity?: number;
}

export function recommendApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.post('/recommend', jsonBodyLimit(64 * 1024), async (c) => {
    const served = c.get('served');
    const body = await readJsonBody(c.req.raw);
    const q = fieldReader(body);
    const limit = intParam(q, 'limit', 1, MAX_LIMIT, 20)!;
    const offset = intParam(q, 'offset', 0, MAX_OFFSET, 0)!;
    const liked = knownIndices(served, idList(body.liked, 'liked'));
    const disliked = knownIndices(served, idList(body.disliked, 'disliked'));
    const seen = knownIndices(served, idList(body.seen, 'seen'));
    const input = { liked: liked.rows, disliked: disliked.rows, seen: seen.rows };
    await fetchNeighbourRows(served, served.recommender.tasteProfile(input.liked));
    const found = served.recommender.taste(input, {
      limit: limit + 1,
      offset,
      filters: filtersOf(body.filters),
      diversity: numberParam(q, 'diversity', 0, 1),
    });
    const page = paginate(found, offset, limit);
    const unknown = [...liked.unknown, ...disliked.unknown, ...seen.unknown];
    return c.json({ ...page, items: page.items.map((r) => recommendationView(served, r)), unknown });
  });
  return api;
}

// --- internal ---

/** Scalar body fields read like query parameters, so the same validators apply. */
function fieldReader(body: Record<string, unknown>): (name: string) => string | undefined {
  return (name) => {
    const v = body[name];
    return typeof v === 'number' || typeof v === 'string' ? String(v) : undefined;
  };
}

function idList(value: unknown, name: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_TASTE || !value.every((v) => typeof v === 'string')) {
    throw new KinemaError('bad-input', `${name} must be an array of at most ${MAX_TASTE} movie ids`);
  }
  return value as string[];
}

function filtersOf(value: unknown): Filters | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KinemaError('bad-input', 'filters must be an object like {"genres":"Drama","yearMin":1990}');
  }
  const record = value as Record<string, unknown>;
  return filterParams((name) => {
    const v = record[name];
    if (Array.isArray(v)) return v.join(',');
    return typeof v === 'number' || typeof v === 'string' ? String(v) : undefined;
  });
}
