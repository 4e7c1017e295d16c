/**
 * A worker file and everything it imports, bundled by esbuild into one CommonJS string for
 * `new Worker(source, { eval: true })`. Workers cannot inherit tsx's loader, so running the .ts file
 * directly fails under `node --import tsx` and under bin/kinema.js alike; a bundle works in both.
 * Each entry is bundled once per process.
 */
import { fileURLToPath } from 'node:url';

const bundles = new Map<string, Promise<string>>();

export function bundledWorker(entry: URL): Promise<string> {
  const path = fileURLToPath(entry);
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
