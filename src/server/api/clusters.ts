/** GET /api/clusters, /api/clusters/:id and /api/clusters/:id/movies (popular, top or gems). */
import { Hono } from 'hono';
import { KinemaError } from '../../core/errors.ts';
import type { AppEnv } from '../env.ts';
import { sendJson } from '../respond.ts';
import type { LoadedModel } from '../loaded-model.ts';
import { filterParams, intParam, pageParams, queryOf } from '../params.ts';
import { movieSummary } from '../views.ts';
import { listOf, parseList } from './lists.ts';
import { paginate } from './page.ts';

export function clustersApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.get('/clusters', (c) => sendJson(c, { items: c.get('served').clusters }, c.get('maxAge')));
  api.get('/clusters/:id', (c) => {
    const served = c.get('served');
    return sendJson(c, served.clusters[clusterId(served, c.req.param('id'))], c.get('maxAge'));
  });
  api.get('/clusters/:id/movies', (c) => {
    const served = c.get('served');
    const cluster = clusterId(served, c.req.param('id'));
    const q = queryOf(c);
    const list = parseList(c.req.query('sort') ?? 'popular');
    const { limit, offset } = pageParams(q, 20);
    const found = listOf(served, list, { limit: limit + 1, offset, filters: filterParams(q), cluster });
    const page = paginate(found, offset, limit);
    return sendJson(
      c,
      { cluster, sort: list, ...page, items: page.items.map((i) => movieSummary(served, i)) },
      c.get('maxAge'),
    );
  });
  return api;
}

export function clusterId(served: LoadedModel, raw: string): number {
  const id = intParam(() => raw, 'cluster id', 0, 100_000)!;
  if (id >= served.clusters.length) throw new KinemaError('not-found', `cluster ${id} does not exist`);
  return id;
}
