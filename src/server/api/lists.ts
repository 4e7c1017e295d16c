/** GET /api/lists/:list: the cold-start lists (popular, top rated, hidden gems) with filters. */
import { Hono } from 'hono';
import { KinemaError } from '../../core/errors.ts';
import type { ListOptions } from '../../core/recommend/types.ts';
import type { AppEnv } from '../env.ts';
import { sendJson } from '../respond.ts';
import type { LoadedModel } from '../loaded-model.ts';
import { clip, filterParams, pageParams, queryOf } from '../params.ts';
import { movieSummary } from '../views.ts';
import { paginate } from './page.ts';

export const LISTS = ['popular', 'top', 'gems'] as const;
export type ListName = (typeof LISTS)[number];

export function listsApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.get('/lists/:list', (c) => {
    const served = c.get('served');
    const list = parseList(c.req.param('list'));
    const q = queryOf(c);
    const { limit, offset } = pageParams(q, 20);
    const found = listOf(served, list, { limit: limit + 1, offset, filters: filterParams(q) });
    const page = paginate(found, offset, limit);
    return sendJson(
      c,
      { list, ...page, items: page.items.map((i) => movieSummary(served, i)) },
      c.get('maxAge'),
    );
  });
  return api;
}

export function parseList(raw: string): ListName {
  if (!(LISTS as readonly string[]).includes(raw)) {
    throw new KinemaError('bad-input', `unknown list ${clip(raw)}`, `one of ${LISTS.join(', ')}`);
  }
  return raw as ListName;
}

export function listOf(
  served: LoadedModel,
  list: ListName,
  options: ListOptions & { cluster?: number },
): number[] {
  const r = served.recommender;
  switch (list) {
    case 'popular':
      return r.popular(options);
    case 'top':
      return r.topRated(options);
    case 'gems':
      return r.hiddenGems(options);
  }
}
