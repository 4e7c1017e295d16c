/**
 * TMDB posters in a real browser (Debian chromium): the CSP lets image.tmdb.org load and nothing else,
 * and a poster the CDN fails to deliver is replaced by the generated one (app.js, no inline handler).
 * The CDN is played by Playwright's router (there is no internet here); TMDB's API by a mock on 127.0.0.1.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, noBrowser } from '../helpers/browser.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { startServer, type RunningServer } from '../../src/runtime/node.ts';
import type { CacheEntry } from '../../src/server/tmdb/details.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { startMockTmdb, type MockTmdb } from '../server/tmdb/_mock-tmdb.ts';

const skip = noBrowser;
const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
// a 2:3 poster, drawn as an SVG image the "CDN" serves
const POSTER = `<svg xmlns="http://www.w3.org/2000/svg" width="342" height="513"><rect width="342" height="513" fill="#3a5a40"/></svg>`;

let server: RunningServer;
let mock: MockTmdb;
let root: string | undefined;
let browser: Browser;

before(async () => {
  if (skip) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'kinema-e2e-tmdb-'));
  const modelDir = join(root, 'model');
  writeFixtureModel(modelDir);
  mkdirSync(`${modelDir}-tmdb`);
  for (const [id, tmdbId, poster] of [
    ['tt0068646', 238, '/godfather.jpg'],
    ['tt0071562', 240, '/missing.jpg'],
  ] as const) {
    const entry: CacheEntry = {
      v: 1,
      id,
      fetchedAt: Date.now(),
      status: 'found',
      details: { tmdbId, region: 'US', poster, overview: `Plot of ${id}.` },
    };
    writeFileSync(join(`${modelDir}-tmdb`, `${id}.json`), JSON.stringify(entry));
  }
  mock = await startMockTmdb({ movies: [] });
  server = await startServer({
    modelDir,
    port: 0,
    log: memoryLogger(),
    handleSignals: false,
    config: { accessLog: false },
    tmdb: { key: mock.key, api: mock.url },
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await mock?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function page(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  const problems: string[] = [];
  p.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(m.text());
  });
  p.on('pageerror', (e) => problems.push(e.message));
  // the CDN: one poster exists, the other answers 404; any other host would be a CSP violation
  await p.route('https://image.tmdb.org/**', (route) =>
    route.request().url().endsWith('/godfather.jpg')
      ? route.fulfill({ status: 200, contentType: 'image/svg+xml', body: POSTER })
      : route.fulfill({ status: 404, body: 'not found' }),
  );
  return { page: p, problems };
}

test(
  'a TMDB poster loads from the CDN under the CSP; a broken one falls back to the generated poster',
  { skip },
  async () => {
    const { page: p, problems } = await page();
    await p.goto(`${server.url}/movie/tt0068646`);
    const poster = p.locator('article.movie img.poster');
    assert.equal(await poster.getAttribute('src'), 'https://image.tmdb.org/t/p/w500/godfather.jpg');
    await p.waitForFunction("document.querySelector('article.movie img.poster').naturalWidth > 0");
    assert.equal(await p.locator('.overview').textContent(), 'Plot of tt0068646.');
    // Part II's card points at a poster the CDN does not have: app.js swaps in /poster/tt0071562.svg
    const card = p.locator('section[aria-labelledby=row-similar] a[href="/movie/tt0071562"] img');
    await card.scrollIntoViewIfNeeded();
    await p.waitForFunction(`(() => {
      const img = document.querySelector('section[aria-labelledby=row-similar] a[href="/movie/tt0071562"] img');
      return img.getAttribute('src') === '/poster/tt0071562.svg' && img.naturalWidth > 0;
    })()`);
    assert.match((await p.locator('footer').textContent()) ?? '', /not endorsed or certified by TMDB/);
    await p.screenshot({ path: join(ARTIFACTS, 'tmdb-movie.png') });
    assert.deepEqual(problems, []);
  },
);
