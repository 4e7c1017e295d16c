/** Who is asking: the connection's peer, or the first X-Forwarded-For hop behind a trusted proxy. */
import type { Context } from 'hono';
import type { AppDeps, ServerConfig } from '../deps.ts';

export function clientIpOf(c: Context, deps: AppDeps, config: ServerConfig): string {
  let ip: string | undefined;
  if (config.trustProxy) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  ip ||= deps.clientIp?.(c);
  return (ip ?? 'unknown').slice(0, 64);
}
