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
    assetsDir: env.KINEMA_ASSETS_DIR || `${root}/assets`,
    geo: { mode, countries },
    originSecret: env.KINEMA_ORIGIN_SECRET || undefined,
  };
}
