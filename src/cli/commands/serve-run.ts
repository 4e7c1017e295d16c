import { KinemaError } from '../../core/errors.ts';
import { resolve } from 'node:path';
import { recover } from '../../pipeline/model-write.ts';
import { startServer } from '../../runtime/node.ts';
import type { GeoConfig } from '../../server/deps.ts';
import { terminalLogger } from '../output.ts';
import { tmdbSettings } from '../tmdb-flags.ts';
import type { ServeFlags } from './serve.ts';

export async function runServe(flags: ServeFlags): Promise<void> {
  const log = terminalLogger();
  // a build killed between its two renames leaves the model moved aside: put it back
  recover(resolve(flags.model));
  const server = await startServer({
    modelDir: flags.model,
    host: flags.host,
    port: flags.port,
    log,
    config: {
      geo: geoConfig(flags),
      trustProxy: flags.trustProxy ?? false,
      rateLimit: { max: flags.rateLimit, windowMs: 60_000 },
      accessLog: flags.accessLog,
    },
    tmdb: tmdbSettings(flags, flags.model),
  });
  process.stdout.write(`${server.url}\n`);
  await server.closed;
}

export function geoConfig(flags: Pick<ServeFlags, 'geoAllow' | 'geoDeny' | 'trustCdnCountry'>): GeoConfig {
  if (flags.geoAllow && flags.geoDeny) {
    throw new KinemaError('bad-input', '--geo-allow and --geo-deny cannot be combined', 'pick one list');
  }
  const raw = flags.geoAllow ?? flags.geoDeny;
  const countries = raw ? raw.split(',').map((c) => c.trim().toUpperCase()) : [];
  const bad = countries.find((c) => !/^[A-Z]{2}$/.test(c));
  if (bad !== undefined) {
    throw new KinemaError(
      'bad-input',
      `not an ISO country code: "${bad}"`,
      'use two letters, e.g. --geo-allow US,CA',
    );
  }
  return {
    mode: flags.geoAllow ? 'allow' : flags.geoDeny ? 'deny' : 'off',
    countries,
    trustCdnHeader: Boolean(flags.trustCdnCountry),
  };
}
