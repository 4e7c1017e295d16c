/**
 * The Lambda function's code, built once by `npm run build` (scripts/build.ts) into dist/lambda-code:
 * src/runtime/lambda.ts bundled by esbuild into one ESM file plus lazily loaded chunks. The code does
 * not depend on the user's model or options, so `kinema deploy` copies it (src/deploy/bundle.ts) and
 * esbuild stays a dev dependency. The AWS SDK is left out because the nodejs22.x runtime provides it;
 * native modules (DuckDB, resvg) must never reach the bundle.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { LAMBDA_PACKAGES_FILE, type PackageSize } from '../src/deploy/bundle.ts';

export const LAMBDA_ENTRY = 'src/runtime/lambda.ts';
const FORBIDDEN = /@duckdb|@resvg|\.node$/;

export async function buildLambdaCode(root: string, outDir: string, minify = true): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
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
    minify,
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    external: ['@aws-sdk/*'],
    // some dependencies are CommonJS and call require(); give the ESM bundle one
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  const inputs = Object.keys(result.metafile.inputs);
  const native = inputs.filter((file) => FORBIDDEN.test(file));
  if (native.length > 0) {
    throw new Error(`the Lambda bundle would include native code: ${native.join(', ')}`);
  }
  writeFileSync(
    join(outDir, LAMBDA_PACKAGES_FILE),
    `${JSON.stringify(packageSizes(result.metafile.inputs))}\n`,
  );
}

function packageSizes(inputs: Record<string, { bytes: number }>): PackageSize[] {
  const sizes = new Map<string, number>();
  for (const [file, { bytes }] of Object.entries(inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const name = m ? m[1]! : '(kinema)';
    sizes.set(name, (sizes.get(name) ?? 0) + bytes);
  }
  return [...sizes].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}
