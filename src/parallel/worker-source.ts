/**
 * The script a worker thread runs. Compiled (dist/, what bin/kinema.js runs) a worker is its own
 * .js file. Run from the TypeScript sources (tests, benches under `node --import tsx`), workers
 * cannot inherit tsx's loader, so the worker file and its imports are bundled by esbuild (a dev
 * dependency) into one CommonJS string, once per entry and process.
 */
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export interface WorkerScript {
  /** A file to run, or the bundled source when `eval` is true. */
  filename: string | URL;
  eval: boolean;
}

// this file is dist/parallel/worker-source.js when compiled, src/parallel/worker-source.ts otherwise
const COMPILED = import.meta.url.endsWith('.js');
const bundles = new Map<string, Promise<string>>();

/** The script for a worker entry given as its source file (`new URL('./x.worker.ts', import.meta.url)`). */
export async function workerScript(entry: URL): Promise<WorkerScript> {
  if (COMPILED) return { filename: new URL(entry.href.replace(/\.tsx?$/, '.js')), eval: false };
  return { filename: await bundled(fileURLToPath(entry)), eval: true };
}

export function spawnWorker(script: WorkerScript, options: Omit<WorkerOptions, 'eval'>): Worker {
  return new Worker(script.filename, { ...options, eval: script.eval });
}

// --- internal ---

function bundled(path: string): Promise<string> {
  let source = bundles.get(path);
  if (!source) {
    source = (async () => {
      const { build } = await import('esbuild');
      const out = await build({
        entryPoints: [path],
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        write: false,
        logLevel: 'silent',
      });
      return out.outputFiles[0]!.text;
    })();
    bundles.set(path, source);
  }
  return source;
}
