/**
 * Unpacks chosen files from a zip with yauzl, checking each one's CRC-32 and size against the central
 * directory (yauzl checks sizes but not CRCs). Only plain names are written, into a folder the caller
 * owns, so a hostile entry name (`../x`) can't write elsewhere.
 */
import { createWriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

export interface UnpackedFile {
  file: string;
  /** Uncompressed bytes. */
  size: number;
  crc32: number;
}

/**
 * Writes the entries named `wanted` (matched by base name, at the top or one folder down, as in
 * `ml-32m/ratings.csv`) into `outDir`. Rejects when the zip is unreadable, a `required` name is missing or
 * appears twice, or a CRC or size doesn't match.
 */
export async function unpackZip(
  zipPath: string,
  wanted: readonly string[],
  required: readonly string[],
  outDir: string,
): Promise<UnpackedFile[]> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  try {
    const chosen = chooseEntries(await listEntries(zip), wanted);
    const missing = required.filter((name) => !chosen.has(name));
    if (missing.length > 0) throw new Error(`the zip has no ${missing.join(', ')}`);
    const out: UnpackedFile[] = [];
    for (const name of wanted) {
      const entry = chosen.get(name);
      if (entry) out.push(await unpackEntry(zip, entry, name, join(outDir, name)));
    }
    return out;
  } finally {
    zip.close();
  }
}

// --- internal ---

async function listEntries(zip: ZipFile): Promise<Entry[]> {
  const entries: Entry[] = [];
  await new Promise<void>((done, fail) => {
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', done);
    zip.once('error', fail);
    zip.readEntry();
  });
  return entries;
}

function chooseEntries(entries: readonly Entry[], wanted: readonly string[]): Map<string, Entry> {
  const chosen = new Map<string, Entry>();
  for (const entry of entries) {
    const path = entry.fileName;
    if (path.endsWith('/') || path.startsWith('__MACOSX/') || path.split('/').length > 2) continue;
    const name = basename(path);
    if (!wanted.includes(name)) continue;
    if (chosen.has(name))
      throw new Error(`the zip holds ${name} twice (${chosen.get(name)!.fileName}, ${path})`);
    chosen.set(name, entry);
  }
  return chosen;
}

async function unpackEntry(zip: ZipFile, entry: Entry, name: string, dest: string): Promise<UnpackedFile> {
  let crc = 0;
  let size = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(await zip.openReadStreamPromise(entry), check, createWriteStream(dest));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${entry.fileName} is damaged (${reason})`, { cause: error });
  }
  if (crc !== entry.crc32) {
    throw new Error(
      `${entry.fileName} fails its CRC-32 check (${hex(crc)}, the zip says ${hex(entry.crc32)})`,
    );
  }
  return { file: name, size, crc32: crc };
}

const hex = (n: number) => n.toString(16).padStart(8, '0');
