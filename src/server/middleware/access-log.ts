/** One JSON line per request through the injected logger: method, path, status, time, client, country. */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../core/log.ts';
import type { AppEnv } from '../env.ts';

export function accessLog(log: Logger, now: () => number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = now();
    await next();
    log.info(
      JSON.stringify({
        t: new Date(start).toISOString(),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: now() - start,
        ip: c.get('clientIp'),
        country: c.get('country'),
        model: c.get('served')?.version,
      }),
    );
  };
}
