/**
 * Hot swap: polls the model folder's manifest.json (the build renames a complete folder into place and
 * writes the manifest last) and loads a changed model next to the old one. The old model serves until
 * the new one is fully loaded; a model that fails to load is logged and skipped until it changes again,
 * except one whose files do not match its manifest yet (a copy in progress, a swap mid-load): that one
 * is tried again at every check until it matches.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../core/log.ts';
import { loadModel } from '../core/model-load.ts';
import { ModelMismatchError } from '../core/model-id.ts';
import { prepareModel, type LoadedModel } from '../server/loaded-model.ts';
import { fileModelReader, fileRangeOpener } from './files.ts';

export interface ModelHolder {
  get(): LoadedModel;
  /** Checks the folder once; resolves true when a new model was swapped in. */
  check(): Promise<boolean>;
  stop(): void;
}

export async function loadServedModel(dir: string): Promise<LoadedModel> {
  // neighbour lists stay on disk, read a row per request: the server's memory is the rest of the model
  return prepareModel(await loadModel(fileModelReader(dir), { open: fileRangeOpener(dir) }));
}

/** Loads, retrying a few times while the folder does not match its manifest (a swap under way). */
async function loadSettled(dir: string, tries = 5): Promise<LoadedModel> {
  for (let i = 1; ; i++) {
    try {
      return await loadServedModel(dir);
    } catch (error) {
      if (!(error instanceof ModelMismatchError) || i >= tries) throw error;
      await new Promise((wake) => setTimeout(wake, 100 * i));
    }
  }
}

export async function watchModel(dir: string, log: Logger, intervalMs: number): Promise<ModelHolder> {
  let stamp = await manifestStamp(dir);
  let current = await loadSettled(dir);
  let rejected: string | undefined;
  let waiting: string | undefined;
  let busy = false;
  const check = async (): Promise<boolean> => {
    if (busy) return false;
    busy = true;
    try {
      const next = await manifestStamp(dir);
      if (!next || next === stamp || next === rejected) return false;
      const started = Date.now();
      try {
        const loaded = await loadSettled(dir, 2);
        current = loaded;
        stamp = next;
        waiting = undefined;
        log.info(
          `model swapped: ${loaded.model.catalog.size} movies, version ${loaded.version} (${Date.now() - started} ms)`,
        );
        return true;
      } catch (error) {
        if (error instanceof ModelMismatchError) {
          if (waiting !== next)
            log.warn(`${(error as Error).message}; still serving version ${current.version}`);
          waiting = next;
          return false;
        }
        rejected = next;
        log.warn(
          `new model in ${dir} rejected, still serving version ${current.version}: ${(error as Error).message}`,
        );
        return false;
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return { get: () => current, check, stop: () => clearInterval(timer) };
}

// --- internal ---

/** Identity of the manifest file: a rename or rewrite changes inode, size or mtime. */
async function manifestStamp(dir: string): Promise<string | undefined> {
  try {
    const s = await stat(join(dir, 'manifest.json'));
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}
