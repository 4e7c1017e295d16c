/** GET /api/status: the served model, its build's evaluation and what the build changed. */
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { modelStatus } from '../model-status.ts';
import { sendJson } from '../respond.ts';

export function statusApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.get('/status', (c) => sendJson(c, modelStatus(c.get('served')), c.get('maxAge')));
  return api;
}
