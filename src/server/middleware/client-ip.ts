/**
 * Who is asking: the connection's peer, or, behind `trustProxy` proxies, the address the nearest of them
 * saw. Proxies (nginx, ALB, CloudFront) append the peer they saw to X-Forwarded-For, so only the last
 * `hops` entries were written by someone we trust; everything left of them is what the client sent.
 */
import type { Context } from 'hono';
import type { AppDeps, ServerConfig } from '../deps.ts';

export function clientIpOf(c: Context, deps: AppDeps, config: ServerConfig): string {
  let ip: string | undefined;
  const hops = config.trustProxy === true ? 1 : Number(config.trustProxy) || 0;
  if (hops > 0) {
    const list = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim());
    // fewer entries than trusted hops: the left-most is as far as anyone vouches for
    ip = list[Math.max(0, list.length - hops)];
  }
  ip ||= deps.clientIp?.(c);
  return (ip ?? 'unknown').slice(0, 64);
}
