/**
 * `kinema explore`: draws every insight chart of a model and writes an offline report folder:
 *
 *   index.html     self-contained (inline SVG and CSS, no scripts, no network), opens from disk
 *   <id>.svg       each chart as a standalone SVG (title drawn in, <title>/<desc> for screen readers)
 *   <id>.png       the same rasterized by resvg with the font the project ships, so text looks the
 *                  same on every machine (system fonts are never loaded)
 *
 * Same model → byte-identical files (no timestamps; charts and rasterizer are deterministic).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeAtomicSync } from '../io/atomic.ts';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { parseHTML } from 'linkedom';
import { insightCharts, type InsightChart } from '../charts/index.ts';
import { KinemaError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { loadModel } from '../core/model-load.ts';
import type { Model, ReadModelFile } from '../core/model.ts';
import type { ModelManifest } from '../core/model-manifest.ts';
import { reportHtml } from './explore-html.tsx';

export const DEFAULT_FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) =>
  fileURLToPath(new URL(`../../assets/fonts/${f}`, import.meta.url)),
);

export interface ExploreOptions {
  outDir: string;
  /** Chart width in CSS pixels (default 800). */
  width?: number;
  /** PNG pixels per CSS pixel (default 2, for sharp text on high-density screens and slides). */
  pngScale?: number;
  /** TTF/OTF files for PNG text; default the DejaVu Sans shipped in assets/fonts. */
  fontFiles?: string[];
  /** Skip PNGs (the HTML and SVGs need no rasterizer). */
  png?: boolean;
}

export interface ExploreResult {
  html: string;
  charts: { id: string; title: string; svg: string; png?: string }[];
  /** Milliseconds per stage: charts, png, write. */
  timings: Record<string, number>;
}

export function explore(
  model: Model,
  options: ExploreOptions,
  effects: { log: Logger; now?: () => number },
): ExploreResult {
  const now = effects.now ?? (() => performance.now());
  const fontFiles = options.fontFiles ?? DEFAULT_FONT_FILES;
  const wantPng = options.png ?? true;
  if (wantPng) {
    for (const f of fontFiles) {
      if (!existsSync(f))
        throw new KinemaError('io', `font file ${f} is missing`, 'reinstall kinema, or pass --no-png');
    }
  }
  const timings: Record<string, number> = {};
  let t = now();
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const charts = insightCharts(model, document, { width: options.width ?? 800, headline: true });
  timings.charts = now() - t;
  effects.log.info(`drew ${charts.length} charts for ${model.catalog.size.toLocaleString('en-US')} movies`);

  t = now();
  const pngs = wantPng ? charts.map((c) => rasterize(c, fontFiles, options.pngScale ?? 2)) : [];
  timings.png = now() - t;

  t = now();
  try {
    mkdirSync(options.outDir, { recursive: true });
  } catch (error) {
    throw new KinemaError('io', `cannot create ${options.outDir}: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  const result: ExploreResult = { html: join(options.outDir, 'index.html'), charts: [], timings };
  charts.forEach((chart, i) => {
    const svg = join(options.outDir, `${chart.id}.svg`);
    atomicWrite(svg, `<?xml version="1.0" encoding="UTF-8"?>\n${chart.svg}\n`);
    const entry: ExploreResult['charts'][number] = { id: chart.id, title: chart.title, svg };
    const png = pngs[i];
    if (png) {
      entry.png = join(options.outDir, `${chart.id}.png`);
      atomicWrite(entry.png, png);
    }
    result.charts.push(entry);
  });
  atomicWrite(result.html, reportHtml(model, charts, { png: wantPng }));
  timings.write = now() - t;
  effects.log.info(`wrote ${result.html} with ${charts.length} charts${wantPng ? ' (SVG + PNG each)' : ''}`);
  return result;
}

/** Loads the model folder (timed as `load`) and writes its report. */
export async function exploreModelDir(
  modelDir: string,
  options: ExploreOptions,
  effects: { log: Logger; now?: () => number },
): Promise<ExploreResult> {
  const now = effects.now ?? (() => performance.now());
  if (!existsSync(join(modelDir, 'manifest.json'))) {
    throw new KinemaError(
      'not-found',
      `no model in ${modelDir} (manifest.json is missing)`,
      'run `kinema build` first, or pass --model DIR',
    );
  }
  const t = now();
  const model = await loadModel(chartInputsOnly(modelDir));
  const load = now() - t;
  const result = explore(model, options, effects);
  result.timings = { load, ...result.timings };
  return result;
}

/**
 * Charts need the catalog, features and centroids only. People and the neighbour lists are optional
 * in the contract, and on a full model the neighbours alone are hundreds of MB, so hide them.
 */
function chartInputsOnly(modelDir: string): ReadModelFile {
  return async (name) => {
    if (name === 'people.bin' || name.startsWith('neighbours.')) return null;
    const file = join(modelDir, name);
    if (!existsSync(file)) return null;
    const bytes = new Uint8Array(readFileSync(file));
    if (name !== 'manifest.json') return bytes;
    let manifest: ModelManifest;
    try {
      manifest = JSON.parse(new TextDecoder().decode(bytes)) as ModelManifest;
    } catch {
      return bytes; // loadModel reports the bad JSON with its usual message
    }
    delete manifest.neighbours;
    return new TextEncoder().encode(JSON.stringify(manifest));
  };
}

/** SVG → PNG with only the given fonts, so output does not depend on what the machine has installed. */
export function rasterize(chart: InsightChart, fontFiles: string[], scale: number): Uint8Array {
  try {
    const resvg = new Resvg(chart.svg, {
      fitTo: { mode: 'zoom', value: scale },
      background: 'white',
      font: {
        fontFiles,
        loadSystemFonts: false,
        defaultFontFamily: 'DejaVu Sans',
        sansSerifFamily: 'DejaVu Sans',
      },
    });
    return resvg.render().asPng();
  } catch (error) {
    throw new KinemaError(
      'io',
      `cannot render chart ${chart.id} to PNG: ${(error as Error).message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
}

function atomicWrite(file: string, data: string | Uint8Array): void {
  try {
    writeAtomicSync(file, data);
  } catch (error) {
    throw new KinemaError(
      'io',
      `cannot write ${file}: ${(error as Error).message}`,
      'check the folder is writable',
      {
        cause: error,
      },
    );
  }
}
