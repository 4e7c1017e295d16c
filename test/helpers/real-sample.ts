/** The real IMDb sample in ../shared/data (absent on a machine without it: tests skip with the reason). */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { memoryLogger } from '../../src/core/log.ts';
import { build, type BuildOptions } from '../../src/pipeline/build.ts';

export const REAL_SAMPLE = resolve(import.meta.dirname, '../../../shared/data/imdb-sample');
export const noRealSample = existsSync(REAL_SAMPLE)
  ? false
  : 'no ../shared/data/imdb-sample: the real IMDb sample is absent';

/**
 * A model of the real sample at `dir`/model (its cache in `dir`/cache): IMDb only unless `options`
 * name a MovieLens folder, k 9, seed 42, the build's clock fixed.
 */
export async function buildRealSample(dir: string, options: Partial<BuildOptions> = {}): Promise<string> {
  const modelDir = join(dir, 'model');
  await build(
    {
      dataDir: REAL_SAMPLE,
      modelDir,
      cacheDir: join(dir, 'cache'),
      catalog: 'kinema',
      features: 'kinema',
      k: 9,
      seed: 42,
      movielens: false,
      ...options,
    },
    { log: memoryLogger(), now: () => new Date('2026-11-25T00:00:00Z'), version: 'test' },
  );
  return modelDir;
}
