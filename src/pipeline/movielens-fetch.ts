/**
 * Gets a MovieLens release into its folder (`<data>/../movielens`): the zip is downloaded with the IMDb
 * files' download code (conditional requests, resume, progress), checked against the `.md5` GroupLens
 * publishes beside it (when the server has one) and unpacked with each file's CRC-32 checked, before
 * anything replaces what is there. Or it is taken from an unpacked folder (`from`).
 *
 * MovieLens is optional: when the server can't be reached, one warning says so and the result is
 * 'unavailable' (or 'kept', when a copy is in place); a damaged download (bad MD5, CRC, truncated zip)
 * is an error.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { KinemaError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import {
  MOVIELENS_BASE_URL,
  MOVIELENS_LICENCE,
  MOVIELENS_RELEASES,
  type MovielensChoice,
  type MovielensReleaseInfo,
} from '../core/movielens-release.ts';
import { downloadFile } from './download.ts';
import { checkMd5, damaged, publishedMd5 } from './_md5.ts';
import { unpackZip } from './_zip.ts';
import {
  fileInfo,
  install,
  KEPT_FILES,
  readRecord,
  recordedFiles,
  removeStaleStaging,
  REQUIRED_FILES,
  stagingFolder,
  takeFolder,
  type MovielensFile,
} from './movielens-folder.ts';

export interface MovielensOptions {
  /** The MovieLens folder (created when missing). */
  dir: string;
  release: MovielensChoice;
  /** Base URL instead of the GroupLens site. */
  mirror?: string;
  /** An unpacked release to link or copy instead of downloading. */
  from?: string;
  force?: boolean;
}

/**
 * 'unpacked': the zip was unchanged but its files were missing or different; 'kept': the server couldn't
 * be asked, the local copy stays; 'unavailable': no server and no copy; 'skipped': `--movielens none`.
 */
export type MovielensStatus =
  | 'downloaded'
  | 'resumed'
  | 'unchanged'
  | 'unpacked'
  | 'linked'
  | 'copied'
  | 'present'
  | 'kept'
  | 'unavailable'
  | 'skipped';

export interface MovielensResult {
  status: MovielensStatus;
  /** A URL or a local folder. */
  source: string;
  dir: string;
  files: MovielensFile[];
  /** Bytes downloaded in this run. */
  received: number;
}

export interface MovielensEffects {
  fetch: typeof fetch;
  log: Logger;
}

/**
 * `kinema fetch` and `kinema start`. With `keepPresent` (start), files already in place are kept without
 * asking when they came from elsewhere (`--movielens-from`), as ensureData does for IMDb files.
 */
export async function syncMovielens(
  options: MovielensOptions & { keepPresent?: boolean },
  effects: MovielensEffects,
): Promise<MovielensResult> {
  const { dir } = options;
  if (options.release === 'none') return { status: 'skipped', source: '', dir, files: [], received: 0 };
  await mkdir(dir, { recursive: true });
  await removeStaleStaging(dir);
  if (options.from !== undefined) {
    const taken = await takeFolder(options.from, dir);
    effects.log.info(`MovieLens: ${taken.status} from ${options.from} into ${dir}`);
    return { ...taken, source: options.from, dir, received: 0 };
  }
  const release = MOVIELENS_RELEASES[options.release];
  const url = movielensUrl(release, options.mirror);
  const record = await readRecord(dir);
  const present = await recordedFiles(dir, record);
  if (options.keepPresent && present && !options.force && record?.source !== url) {
    return { status: 'present', source: dir, dir, files: present, received: 0 };
  }
  try {
    return await download(release, url, options, effects);
  } catch (error) {
    if (!(error instanceof KinemaError && error.code === 'network')) throw error;
    if (present) {
      effects.log.warn(`MovieLens: could not check for an update, keeping the local copy (${error.message})`);
      return { status: 'kept', source: url, dir, files: present, received: 0 };
    }
    effects.log.warn(`MovieLens: not available (${error.message}); going on with IMDb alone`);
    return { status: 'unavailable', source: url, dir, files: [], received: 0 };
  }
}

/** The zip's URL under a base URL (a missing trailing slash is added). */
export function movielensUrl(release: MovielensReleaseInfo, base = MOVIELENS_BASE_URL): string {
  let url: URL;
  try {
    url = new URL(release.zip, base.endsWith('/') ? base : `${base}/`);
  } catch {
    throw new KinemaError('bad-input', `invalid MovieLens mirror URL: ${base}`, 'give a full URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new KinemaError(
      'bad-input',
      `unsupported MovieLens mirror URL: ${base}`,
      'use an http:// or https:// URL, or --movielens-from DIR',
    );
  }
  return url.href;
}

// --- internal ---

async function download(
  release: MovielensReleaseInfo,
  url: string,
  options: MovielensOptions,
  effects: MovielensEffects,
): Promise<MovielensResult> {
  const { dir } = options;
  const zip = join(dir, release.zip);
  const staging = stagingFolder(dir);
  // asked first: it is tiny, and an unreachable server then fails before the big request
  const md5 = await publishedMd5(`${url}.md5`, effects.fetch);
  let staged: Awaited<ReturnType<typeof unpackZip>> | undefined;
  try {
    const result = await downloadFile(
      {
        url,
        dest: zip,
        force: options.force,
        label: release.zip,
        verify: {
          what: 'zip file',
          // the new zip is unpacked while it is checked: its CRCs are read then, and only once
          check: async (part) => {
            await checkMd5(part, md5, url);
            staged = await unpackInto(part, staging, url);
          },
        },
      },
      effects,
    );
    const zipInfo = await fileInfo(zip);
    if (!zipInfo) throw new KinemaError('io', `${zip} vanished right after it was written`);
    const record = await readRecord(dir);
    const current =
      !staged &&
      record?.source === url &&
      record.zip?.size === zipInfo.size &&
      record.zip.mtime === zipInfo.mtime
        ? await recordedFiles(dir, record)
        : undefined;
    if (current) {
      effects.log.info(`MovieLens ${release.zip}: up to date (${url})`);
      return { status: 'unchanged', source: url, dir, files: current, received: 0 };
    }
    staged ??= await unpackInto(zip, staging, url);
    const zipRecord = { file: release.zip, size: zipInfo.size, mtime: zipInfo.mtime };
    const files = await install(dir, staging, { source: url, zip: zipRecord }, staged);
    const status = result.status === 'unchanged' ? 'unpacked' : result.status;
    effects.log.info(`MovieLens ${release.zip}: ${status}, ${files.length} files in ${dir} (${url})`);
    if (status !== 'unpacked') for (const line of MOVIELENS_LICENCE) effects.log.info(line);
    return { status, source: url, dir, files, received: result.received };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function unpackInto(zip: string, staging: string, url: string) {
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    return await unpackZip(zip, KEPT_FILES, REQUIRED_FILES, staging);
  } catch (error) {
    throw damaged(url, error instanceof Error ? error.message : String(error), error);
  }
}
