/** `kinema export-site`: the site as static files (assets only, or pages and the JSON API too). */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { KinemaError } from '../../core/errors.ts';
import { formatBytes } from '../../core/format-bytes.ts';
import { replaceAtomic } from '../../io/atomic.ts';
import type { ExportEntry } from '../../runtime/static-export.ts';
import type { LoadedModel } from '../../server/app.ts';
import { ASSETS, loadAssets, type AssetTable } from '../../server/assets.ts';
import { positiveInt } from '../options.ts';
import { terminalLogger } from '../output.ts';
import { DEFAULT_MODEL_DIR } from '../paths.ts';

export interface ExportSiteFlags {
  out: string;
  model: string;
  pages?: boolean;
  api?: boolean;
  all?: boolean;
  movies: number;
  tmdbCache?: string;
}

export function defineExportSite(program: Command): void {
  program
    .command('export-site')
    .description('write the site as static files for S3 + CloudFront or any static host (no server needed)')
    .requiredOption(
      '--out <dir>',
      'folder to write (replaced atomically; must be empty or an earlier export)',
    )
    .option('--model <dir>', 'model folder, for --pages and --api (env KINEMA_MODEL)', DEFAULT_MODEL_DIR)
    .option('--pages', 'also render the HTML pages: home, atlas, clusters, lists, movies, posters, 404.html')
    .option(
      '--api',
      'also write the read-only JSON API as files (api/movies/<id>.json, .../similar.json, ...)',
    )
    .option('--all', 'both --pages and --api')
    .option(
      '--movies <n>',
      'how many movies (most popular first) get a page and API files',
      positiveInt('--movies'),
      1000,
    )
    .option(
      '--tmdb-cache <dir>',
      'TMDB details to include (posters, plots, where to watch; default <model>-tmdb when it exists)',
    )
    .addHelpText(
      'after',
      `
Without --pages or --api only the static assets are written (what CloudFront serves from S3 in front
of the Lambda function). With --pages the site works on any static host: search, autocomplete and
"Your taste" run in the browser over api/index.json (the exported titles) and, with --api, the
exported "more like this" lists; a movie or person beyond --movies links to IMDb, and filters and
paging past the first page are not linked.

Examples:
  kinema export-site --out dist/site                    # assets only
  kinema export-site --out dist/static --all --movies 5000
  aws s3 sync dist/static s3://my-bucket/site/`,
    )
    .action(runExportSite);
}

/** Marks a folder as written by export-site, so a later export may replace it. */
const MARKER = '.kinema-export';

async function runExportSite(flags: ExportSiteFlags): Promise<void> {
  const log = terminalLogger();
  const out = resolve(flags.out);
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, MARKER))) {
    throw new KinemaError(
      'bad-input',
      `${out} is not empty and not an earlier export`,
      'pick a new or empty folder',
    );
  }
  const started = Date.now();
  const report = await replaceAtomic(out, async (tmp) => {
    const write = async (file: string, bytes: Uint8Array) => {
      const path = join(tmp, file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
    };
    await mkdir(tmp, { recursive: true });
    await write(MARKER, new TextEncoder().encode('written by kinema export-site\n'));
    const pages = Boolean(flags.pages || flags.all);
    const api = Boolean(flags.api || flags.all);
    const { fileAssetReader, fileModelReader } = await import('../../runtime/files.ts');
    const assets = await loadAssets(fileAssetReader());
    const missing = Object.keys(ASSETS).filter((name) => assets.url(name) === `/assets/${name}`);
    if (missing.length) {
      throw new KinemaError('not-found', `${missing.join(', ')} missing from the package's client files`);
    }
    if (!pages && !api) return copyAssets(assets, write);
    // the model, server and export code load here, not at the top: `kinema --help` stays quick
    const [
      { loadModel },
      { createApp, prepareModel },
      { cachedTmdb },
      { tmdbCacheDirFor },
      { exportEntries, exportSite, titleIndex },
    ] = await Promise.all([
      import('../../core/model-load.ts'),
      import('../../server/app.ts'),
      import('../../runtime/tmdb.ts'),
      import('../../runtime/tmdb-disk-cache.ts'),
      import('../../runtime/static-export.ts'),
    ]);
    const served = prepareModel(await loadModel(fileModelReader(flags.model)));
    const tmdbDir = flags.tmdbCache ?? tmdbCacheDirFor(flags.model);
    // what the cache has, read once: an export never asks TMDB
    const tmdb = existsSync(tmdbDir) ? await cachedTmdb(tmdbDir) : undefined;
    const app = createApp({
      getModel: () => served,
      log,
      tmdb,
      readAsset: fileAssetReader(),
      config: { accessLog: false, rateLimit: { max: 0, windowMs: 60_000 } },
    });
    const entries = exportEntries(served, {
      pages,
      api,
      movies: flags.movies,
      assets: [...assets.files()].map(([file]) => file),
    });
    const written = await exportSite(app, entries, write, log);
    await write('api/index.json', titleIndex(served, entries));
    logSummary(log, served, entries);
    return written;
  });
  log.info(`${report.files} files, ${formatBytes(report.bytes)} in ${out} (${Date.now() - started} ms)`);
}

/** The assets alone, under the names the app's pages link (CloudFront serves them from S3). */
async function copyAssets(assets: AssetTable, write: (file: string, bytes: Uint8Array) => Promise<void>) {
  let files = 0;
  let bytes = 0;
  for (const [file, asset] of assets.files()) {
    await write(`assets/${file}`, asset.bytes);
    files++;
    bytes += asset.bytes.length;
  }
  return { files, bytes };
}

function logSummary(log: ReturnType<typeof terminalLogger>, served: LoadedModel, entries: ExportEntry[]) {
  const movies = entries.filter(
    (e) => e.url.startsWith('/movie/') || /^\/api\/movies\/tt\d+$/.test(e.url),
  ).length;
  log.info(
    `rendered ${entries.length} URLs (${movies} movie pages/records of ${served.model.catalog.size} movies)`,
  );
}
