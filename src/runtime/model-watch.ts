/**
 * Hot swap: polls the model folder's manifest.json (the build renames a complete folder into place and
 * writes the manifest last) and loads a changed model next to the old one. The old model serves until
 * the new one is fully loaded; a model that fails to load is logged and skipped until it changes again.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../core/log.ts';
import { loadModel } from '../core/model.ts';
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

export async function watchModel(dir: string, log: Logger, intervalMs: number): Promise<ModelHolder> {
  let stamp = await manifestStamp(dir);
  let current = await loadServedModel(dir);
  let rejected: string | undefined;
  let busy = false;
  const check = async (): Promise<boolean> => {
    if (busy) return false;
    busy = true;
    try {
      const next = await manifestStamp(dir);
      if (!next || next === stamp || next === rejected) return false;
      const started = Date.now();
      try {
        const loaded = await loadServedModel(dir);
        current = loaded;
        stamp = next;
        log.info(
          `model swapped: ${loaded.model.catalog.size} movies, version ${loaded.version} (${Date.now() - started} ms)`,
        );
        return true;
      } catch (error) {
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
