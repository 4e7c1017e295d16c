/**
 * Issue 17's static-export figures: `kinema export-site --all` of a model (the compiled CLI, timed),
 * the files and bytes it writes, and what the home page costs a first visitor in Chromium on a plain
 * static host: every response the page loads, as bytes on the wire with the gzip CloudFront applies
 * (level 6, text types only) and as written.
 *
 *   npm run build && node --import tsx bench/static-site.ts --model DIR [--movies 1000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/helpers/browser.ts';
import { fileFor, serveStatic } from '../test/helpers/static-site.ts';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const model = arg('--model');
if (!model) throw new Error('pass --model DIR (a built model folder)');
const movies = arg('--movies') ?? '1000';
const BIN = resolve(import.meta.dirname, '../bin/kinema.js');
const work = mkdtempSync(join(tmpdir(), 'kinema-bench-static-'));
const site = join(work, 'site');

const started = performance.now();
execFileSync(
  process.execPath,
  [BIN, 'export-site', '--out', site, '--model', model, '--all', '--movies', movies],
  {
    stdio: 'pipe',
  },
);
const seconds = (performance.now() - started) / 1000;
let files = 0;
let bytes = 0;
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) walk(path);
    else {
      files++;
      bytes += stat.size;
    }
  }
};
walk(site);

const host = await serveStatic(site);
const browser = await launchChromium();
const loaded: string[] = [];
try {
  const page = await (await browser.newContext()).newPage();
  page.on('response', (r) => loaded.push(new URL(r.url()).pathname));
  await page.goto(`${host.url}/`, { waitUntil: 'networkidle' });
} finally {
  await browser.close();
  await host.close();
}
const TEXT = /\.(html|css|js|json|svg)$|\/$/;
let wire = 0;
let raw = 0;
for (const path of loaded) {
  const file = fileFor(site, path);
  if (!file) continue;
  const body = readFileSync(file);
  raw += body.length;
  wire += TEXT.test(path) || file.endsWith('.html') ? gzipSync(body, { level: 6 }).length : body.length;
}
const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
process.stdout.write(
  `export-site --all --movies ${movies} of ${model}\n` +
    `| export s | files | size | home page requests | home transferred (gzip) | home as written | goal |\n| ---: | ---: | ---: | ---: | ---: | ---: | --- |\n` +
    `| ${seconds.toFixed(1)} | ${files.toLocaleString('en-US')} | ${mb(bytes)} | ${loaded.length} | ${kb(wire)} | ${kb(raw)} | home ≤ 150 KB transferred |\n`,
);
rmSync(work, { recursive: true, force: true });
