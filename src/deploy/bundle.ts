/**
 * The Lambda package: src/runtime/lambda.ts bundled by esbuild into one ESM file, plus the web
 * assets (src/client) and (for KINEMA_MODEL_SOURCE=bundle) the model folder. The AWS SDK is left out because the
 * nodejs22.x runtime provides it; native modules (DuckDB, resvg) must never reach the bundle.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { KinemaError } from '../core/errors.ts';

export interface BundleOptions {
  /** The repository root (holds src/ and assets/). */
  root: string;
  outDir: string;
  /** A model folder to ship inside the package, or undefined when the function reads S3. */
  modelDir?: string;
  minify?: boolean;
}

export interface BundleReport {
  entry: string;
  /** Bytes of lambda.mjs, and gzip-compressed (≈ its share of the deployment zip). */
  codeBytes: number;
  codeGzipBytes: number;
  /** Bytes of lazily loaded chunks (chunks/*.mjs), parsed only when a request needs them. */
  lazyBytes: number;
  /** Bytes of the whole folder (Lambda allows 250 MB unzipped). */
  totalBytes: number;
  /** Packages in the bundle, by input bytes, largest first. */
  packages: { name: string; bytes: number }[];
}

export const LAMBDA_ENTRY = 'src/runtime/lambda.ts';
const FORBIDDEN = /@duckdb|@resvg|\.node$/;
/** Lambda's hard limit for an unzipped package. */
export const LAMBDA_MAX_UNZIPPED = 250 * 1024 * 1024;

export async function bundleLambda(options: BundleOptions): Promise<BundleReport> {
  const { root, outDir } = options;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'lambda.mjs');
  const result = await build({
    absWorkingDir: root,
    entryPoints: { lambda: LAMBDA_ENTRY },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    // lazily imported code (the insight charts: Plot + linkedom) goes to chunks parsed only when used
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: options.minify ?? true,
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    external: ['@aws-sdk/*'],
    // some dependencies are CommonJS and call require(); give the ESM bundle one
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  }).catch((error: unknown) => {
    const first = (error as { errors?: { text: string; location?: { file: string; line: number } }[] })
      .errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
    throw new KinemaError('bad-input', `esbuild failed: ${where}${first?.text ?? String(error)}`, undefined, {
      cause: error,
    });
  });
  const inputs = Object.keys(result.metafile.inputs);
  const native = inputs.filter((file) => FORBIDDEN.test(file));
  if (native.length > 0) {
    throw new KinemaError('bad-input', `the Lambda bundle would include native code: ${native.join(', ')}`);
  }
  copyWebAssets(root, join(outDir, 'assets'));
  if (options.modelDir) {
    if (!existsSync(join(options.modelDir, 'manifest.json'))) {
      throw new KinemaError(
        'not-found',
        `${options.modelDir} is not a model folder (no manifest.json)`,
        'run `kinema build`',
      );
    }
    // parquet and reports are not read at serve time
    cpSync(options.modelDir, join(outDir, 'model'), {
      recursive: true,
      filter: (src) => !/\.(parquet|duckdb)$|build-report\.json$/.test(src),
    });
    // the TMDB cache beside the model (src/runtime/tmdb-disk-cache.ts), read only on Lambda
    const tmdb = `${options.modelDir.replace(/[\\/]+$/, '')}-tmdb`;
    if (existsSync(tmdb))
      cpSync(tmdb, join(outDir, 'tmdb'), { recursive: true, filter: (src) => !src.includes('.kinema-tmp-') });
  }
  const code = readFileSync(outfile);
  const totalBytes = folderBytes(outDir);
  if (totalBytes > LAMBDA_MAX_UNZIPPED) {
    throw new KinemaError(
      'bad-input',
      `the Lambda package is ${(totalBytes / 2 ** 20).toFixed(0)} MB, over Lambda's 250 MB limit`,
      'deploy with --model-source s3 so the model is read from the bucket',
    );
  }
  return {
    entry: relative(root, outfile),
    codeBytes: code.length,
    codeGzipBytes: gzipSync(code, { level: 9 }).length,
    lazyBytes: existsSync(join(outDir, 'chunks')) ? folderBytes(join(outDir, 'chunks')) : 0,
    totalBytes,
    packages: packageSizes(result.metafile.inputs),
  };
}

/** The browser files the app serves under /assets/ (src/client: plain CSS, JS, SVG; no build step). */
export const WEB_ASSETS_DIR = 'src/client';

export function copyWebAssets(root: string, outDir: string): string[] {
  const dir = join(root, WEB_ASSETS_DIR);
  const names = readdirSync(dir).filter((name) => /\.(css|js|svg|png|ico|woff2)$/.test(name));
  mkdirSync(outDir, { recursive: true });
  for (const name of names) cpSync(join(dir, name), join(outDir, name));
  return names;
}

function packageSizes(inputs: Record<string, { bytes: number }>): { name: string; bytes: number }[] {
  const sizes = new Map<string, number>();
  for (const [file, { bytes }] of Object.entries(inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const name = m ? m[1]! : '(kinema)';
    sizes.set(name, (sizes.get(name) ?? 0) + bytes);
  }
  return [...sizes].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

function folderBytes(dir: string): number {
  let total = 0;
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    else total += stat.size;
  };
  walk(dir);
  return total;
}
