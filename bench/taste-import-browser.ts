/**
 * Issue 17's figures for the taste page's history import, on the full-size synthetic model (700k
 * movies, bench/lambda-model.ts) served by the compiled server: a 1,000-row IMDb export (the 900
 * most-voted catalog movies and 100 TV ids no movie catalog has, seeded ratings) dropped on /taste
 * in Chromium, timed by the page from reading the file to the taste being ready (parse, POST
 * /api/match, likes and dislikes); then the recommendation request the page makes with that taste,
 * over loopback, beside the anchor of a five-film taste.
 *
 *   npm run build && node --import tsx bench/taste-import-browser.ts [--movies 700000] [--runs 11]
 *     [--data DIR] (where the synthetic model folder is made; default bench/data/lambda)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { csvLine } from '../src/core/csv.ts';
import { memoryLogger } from '../src/core/log.ts';
import { loadModel } from '../src/core/model-load.ts';
import { createRandom } from '../src/numeric/random.ts';
import { fileModelReader } from '../src/runtime/files.ts';
import { launchChromium } from '../test/helpers/browser.ts';
import { compiledDist } from '../test/helpers/dist.ts';
import { FULL_SCALE, syntheticModel } from './lambda-model.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const MOVIES = flag('--movies', FULL_SCALE.movies);
const RUNS = flag('--runs', 11);
const ROOT = resolve(import.meta.dirname, '..');

const people = Math.round((FULL_SCALE.people * MOVIES) / FULL_SCALE.movies);
process.stderr.write(`synthesizing ${MOVIES} movies (cached after the first run)...\n`);
const dataArg = args.indexOf('--data');
const DATA = dataArg >= 0 ? resolve(args[dataArg + 1]!) : join(ROOT, 'bench/data/lambda');
const modelDir = syntheticModel(join(DATA, `synthetic-${MOVIES}`), {
  ...FULL_SCALE,
  movies: MOVIES,
  people,
});
const model = await loadModel(fileModelReader(modelDir));
const c = model.catalog;
const top = [...Array(c.size).keys()].sort((a, b) => c.votes[b]! - c.votes[a]!).slice(0, 900);
const random = createRandom(17);
let csv = csvLine(['Const', 'Your Rating', 'Date Rated', 'Title', 'URL', 'Title Type', 'Year']);
for (const r of top) {
  const id = c.id.get(r);
  csv += csvLine([id, 1 + random.int(10), '2024-01-01', c.title.get(r), '', 'Movie', c.year[r]!]);
}
for (let i = 0; i < 100; i++) {
  csv += csvLine([
    `tt9${String(i).padStart(8, '0')}`,
    1 + random.int(10),
    '2024-01-01',
    `Series ${i}`,
    '',
    'TV Series',
    2010,
  ]);
}
const work = mkdtempSync(join(tmpdir(), 'kinema-bench-taste-'));
const exportFile = join(work, 'ratings.csv');
writeFileSync(exportFile, csv);

const node = (await import(
  pathToFileURL(join(compiledDist(), 'runtime/node.js')).href
)) as typeof import('../src/runtime/node.ts');
// the access log's `ms` is the server's own time for a request (from arrival to the last byte handed over)
const log = memoryLogger();
const server = await node.startServer({
  modelDir,
  port: 0,
  log,
  handleSignals: false,
  config: { rateLimit: { max: 0, windowMs: 60_000 } },
});
const browser = await launchChromium();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)]!;
try {
  const importMs: number[] = [];
  let taste: { liked: string[]; disliked: string[]; seen: string[] } | undefined;
  let report = '';
  for (let run = 0; run <= RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/taste`);
    await page.locator('#taste-drop').waitFor();
    await page.setInputFiles('#taste-file', exportFile);
    const status = page.locator('#import-report[data-ms]');
    await status.waitFor();
    report = await status.innerText();
    // the first run warms the server (search index, model pages) and the browser: not counted
    if (run > 0) importMs.push(Number(await status.getAttribute('data-ms')));
    taste = JSON.parse((await page.evaluate("localStorage.getItem('kinema.taste')")) as string);
    await context.close();
  }
  const post = async (body: object) => {
    const started = performance.now();
    const res = await fetch(`${server.url}/api/recommend`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`recommend answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    return performance.now() - started;
  };
  // as the page sends it: latest picks first (app.js tasteRequest)
  const imported = {
    liked: [...taste!.liked].reverse(),
    disliked: [...taste!.disliked].reverse(),
    seen: taste!.seen,
    limit: 24,
  };
  const five = { liked: top.slice(0, 5).map((r) => c.id.get(r)), limit: 24 };
  const times = { imported: [] as number[], five: [] as number[] };
  for (let i = 0; i < 20; i++) await post(imported);
  log.lines.length = 0;
  for (let i = 0; i < 201; i++) {
    times.imported.push(await post(imported));
    times.five.push(await post(five));
  }
  // the timed requests' access log lines, in order: imported, five, imported, …
  const serverMs = log.lines
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { path: string; ms: number })
    .filter((l) => l.path === '/api/recommend')
    .map((l) => l.ms);
  const own = {
    imported: serverMs.filter((_, i) => i % 2 === 0),
    five: serverMs.filter((_, i) => i % 2 === 1),
  };
  const f = (x: number) => x.toFixed(1);
  process.stdout.write(
    `catalog ${c.size.toLocaleString('en-US')} movies (${modelDir}), Chromium, compiled server on 127.0.0.1\n` +
      `report: ${report.slice(0, 160)}\n\n` +
      `| case | runs | median ms | p99 ms | goal |\n| --- | ---: | ---: | ---: | --- |\n` +
      `| parse + match a 1,000-row IMDb export in the browser | ${importMs.length} | ${f(median(importMs))} | max ${f(Math.max(...importMs))} | ≤ 100 ms |\n` +
      `| recommendation request, imported taste (${taste!.liked.length} liked, ${taste!.disliked.length} disliked, ${taste!.seen.length} seen), client | 201 | ${f(median(times.imported))} | ${f(p99(times.imported))} | p99 ≤ 20 ms |\n` +
      `| the same, the server's own time (access log) | ${own.imported.length} | ${f(median(own.imported))} | ${f(p99(own.imported))} | p99 ≤ 20 ms |\n` +
      `| anchor: recommendation request, 5 liked, client | 201 | ${f(median(times.five))} | ${f(p99(times.five))} | – |\n` +
      `| anchor, the server's own time | ${own.five.length} | ${f(median(own.five))} | ${f(p99(own.five))} | – |\n`,
  );
} finally {
  await browser.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
