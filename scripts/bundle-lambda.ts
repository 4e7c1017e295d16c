/**
 * Builds the Lambda package into dist/lambda (or --out DIR): esbuild bundle of src/runtime/lambda.ts,
 * the static assets, and with --model DIR the model folder for KINEMA_MODEL_SOURCE=bundle.
 *
 *   node --import tsx scripts/bundle-lambda.ts [--out dist/lambda] [--model model]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleLambda } from '../src/deploy/bundle.ts';
import { formatBytes } from '../src/core/format-bytes.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { out: { type: 'string', default: 'dist/lambda' }, model: { type: 'string' } },
});
const report = await bundleLambda({
  root,
  outDir: resolve(root, values.out),
  modelDir: values.model ? resolve(values.model) : undefined,
});
process.stdout.write(
  `${report.entry}: ${formatBytes(report.codeBytes)} (${formatBytes(report.codeGzipBytes)} gzip), ` +
    `lazy chunks ${formatBytes(report.lazyBytes)}, ` +
    `package ${formatBytes(report.totalBytes)}\n` +
    report.packages
      .slice(0, 8)
      .map((p) => `  ${p.name.padEnd(28)} ${formatBytes(p.bytes)}\n`)
      .join(''),
);
