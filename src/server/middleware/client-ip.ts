/** Who is asking: the connection's peer, or the first X-Forwarded-For hop behind a trusted proxy. */
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, ServerConfig } from '../deps.ts';
import type { AppEnv } from '../env.ts';

export function clientIp(deps: AppDeps, config: ServerConfig): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let ip: string | undefined;
    if (config.trustProxy) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    ip ||= deps.clientIp?.(c);
    c.set('clientIp', (ip ?? 'unknown').slice(0, 64));
    await next();
  };
}
