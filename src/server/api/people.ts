/** GET /api/people/:id (facts and catalog films with roles) and GET /api/people/:id/similar. */
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { sendJson } from '../respond.ts';
import { pageParams, queryOf } from '../params.ts';
import { personDetail, personIndex, personSimilarRows, personSummary } from '../person-view.ts';
import { movieSummary } from '../views.ts';
import { paginate } from './page.ts';

/** Longest "more like this person's films" list. */
export const PERSON_SIMILAR_MAX = 50;

export function peopleApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.get('/people/:id', (c) => {
    const served = c.get('served');
    return sendJson(c, personDetail(served, personIndex(served, c.req.param('id'))), c.get('maxAge'));
  });
  api.get('/people/:id/similar', async (c) => {
    const served = c.get('served');
    const p = personIndex(served, c.req.param('id'));
    const { limit, offset } = pageParams(queryOf(c), 12);
    const rows = await personSimilarRows(served, p, Math.min(PERSON_SIMILAR_MAX, offset + limit + 1));
    const page = paginate(rows.slice(offset), offset, limit);
    return sendJson(
      c,
      {
        person: personSummary(served.model.people!, p),
        items: page.items.map((i) => movieSummary(served, i)),
        offset: page.offset,
        limit: page.limit,
        next: page.next,
      },
      c.get('maxAge'),
    );
  });
  return api;
}
