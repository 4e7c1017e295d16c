/**
 * The MovieLens folder (`<data>/../movielens`): ratings.csv, links.csv, movies.csv and README.txt side by
 * side, plus `unpacked.json`, the record of where they came from (a zip's URL, size and time, or a local
 * folder) so an unchanged zip is not unpacked again. New files are staged in a temporary sibling folder
 * and renamed in one by one; the record is removed first and written last, so a run cut short leaves no
 * record and the next run unpacks again.
 */
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { KinemaError } from '../core/errors.ts';
import { MOVIELENS_FILES, MOVIELENS_README } from '../core/movielens-release.ts';
import { writeAtomic } from '../io/atomic.ts';
import type { UnpackedFile } from './_zip.ts';

export const RECORD_FILE = 'unpacked.json';
/** Every file kept, required first. */
export const KEPT_FILES = [...MOVIELENS_FILES.map((f) => f.file), MOVIELENS_README];
export const REQUIRED_FILES = MOVIELENS_FILES.map((f) => f.file);

export interface FolderRecord {
  /** The zip's URL, or the absolute path of the folder they were taken from. */
  source: string;
  /** The zip they were unpacked from, as it was on disk then. */
  zip?: { file: string; size: number; mtime: string };
  files: { file: string; size: number }[];
}

export interface MovielensFile {
  path: string;
  size: number;
  mtime: string;
}

export const stagingFolder = (dir: string): string => join(dir, `.kinema-unpack-${process.pid}`);

/** The record, or undefined when absent or damaged (then the files count as unknown). */
export async function readRecord(dir: string): Promise<FolderRecord | undefined> {
  let record: FolderRecord | undefined;
  try {
    record = JSON.parse(await readFile(join(dir, RECORD_FILE), 'utf8')) as FolderRecord;
  } catch {
    return undefined;
  }
  return typeof record?.source === 'string' && Array.isArray(record.files) ? record : undefined;
}

/** The files the record lists, when all are in place with the recorded sizes. */
export async function recordedFiles(
  dir: string,
  record: FolderRecord | undefined,
): Promise<MovielensFile[] | undefined> {
  if (!record) return undefined;
  const out: MovielensFile[] = [];
  for (const { file, size } of record.files) {
    const info = await fileInfo(join(dir, file));
    if (!info || info.size !== size) return undefined;
    out.push(info);
  }
  return REQUIRED_FILES.every((f) => record.files.some((r) => r.file === f)) ? out : undefined;
}

/** Moves the staged files into `dir` and writes the record. */
export async function install(
  dir: string,
  staging: string,
  record: Omit<FolderRecord, 'files'>,
  files: readonly UnpackedFile[] | readonly { file: string; size: number }[],
): Promise<MovielensFile[]> {
  await rm(join(dir, RECORD_FILE), { force: true });
  for (const { file } of files) await rename(join(staging, file), join(dir, file));
  const listed = files.map(({ file, size }) => ({ file, size }));
  await writeAtomic(join(dir, RECORD_FILE), `${JSON.stringify({ ...record, files: listed }, null, 2)}\n`);
  return (await recordedFiles(dir, { ...record, files: listed })) ?? [];
}

/**
 * `--movielens-from DIR`: hard-links (or copies) the files of an unpacked release into `dir` after
 * checking each header. 'present' when `dir` already holds the same files.
 */
export async function takeFolder(
  from: string,
  dir: string,
): Promise<{ status: 'linked' | 'copied' | 'present'; files: MovielensFile[] }> {
  const source = resolve(from);
  const names: string[] = [];
  for (const name of KEPT_FILES) {
    const path = join(source, name);
    if (!(await fileInfo(path))) {
      if (name === MOVIELENS_README) continue;
      throw new KinemaError(
        'not-found',
        `--movielens-from: ${path} is missing`,
        `give the unpacked folder of a MovieLens release (${REQUIRED_FILES.join(', ')}), or --movielens none`,
      );
    }
    const header = MOVIELENS_FILES.find((f) => f.file === name)?.header;
    if (header) await checkHeader(path, header);
    names.push(name);
  }
  if (source === resolve(dir) || (await sameFiles(source, dir, names))) {
    const files = await Promise.all(names.map((n) => fileInfo(join(dir, n))));
    return { status: 'present', files: files.filter((f) => f !== undefined) };
  }
  const staging = stagingFolder(dir);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  let status: 'linked' | 'copied' = 'linked';
  try {
    const listed: { file: string; size: number }[] = [];
    for (const name of names) {
      if ((await put(join(source, name), join(staging, name))) === 'copied') status = 'copied';
      listed.push({ file: name, size: (await stat(join(staging, name))).size });
    }
    return { status, files: await install(dir, staging, { source }, listed) };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Removes staging folders left by runs that were killed (any pid). */
export async function removeStaleStaging(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith('.kinema-unpack-')) await rm(join(dir, name), { recursive: true, force: true });
  }
}

export async function fileInfo(path: string): Promise<MovielensFile | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? { path, size: s.size, mtime: s.mtime.toISOString() } : undefined;
  } catch {
    return undefined;
  }
}

// --- internal ---

/** A changed header means a different format: say so now rather than in the build. */
async function checkHeader(path: string, header: string): Promise<void> {
  const handle = await open(path, 'r');
  let first: string;
  try {
    const buffer = Buffer.alloc(256);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    first = (buffer.toString('utf8', 0, bytesRead).split('\n')[0] ?? '').replace(/^\uFEFF/, '').trimEnd();
  } finally {
    await handle.close();
  }
  if (first !== header) {
    throw new KinemaError(
      'bad-input',
      `--movielens-from: ${path} line 1 is "${first}", expected the MovieLens header "${header}"`,
      'use the CSV files of a MovieLens release as published by GroupLens',
    );
  }
}

async function sameFiles(source: string, dir: string, names: readonly string[]): Promise<boolean> {
  for (const name of names) {
    const [a, b] = await Promise.all([fileInfo(join(source, name)), fileInfo(join(dir, name))]);
    if (!a || !b || a.size !== b.size || a.mtime !== b.mtime) return false;
  }
  return true;
}

async function put(source: string, dest: string): Promise<'linked' | 'copied'> {
  try {
    await link(source, dest);
    return 'linked';
  } catch {
    // another device or a filesystem without hard links
    await copyFile(source, dest);
    const s = await stat(source);
    await utimes(dest, s.atime, s.mtime);
    return 'copied';
  }
}
