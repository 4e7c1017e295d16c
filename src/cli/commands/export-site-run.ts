import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { KinemaError } from '../../core/errors.ts';
import { loadModel } from '../../core/model-load.ts';
import { fileAssetReader, fileModelReader } from '../../runtime/files.ts';
import { exportEntries, exportSite, titleIndex, type ExportEntry } from '../../runtime/static-export.ts';
import { createApp, prepareModel, type LoadedModel } from '../../server/app.ts';
import { ASSETS } from '../../server/assets.ts';
import { terminalLogger } from '../output.ts';
import { formatBytes } from '../../core/format-bytes.ts';
import { replaceAtomic } from '../../io/atomic.ts';
import { cachedTmdb } from '../../runtime/tmdb.ts';
import { tmdbCacheDirFor } from '../../runtime/tmdb-disk-cache.ts';
import type { ExportSiteFlags } from './export-site.ts';

/** Marks a folder as written by export-site, so a later export may replace it. */
const MARKER = '.kinema-export';

export async function runExportSite(flags: ExportSiteFlags): Promise<void> {
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
    if (!pages && !api) return copyAssets(write);
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
    const entries = exportEntries(served, { pages, api, movies: flags.movies });
    const written = await exportSite(app, entries, write, log);
    if (api) await write('api/index.json', titleIndex(served, entries));
    logSummary(log, served, entries);
    return written;
  });
  log.info(`${report.files} files, ${formatBytes(report.bytes)} in ${out} (${Date.now() - started} ms)`);
}

async function copyAssets(write: (file: string, bytes: Uint8Array) => Promise<void>) {
  const read = fileAssetReader();
  let bytes = 0;
  for (const name of Object.keys(ASSETS)) {
    const data = await read(name);
    if (!data) throw new KinemaError('not-found', `asset ${name} is missing from src/client`);
    await write(`assets/${name}`, data);
    bytes += data.length;
  }
  return { files: Object.keys(ASSETS).length, bytes };
}

function logSummary(log: ReturnType<typeof terminalLogger>, served: LoadedModel, entries: ExportEntry[]) {
  const movies = entries.filter(
    (e) => e.url.startsWith('/movie/') || /^\/api\/movies\/tt\d+$/.test(e.url),
  ).length;
  log.info(
    `rendered ${entries.length} URLs (${movies} movie pages/records of ${served.model.catalog.size} movies)`,
  );
}
