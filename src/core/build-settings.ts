/**
 * The build options that shape a model, as they were asked for: recorded in the manifest so a later
 * `kinema start` rebuilds the model the user made instead of falling back to the defaults.
 */
import type { CollabOptions } from './collab/train.ts';
import type { BuildSettings, ModelManifest } from './model-manifest.ts';

export const DEFAULT_K = 9;
export const DEFAULT_SEED = 42;
/** DuckDB's memory limit for a build: a resource, not a setting (the model does not depend on it). */
export const DEFAULT_MEMORY_LIMIT = '1GB';

export const DEFAULT_BUILD_SETTINGS: BuildSettings = {
  catalog: 'kinema',
  features: 'kinema',
  k: DEFAULT_K,
  seed: DEFAULT_SEED,
};

/** The settings part of wider build options (unset ones stay undefined and leave the JSON). */
export function pickSettings(options: BuildSettings & { collab?: Partial<CollabOptions> }): BuildSettings {
  const { catalog, features, weights, k, seed, minVotes, bayesM, topVotes, algorithm, nInit } = options;
  const { onProgress: _progress, ...collab } = options.collab ?? {};
  return {
    catalog,
    features,
    weights,
    k,
    seed,
    minVotes,
    bayesM,
    topVotes,
    algorithm,
    nInit,
    neighbours: options.neighbours,
    collab: options.collab ? collab : undefined,
  };
}

/** The settings that differ from the defaults, as the flags a person would type: "--k 12 --seed 7". */
export function describeSettings(settings: BuildSettings): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(settings) as [keyof BuildSettings, unknown][]) {
    if (value === undefined || value === DEFAULT_BUILD_SETTINGS[key]) continue;
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    if (key === 'collab') parts.push(`${flag} ${settings.collab?.method ?? 'default'}`);
    else if (key === 'weights') parts.push(`${flag} ${formatWeights(settings.weights ?? {})}`);
    else parts.push(`${flag} ${String(value)}`);
  }
  return parts.join(' ');
}

// --- internal ---

function formatWeights(weights: Record<string, number>): string {
  return Object.entries(weights)
    .map(([name, w]) => `${name}=${w}`)
    .join(',');
}

/**
 * What `kinema start` builds with: the settings the existing model recorded, or for a model from
 * before they were recorded its k, seed and presets; the defaults when there is no model. `note`
 * says what was kept, for the log.
 */
export function settingsFor(existing: ModelManifest | null): { settings: BuildSettings; note?: string } {
  if (!existing) return { settings: DEFAULT_BUILD_SETTINGS };
  const settings = existing.settings ?? {
    catalog: existing.catalog.preset,
    features: existing.features.preset,
    k: existing.kmeans.k,
    seed: existing.kmeans.seed,
  };
  const changed = describeSettings(settings);
  if (!changed) return { settings };
  const from = existing.settings ? 'its build' : 'its manifest (older model: other options take defaults)';
  return {
    settings,
    note: `keeping the model's options from ${from}: ${changed} (kinema build changes them)`,
  };
}
