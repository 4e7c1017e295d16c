/**
 * `npm run build` (also run by `prepare`, so `npm ci` builds): compiles src/ to dist/ with tsc
 * (tsconfig.build.json: same tree, `.ts` imports rewritten to `.js`, JSX for hono/jsx), copies the
 * files the code reads beside itself (SQL, the browser assets), and prebuilds the Lambda code into
 * dist/lambda-code. bin/kinema.js and the worker threads run dist/; no TypeScript at run time.
 *
 *   node --import tsx scripts/build.ts
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { buildLambdaCode } from './lambda-code.ts';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const started = performance.now();

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

copyMatching(join(root, 'src/db/sql'), join(dist, 'db/sql'), /\.sql$/);
copyMatching(join(root, 'src/client'), join(dist, 'client'), /\.(css|js|svg|png|ico|woff2)$/);
// the taste page's import: browser TypeScript sharing core's export parser, as one module
await build({
  entryPoints: [join(root, 'src/client/ratings-import.ts')],
  outfile: join(dist, 'client/import.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
await buildLambdaCode(root, join(dist, 'lambda-code'));
// what test/helpers/dist.ts compares src/ against
writeFileSync(join(dist, '.built'), `${new Date().toISOString()}\n`);
process.stdout.write(`built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

function copyMatching(from: string, to: string, pattern: RegExp): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) if (pattern.test(name)) cpSync(join(from, name), join(to, name));
}
