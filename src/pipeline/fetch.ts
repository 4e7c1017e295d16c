/**
 * Gets the six IMDb files into the data folder: downloaded from the datasets site (or a mirror), or taken
 * from a local folder (`from`). `fetchData` is `kinema fetch`: every failure is an error. `ensureData` is
 * what `kinema start` calls: it downloads what is missing, asks the server about what is present, and
 * keeps the local copy (with a warning) when the server can't be reached.
 */
import { copyFile, link, mkdir, stat, utimes } from 'node:fs/promises';
import { replaceAtomic } from '../io/atomic.ts';
import { join, resolve } from 'node:path';
import { KinemaError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { IMDB_BASE_URL, IMDB_TABLES, type ImdbTable, type ImdbTableInfo } from '../core/tables.ts';
import { downloadFile, type DownloadStatus } from './download.ts';
import { hasGzipMagic, verifyGzip } from './_gzip.ts';
import { completeSidecar, readValidators, removeFile } from './_sidecar.ts';

export interface DataFile {
  path: string;
  size: number;
  /** ISO time the file was last written. */
  mtime: string;
}

export type DataFiles = Record<ImdbTable, DataFile>;

export interface FetchOptions {
  /** The data folder (created when missing). */
  dir: string;
  /** Base URL to download from instead of the official site. */
  mirror?: string;
  /** A folder that already holds the `.tsv.gz` files: link or copy them instead of downloading. */
  from?: string;
  /** Download again even when unchanged. */
  force?: boolean;
}

export interface FetchEffects {
  fetch: typeof fetch;
  log: Logger;
}

/** 'linked'/'copied': taken from `from`; 'kept': the server couldn't be asked, the local copy stays. */
export type FetchStatus = DownloadStatus | 'linked' | 'copied' | 'present' | 'kept';

export interface FetchedTable extends DataFile {
  table: ImdbTable;
  status: FetchStatus;
  /** Where it came from: a URL or a local path. */
  source: string;
  /** Bytes downloaded in this run. */
  received: number;
}

/** `kinema fetch`: brings the chosen tables (default all six) up to date; any failure throws. */
export async function fetchData(
  options: FetchOptions & { only?: readonly ImdbTable[] },
  effects: FetchEffects,
): Promise<FetchedTable[]> {
  const tables = IMDB_TABLES.filter((t) => !options.only || options.only.includes(t.name));
  await mkdir(options.dir, { recursive: true });
  const out: FetchedTable[] = [];
  for (const table of tables) out.push(await syncTable(table, options, effects));
  return out;
}

/** Makes sure all six files are present, downloading only what is missing or changed. */
export async function ensureData(options: FetchOptions, effects: FetchEffects): Promise<DataFiles> {
  const files = {} as DataFiles;
  for (const { table, path, size, mtime } of await ensureTables(options, effects)) {
    files[table] = { path, size, mtime };
  }
  return files;
}

/** ensureData with what happened to each file (`kinema refresh` reports it). */
export async function ensureTables(options: FetchOptions, effects: FetchEffects): Promise<FetchedTable[]> {
  await mkdir(options.dir, { recursive: true });
  const ensure = { offline: false };
  const out: FetchedTable[] = [];
  for (const table of IMDB_TABLES) out.push(await syncTable(table, options, effects, ensure));
  return out;
}

/** The URL of one file under a base URL (a missing trailing slash is added). */
export function tableUrl(table: ImdbTableInfo, base = IMDB_BASE_URL): string {
  let url: URL;
  try {
    url = new URL(table.file, base.endsWith('/') ? base : `${base}/`);
  } catch {
    throw new KinemaError(
      'bad-input',
      `invalid mirror URL: ${base}`,
      'give a full URL such as https://example.org/imdb/',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new KinemaError(
      'bad-input',
      `unsupported mirror URL: ${base}`,
      'use an http:// or https:// URL, or --from DIR',
    );
  }
  return url.href;
}

// --- internal ---

/**
 * Brings one file up to date. With `ensure` (ensureData), present files survive network failures: after
 * the first one the server counts as unreachable, and the remaining present files are kept unasked.
 */
async function syncTable(
  table: ImdbTableInfo,
  options: FetchOptions,
  effects: FetchEffects,
  ensure?: { offline: boolean },
): Promise<FetchedTable> {
  const dest = join(options.dir, table.file);
  if (options.from !== undefined) return takeLocal(table, join(options.from, table.file), dest, effects.log);
  const url = tableUrl(table, options.mirror);
  const present = await fileInfo(dest);
  if (ensure && present && !options.force) {
    if (ensure.offline) return { table: table.name, status: 'kept', source: url, received: 0, ...present };
    // placed by hand or by --from: nothing to ask the server about, and re-downloading would waste minutes
    if ((await readValidators(completeSidecar(dest)))?.url !== url) {
      return { table: table.name, status: 'present', source: dest, received: 0, ...present };
    }
  }
  try {
    const result = await downloadFile({ url, dest, force: options.force, label: table.file }, effects);
    const info = await mustExist(dest);
    effects.log.info(`${table.file}: ${describe(result.status)} (${url})`);
    return { table: table.name, status: result.status, source: url, received: result.received, ...info };
  } catch (error) {
    if (!(ensure && present && error instanceof KinemaError && error.code === 'network')) throw error;
    ensure.offline = true;
    effects.log.warn(`could not check for updated IMDb files, keeping the local copies (${error.message})`);
    return { table: table.name, status: 'kept', source: url, received: 0, ...present };
  }
}

/** Links (or copies, across devices) a local file into the data folder after checking it is gzip. */
async function takeLocal(
  table: ImdbTableInfo,
  source: string,
  dest: string,
  log: Logger,
): Promise<FetchedTable> {
  const src = await fileInfo(source);
  if (!src) {
    throw new KinemaError(
      'not-found',
      `--from: ${source} is missing`,
      `put all six IMDb files (${IMDB_TABLES.map((t) => t.file).join(', ')}) in that folder, or drop --from to download them`,
    );
  }
  if (!(await hasGzipMagic(source))) {
    throw new KinemaError(
      'bad-input',
      `--from: ${source} is not a gzip file`,
      'use the .tsv.gz files as published by IMDb',
    );
  }
  const base = { table: table.name, source, received: 0 };
  if (resolve(source) === resolve(dest)) return { ...base, status: 'present', ...src };
  const have = await fileInfo(dest);
  if (have && have.size === src.size && have.mtime === src.mtime)
    return { ...base, status: 'present', ...have };

  let status: FetchStatus = 'linked';
  await replaceAtomic(dest, async (temp) => {
    try {
      await link(source, temp);
    } catch {
      // another device or a filesystem without hard links
      status = 'copied';
      await copyFile(source, temp);
      const s = await stat(source);
      await utimes(temp, s.atime, s.mtime);
    }
    try {
      await verifyGzip(temp);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new KinemaError(
        'bad-input',
        `--from: ${source} is a damaged gzip file (${reason})`,
        'get a fresh copy of it',
      );
    }
  });
  // validators of an earlier download no longer describe this file
  await removeFile(completeSidecar(dest));
  log.info(`${table.file}: ${status} from ${source}`);
  return { ...base, status, ...(await mustExist(dest)) };
}

function describe(status: DownloadStatus): string {
  if (status === 'unchanged') return 'up to date';
  return status === 'resumed' ? 'downloaded (resumed)' : 'downloaded';
}

async function fileInfo(path: string): Promise<DataFile | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? { path, size: s.size, mtime: s.mtime.toISOString() } : undefined;
  } catch {
    return undefined;
  }
}

async function mustExist(path: string): Promise<DataFile> {
  const info = await fileInfo(path);
  if (!info) throw new KinemaError('io', `${path} vanished right after it was written`);
  return info;
}
