/**
 * The two feature presets as data: which columns, how each is scaled, and its default weight.
 * src/pipeline/features.ts turns a spec into SQL; the manifest records the spec actually used.
 *
 * kinema (default): 28 multi-hot genres plus release year, runtime, IMDb's Bayesian weighted rating and
 *   log10 vote count. Numbers are clipped to their 1st–99th percentile and scaled to [0, 1] (robust to the
 *   5,000-minute art films and the 3-million-vote blockbusters), then multiplied by the weight. A genre
 *   column is 0 or its weight. With the default weights two movies that differ in one genre are as far
 *   apart as a drama from 1950 and one from 2020.
 * original: the 2020 recipe as written, min-max scaled, unweighted.
 */
import { GENRES } from './genres.ts';
import { KinemaError } from './errors.ts';

export type FeaturePreset = 'kinema' | 'original';
export type Scaling = 'binary' | 'robust' | 'minmax';

export interface FeatureColumn {
  name: string;
  /** The weight key this column uses (all genre columns share 'genre'). */
  weightKey: string;
  scaling: Scaling;
}

export interface FeatureSpec {
  preset: FeaturePreset;
  columns: FeatureColumn[];
  weights: Record<string, number>;
}

export const DEFAULT_WEIGHTS: Record<FeaturePreset, Record<string, number>> = {
  kinema: { genre: 1, year: 1, runtime: 0.5, bayes: 1, logVotes: 0.75 },
  original: { genreCode: 1, ratingAdj: 1, titleCode: 1, year: 1 },
};

export function featureSpec(preset: FeaturePreset, overrides: Record<string, number> = {}): FeatureSpec {
  const weights = { ...DEFAULT_WEIGHTS[preset] };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in weights)) {
      throw new KinemaError(
        'bad-input',
        `unknown feature weight "${key}" for the ${preset} features`,
        `known weights: ${Object.keys(weights).join(', ')}`,
      );
    }
    if (!Number.isFinite(value) || value < 0) {
      throw new KinemaError('bad-input', `feature weight ${key}=${value} must be a number ≥ 0`);
    }
    weights[key] = value;
  }
  const columns: FeatureColumn[] =
    preset === 'kinema'
      ? [
          ...GENRES.map((g) => ({ name: `genre:${g}`, weightKey: 'genre', scaling: 'binary' as const })),
          ...['year', 'runtime', 'bayes', 'logVotes'].map((name) => ({
            name,
            weightKey: name,
            scaling: 'robust' as const,
          })),
        ]
      : ['genreCode', 'ratingAdj', 'titleCode', 'year'].map((name) => ({
          name,
          weightKey: name,
          scaling: 'minmax' as const,
        }));
  return { preset, columns, weights };
}

/** Parses "genre=1,year=0.5" into weights. */
export function parseWeights(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [key, value, ...rest] = part.split('=');
    const number = Number(value);
    if (!key || value === undefined || rest.length > 0 || value.trim() === '' || !Number.isFinite(number)) {
      throw new KinemaError('bad-input', `bad weight "${part}": expected name=number, e.g. genre=1,year=0.5`);
    }
    out[key.trim()] = number;
  }
  return out;
}
