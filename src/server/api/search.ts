/** GET /api/search: typo-tolerant title search for autocomplete and the results page. */
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { sendJson } from '../respond.ts';
import { pageParams, queryOf, textParam } from '../params.ts';
import { scoredSummary } from '../views.ts';
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
