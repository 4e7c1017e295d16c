/** GET /api/movies/:id and GET /api/movies/:id/similar. */
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { MODEL_SECTIONS } from '../../core/model-sections.ts';
import { fetchNeighbourRows, loadSections } from '../loaded-model.ts';
import { sendJson } from '../respond.ts';
import { filterParams, movieIndex, numberParam, pageParams, queryOf, tuneParams } from '../params.ts';
import { movieDetail, movieSummary, recommendationView } from '../views.ts';
import { paginate } from './page.ts';

export function moviesApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.get('/movies/:id', (c) => {
    const served = c.get('served');
    return sendJson(c, movieDetail(served, movieIndex(served, c.req.param('id'))), c.get('maxAge'));
  });
  api.get('/movies/:id/similar', async (c) => {
    const served = c.get('served');
    const index = movieIndex(served, c.req.param('id'));
    await fetchNeighbourRows(served, [index]);
    const q = queryOf(c);
    const { limit, offset } = pageParams(q, 12);
    const options = {
      limit: limit + 1,
      offset,
      filters: filterParams(q),
      diversity: numberParam(q, 'diversity', 0, 1),
      tune: tuneParams(q),
    };
    // a lazily loaded model reads the rest first when the list is more than the precomputed row
    if (!served.recommender.similarFromList(index, options)) await loadSections(served, MODEL_SECTIONS);
    const found = served.recommender.similar(index, options);
    const page = paginate(found, offset, limit);
    return sendJson(
      c,
      {
        movie: movieSummary(served, index),
        items: page.items.map((r) => recommendationView(served, r)),
        offset: page.offset,
        limit: page.limit,
        next: page.next,
      },
      c.get('maxAge'),
    );
  });
  return api;
}
