/**
 * GET /api/search: typo-tolerant title search for autocomplete and the results page, and on the first
 * page the people whose name has every word typed ("nolan" → Christopher Nolan).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import type { LoadedModel } from '../loaded-model.ts';
import { sendJson } from '../respond.ts';
import { pageParams, queryOf, textParam } from '../params.ts';
import { scoredSummary } from '../views.ts';
import { peopleSearch, personSummary } from '../person-view.ts';
import { paginate } from './page.ts';

export function searchApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.get('/search', (c) => {
    const served = c.get('served');
    const q = queryOf(c);
    const query = textParam(q, 'q', true);
    const { limit, offset } = pageParams(q, 10);
    const hits = served.search.search(query, offset + limit + 1).slice(offset);
    const page = paginate(hits, offset, limit);
    return sendJson(
      c,
      {
        query,
        people: offset === 0 ? searchPeople(served, query) : [],
        items: page.items.map((h) => scoredSummary(served, h.index, h.score)),
        offset: page.offset,
        limit: page.limit,
        next: page.next,
      },
      c.get('maxAge'),
    );
  });
  return api;
}

/** People shown beside the title hits: at most three, direct name matches only. */
export const PEOPLE_HITS = 3;

export function searchPeople(served: LoadedModel, query: string) {
  const people = served.model.people;
  const search = peopleSearch(served);
  if (!people || !search) return [];
  return search
    .search(query, PEOPLE_HITS)
    .map((h) => ({ ...personSummary(people, h.index), score: Math.round(h.score * 1e4) / 1e4 }));
}
