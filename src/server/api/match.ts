/**
 * POST /api/match: the catalog movie each row of a rating export stands for, by IMDb id or by title
 * and year through the search resolver. The taste page parses the export in the browser and sends
 * only these keys (no ratings), then makes the taste itself with the same code as `kinema recommend
 * --ratings` (core/ratings/taste-from-export.ts), so a row matches here exactly as it does there.
 */
import { Hono } from 'hono';
import { KinemaError } from '../../core/errors.ts';
import { modelCatalogue } from '../../core/ratings/taste-from-export.ts';
import { TITLE_ID } from '../../core/title-id.ts';
import type { AppEnv } from '../env.ts';
import { jsonBodyLimit, readJsonBody } from './json-body.ts';

/** Rows per request: more than any real export (10,000 films is a lifetime of logging). */
export const MAX_MATCH_ROWS = 20_000;
const MAX_TITLE = 300;

interface MatchKey {
  id?: string;
  title?: string;
  year?: number;
}

export function matchApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.post('/match', jsonBodyLimit(2 * 1024 * 1024), async (c) => {
    const served = c.get('served');
    const keys = matchKeys((await readJsonBody(c.req.raw)).rows);
    const catalogue = modelCatalogue(served.model, served.search);
    const catalog = served.model.catalog;
    const items = keys.map((key) => {
      const row = key.id ? catalogue.byId(key.id) : catalogue.resolve(key.title ?? '', key.year ?? 0);
      if (row === undefined) return null;
      return { id: catalog.id.get(row), title: catalog.title.get(row), year: catalog.year[row]! };
    });
    return c.json({ items });
  });
  return api;
}

function matchKeys(value: unknown): MatchKey[] {
  if (!Array.isArray(value) || value.length > MAX_MATCH_ROWS) {
    throw new KinemaError('bad-input', `rows must be an array of at most ${MAX_MATCH_ROWS} rows`);
  }
  return value.map((row: unknown, i) => {
    const r = (typeof row === 'object' && row !== null ? row : {}) as Record<string, unknown>;
    const at = `rows[${i}]`;
    if (typeof r.id === 'string') {
      if (!TITLE_ID.test(r.id)) throw new KinemaError('bad-input', `${at}.id is not an IMDb title id`);
      return { id: r.id };
    }
    if (typeof r.title !== 'string' || r.title.length === 0 || r.title.length > MAX_TITLE) {
      throw new KinemaError('bad-input', `${at} needs an id or a title of 1 to ${MAX_TITLE} characters`);
    }
    const year = r.year ?? 0;
    if (typeof year !== 'number' || !Number.isInteger(year) || year < 0 || year > 2100) {
      throw new KinemaError('bad-input', `${at}.year must be a year or 0`);
    }
    return { title: r.title, year };
  });
}
