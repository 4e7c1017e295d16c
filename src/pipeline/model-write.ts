/**
 * Writes a model folder atomically: everything goes into a temporary sibling folder, manifest.json last,
 * then the folder is swapped into place. A failed build leaves the previous model untouched and serving.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KinemaError } from '../core/errors.ts';
import { describeArtifact, type ArtifactInfo } from '../core/model-id.ts';
import { commitAtomic, tempSibling } from '../io/atomic.ts';
import { processAlive } from './_pid.ts';

export interface ModelWriter {
  /** The temporary folder (for DuckDB COPY targets). */
  dir: string;
  write(name: string, bytes: Uint8Array | string): void;
  json(name: string, value: unknown): void;
  /** Size and SHA-256 of each named file written so far (for the manifest's `files`), a sample's of big ones. */
  describe(names: string[]): Promise<Record<string, ArtifactInfo>>;
  /** Writes manifest.json and swaps the folder into place. */
  commit(manifest: unknown): void;
  abort(): void;
}

export function createModelWriter(modelDir: string, pid = process.pid): ModelWriter {
  const parent = dirname(modelDir);
  const temp = tempSibling(modelDir, 'tmp', pid);
  try {
    mkdirSync(parent, { recursive: true });
    recover(modelDir);
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(temp);
  } catch (error) {
    throw new KinemaError(
      'io',
      `cannot create ${temp}: ${(error as Error).message}`,
      'check the folder is writable',
      {
        cause: error,
      },
    );
  }
  // each file is hashed (on the thread pool) as it is written, so the manifest need not read it back
  const described = new Map<string, Promise<ArtifactInfo>>();
  const write = (name: string, text: Uint8Array | string) => {
    try {
      const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
      writeFileSync(join(temp, name), bytes);
      const info = describeArtifact(bytes);
      info.catch(() => {}); // a failure surfaces in describe(), which awaits it
      described.set(name, info);
    } catch (error) {
      throw new KinemaError(
        'io',
        `cannot write ${join(temp, name)}: ${(error as Error).message}`,
        undefined,
        {
          cause: error,
        },
      );
    }
  };
  return {
    dir: temp,
    write,
    json: (name, value) => write(name, `${JSON.stringify(value)}\n`),
    describe: async (names) => {
      const files: Record<string, ArtifactInfo> = {};
      for (const name of names) {
        // DuckDB's COPY targets were written by it, not through write()
        files[name] = await (described.get(name) ?? describeArtifact(readFileSync(join(temp, name))));
      }
      return files;
    },
    commit(manifest) {
      write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
      commitAtomic(temp, modelDir, pid);
    },
    abort: () => rmSync(temp, { recursive: true, force: true }),
  };
}

/**
 * Repairs what a killed build can leave: temp folders of builds that are no longer running, and a swap
 * interrupted between its two renames (the model moved aside, the new one not yet in place).
 */
export function recover(modelDir: string): void {
  const parent = dirname(modelDir);
  const base = basename(modelDir);
  if (!existsSync(parent)) return;
  const leftovers = readdirSync(parent).filter(
    (name) => name.startsWith(`.${base}.tmp-`) || name.startsWith(`.${base}.old-`),
  );
  for (const name of leftovers) {
    const pid = Number(name.slice(name.lastIndexOf('-') + 1));
    if (pid !== process.pid && processAlive(pid)) continue;
    const path = join(parent, name);
    if (name.startsWith(`.${base}.old-`) && !existsSync(modelDir)) renameSync(path, modelDir);
    else rmSync(path, { recursive: true, force: true });
  }
}
