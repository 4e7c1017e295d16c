/**
 * The Lambda function's settings, read once from its environment (set by deploy/template.yaml).
 * Bad values fail the cold start with a message naming the variable, visible in CloudWatch.
 */
import { KinemaError } from '../core/errors.ts';

export interface LambdaConfig {
  model: { source: 'bundle'; dir: string } | { source: 's3'; bucket: string; prefix: string };
  /** Where app.css and friends are, inside the bundle. */
  assetsDir: string;
  geo: { mode: 'off' | 'allow' | 'deny'; countries: string[] };
  /** When set, requests must carry it in X-Kinema-Origin (only CloudFront knows it). */
  originSecret: string | undefined;
  /**
   * The TMDB cache (read only, never refetched): `bundle` reads <root>/tmdb when the package has it,
   * `s3` a prefix of a bucket, `off` shows generated posters only.
   */
  tmdb:
    { source: 'off' } | { source: 'bundle'; dir: string } | { source: 's3'; bucket: string; prefix: string };
}

export const ORIGIN_HEADER = 'x-kinema-origin';

/** `root` is the bundle folder (LAMBDA_TASK_ROOT on AWS). */
export function lambdaConfig(env: Record<string, string | undefined>, root: string): LambdaConfig {
  const source = env.KINEMA_MODEL_SOURCE || 'bundle';
  let model: LambdaConfig['model'];
  if (source === 'bundle') {
    model = { source, dir: env.KINEMA_MODEL_DIR || `${root}/model` };
  } else if (source === 's3') {
    const bucket = env.KINEMA_MODEL_BUCKET;
    if (!bucket) {
      throw new KinemaError('bad-input', 'KINEMA_MODEL_BUCKET is not set but KINEMA_MODEL_SOURCE is s3');
    }
    const prefix = env.KINEMA_MODEL_PREFIX ?? 'model/';
    model = { source, bucket, prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix };
  } else {
    throw new KinemaError('bad-input', `KINEMA_MODEL_SOURCE is "${source}"`, 'use "bundle" or "s3"');
  }
  const mode = env.KINEMA_GEO_MODE || 'off';
  if (mode !== 'off' && mode !== 'allow' && mode !== 'deny') {
    throw new KinemaError('bad-input', `KINEMA_GEO_MODE is "${mode}"`, 'use off, allow or deny');
  }
  const countries = (env.KINEMA_GEO_COUNTRIES ?? '')
    .split(',')
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean);
  const bad = countries.find((x) => !/^[A-Z]{2}$/.test(x));
  if (bad)
    throw new KinemaError('bad-input', `KINEMA_GEO_COUNTRIES has "${bad}"`, 'use ISO codes like US,CA');
  if (mode !== 'off' && countries.length === 0) {
    throw new KinemaError('bad-input', `KINEMA_GEO_MODE is ${mode} but KINEMA_GEO_COUNTRIES is empty`);
  }
  return {
    model,
    tmdb: tmdbCache(env, root),
    assetsDir: env.KINEMA_ASSETS_DIR || `${root}/assets`,
    geo: { mode, countries },
    originSecret: env.KINEMA_ORIGIN_SECRET || undefined,
  };
}

// --- internal ---

/** KINEMA_TMDB_CACHE: bundle (default: <root>/tmdb if the package has one), s3 or off. */
function tmdbCache(env: Record<string, string | undefined>, root: string): LambdaConfig['tmdb'] {
  const source = env.KINEMA_TMDB_CACHE || 'bundle';
  if (source === 'off') return { source };
  if (source === 'bundle') return { source, dir: env.KINEMA_TMDB_DIR || `${root}/tmdb` };
  if (source !== 's3')
    throw new KinemaError('bad-input', `KINEMA_TMDB_CACHE is "${source}"`, 'use "bundle", "s3" or "off"');
  const bucket = env.KINEMA_TMDB_BUCKET || env.KINEMA_MODEL_BUCKET;
  if (!bucket)
    throw new KinemaError(
      'bad-input',
      'KINEMA_TMDB_CACHE is s3 but neither KINEMA_TMDB_BUCKET nor KINEMA_MODEL_BUCKET is set',
    );
  const prefix = env.KINEMA_TMDB_PREFIX ?? 'tmdb/';
  return { source, bucket, prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix };
}
