/**
 * The Lambda package: the function's code, prebuilt by `npm run build` into dist/lambda-code
 * (scripts/lambda-code.ts: src/runtime/lambda.ts bundled by esbuild, no native code, no AWS SDK),
 * plus the web assets and (for KINEMA_MODEL_SOURCE=bundle) the model folder. Only the model and
 * assets change between deploys, so nothing is compiled here and esbuild is not needed at run time.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { hashedName } from '../core/asset-name.ts';
import { KinemaError } from '../core/errors.ts';

export interface BundleOptions {
  /** The package root (holds dist/lambda-code and the web assets). */
  root: string;
  outDir: string;
  /** A model folder to ship inside the package, or undefined when the function reads S3. */
  modelDir?: string;
  /** The TMDB cache to ship beside a bundled model (the function reads it, never TMDB). */
  tmdbDir?: string;
}

export interface PackageSize {
  name: string;
  bytes: number;
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
  packages: PackageSize[];
}

/** Where `npm run build` leaves the function's code, under the package root. */
export const LAMBDA_CODE_DIR = 'dist/lambda-code';
/** Written beside the code by the build: the bundle's input bytes per package. */
export const LAMBDA_PACKAGES_FILE = 'packages.json';
/** Lambda's hard limit for an unzipped package. */
export const LAMBDA_MAX_UNZIPPED = 250 * 1024 * 1024;

/** Model files the function never reads: Parquet and reports. */
const servedOnly = (src: string) => !/\.(parquet|duckdb)$|build-report\.json$/.test(src);
/** Hidden names are a cache write in progress (src/io/atomic.ts). */
const notHidden = (src: string) => !basename(src).startsWith('.');

/**
 * What the package will weigh, counted before anything is copied, so a model too big for Lambda is
 * refused with nothing written (the bundle step and `kinema deploy --dry-run` both ask).
 */
export function checkPackageSize(options: Omit<BundleOptions, 'outDir'>): number {
  const code = folderBytes(join(options.root, LAMBDA_CODE_DIR), (src) => !src.endsWith(LAMBDA_PACKAGES_FILE));
  const assets = folderBytes(join(options.root, WEB_ASSETS_DIR));
  const model = options.modelDir ? folderBytes(options.modelDir, servedOnly) : 0;
  const tmdb = options.modelDir && options.tmdbDir ? folderBytes(options.tmdbDir, notHidden) : 0;
  const total = code + assets + model + tmdb;
  if (total > LAMBDA_MAX_UNZIPPED) {
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
    throw new KinemaError(
      'bad-input',
      `the Lambda package would be ${mb(total)} (model ${mb(model)}${tmdb ? `, TMDB cache ${mb(tmdb)}` : ''}), over Lambda's 250 MB limit`,
      'deploy with --model-source s3 so the function reads the model from the bucket',
    );
  }
  return total;
}

export async function bundleLambda(options: BundleOptions): Promise<BundleReport> {
  const { root, outDir } = options;
  const codeDir = join(root, LAMBDA_CODE_DIR);
  if (!existsSync(join(codeDir, 'lambda.mjs'))) {
    throw new KinemaError('not-found', `the prebuilt Lambda code is missing (${codeDir})`, 'npm run build');
  }
  if (options.modelDir && !existsSync(join(options.modelDir, 'manifest.json'))) {
    throw new KinemaError(
      'not-found',
      `${options.modelDir} is not a model folder (no manifest.json)`,
      'run `kinema build`',
    );
  }
  checkPackageSize(options);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(codeDir, outDir, { recursive: true, filter: (src) => !src.endsWith(LAMBDA_PACKAGES_FILE) });
  const outfile = join(outDir, 'lambda.mjs');
  copyWebAssets(root, join(outDir, 'assets'));
  if (options.modelDir) {
    cpSync(options.modelDir, join(outDir, 'model'), { recursive: true, filter: servedOnly });
    if (options.tmdbDir)
      cpSync(options.tmdbDir, join(outDir, 'tmdb'), { recursive: true, filter: notHidden });
  }
  const code = readFileSync(outfile);
  const totalBytes = folderBytes(outDir);
  return {
    entry: relative(root, outfile),
    codeBytes: code.length,
    codeGzipBytes: gzipSync(code, { level: 9 }).length,
    lazyBytes: existsSync(join(outDir, 'chunks')) ? folderBytes(join(outDir, 'chunks')) : 0,
    totalBytes,
    packages: JSON.parse(readFileSync(join(codeDir, LAMBDA_PACKAGES_FILE), 'utf8')) as PackageSize[],
  };
}

/** The browser files the app serves under /assets/ (src/client: plain CSS, JS, SVG, copied by the build). */
export const WEB_ASSETS_DIR = 'dist/client';

/**
 * The web assets into `outDir`: as named for the function package (it hashes them itself), or under
 * their content-hashed names for the bucket CloudFront serves /assets/ from.
 */
export function copyWebAssets(root: string, outDir: string, options: { hashed?: boolean } = {}): string[] {
  const dir = join(root, WEB_ASSETS_DIR);
  const names = readdirSync(dir).filter((name) => /\.(css|js|svg|png|ico|woff2)$/.test(name));
  mkdirSync(outDir, { recursive: true });
  return names.map((name) => {
    const file = options.hashed ? hashedName(name, readFileSync(join(dir, name))) : name;
    cpSync(join(dir, name), join(outDir, file));
    return file;
  });
}

function folderBytes(dir: string, keep: (path: string) => boolean = () => true): number {
  let total = 0;
  const walk = (path: string) => {
    if (!keep(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    else total += stat.size;
  };
  walk(dir);
  return total;
}
