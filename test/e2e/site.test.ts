/**
 * End-to-end in a real browser (Debian chromium through playwright-core) against startServer on
 * 127.0.0.1 with the fixture model. Screenshots go to test/artifacts/ for a human to look at.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, noBrowser } from '../helpers/browser.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { startServer, type RunningServer } from '../../src/runtime/node.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';

const skip = noBrowser;
const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

let server: RunningServer;
let root: string | undefined;
let browser: Browser;
/** Console errors (CSP violations show up here) and uncaught page errors, per test. */
let problems: string[] = [];

before(async () => {
  if (skip) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'kinema-e2e-'));
  const modelDir = join(root, 'model');
  writeFixtureModel(modelDir);
  server = await startServer({
    modelDir,
    port: 0,
    log: memoryLogger(),
    handleSignals: false,
    // forced countries come from the CDN header; XX stands for a sanctioned region
    config: { geo: { mode: 'deny', countries: ['XX'], trustCdnHeader: true } },
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function newPage(options: { headers?: Record<string, string>; width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    extraHTTPHeaders: options.headers,
  });
  const page = await context.newPage();
  problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return page;
}

const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });

test('search with a typo and open the movie', { skip }, async () => {
  const page = await newPage();
  await page.goto(`${server.url}/`);
  await page.fill('#q', 'godfathr');
  const option = page.locator('#q-list [role=option]', { hasText: 'The Godfather' }).first();
  await option.waitFor();
  assert.ok((await page.locator('#q-list [role=option]').count()) >= 2);
  await shot(page, 'search-autocomplete');
  await option.click();
  await page.waitForURL(/\/movie\/tt\d+$/);
  assert.match(await page.locator('h1').innerText(), /The Godfather/);
  assert.deepEqual(problems, []);
});

test('see similar movies with explanations', { skip }, async () => {
  const page = await newPage();
  await page.goto(`${server.url}/movie/tt0068646`);
  const why = page.locator('section[aria-labelledby=row-similar] .why');
  assert.ok((await why.count()) >= 3);
  for (const text of await why.allInnerTexts()) assert.ok(text.length > 5, text);
  assert.ok(await page.locator('section[aria-labelledby=row-similar] a[href="/movie/tt0071562"]').count());
  await shot(page, 'movie-godfather', true);
  assert.deepEqual(problems, []);
});

test(
  'like this, but newer: the move and a slider re-rank the list live and stay in the URL',
  { skip },
  async () => {
    const page = await newPage();
    await page.goto(`${server.url}/movie/tt0068646`);
    const row = 'section[aria-labelledby=row-similar]';
    const years = async () =>
      (await page.locator(`${row} .card .m`).allInnerTexts()).map((t) => Number(t.slice(0, 4)) || 0);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const plain = await years();
    await page.click('section.tune a[data-move=newer]');
    await page.locator('#row-similar', { hasText: 'but newer' }).waitFor();
    assert.match(page.url(), /\/movie\/tt0068646\?tune=newer$/);
    assert.equal(await page.getAttribute('section.tune a[data-move=newer]', 'aria-pressed'), 'true');
    const newer = await years();
    assert.ok(mean(newer) > mean(plain), `${newer} vs ${plain}`);
    await page.locator('section.tune input[name=era]').fill('2');
    await page.waitForURL(/weights=era:2/);
    await page.waitForLoadState('networkidle');
    const live = await page.locator(`${row} .card .t`).allInnerTexts();
    // the shared URL renders the same list on the server
    await page.reload();
    assert.deepEqual(await page.locator(`${row} .card .t`).allInnerTexts(), live);
    assert.equal(await page.inputValue('section.tune input[name=era]'), '2');
    await shot(page, 'movie-tuned');
    assert.deepEqual(problems, []);
  },
);

test('like two movies and see the home rows change', { skip }, async () => {
  const page = await newPage();
  await page.goto(`${server.url}/`);
  assert.equal(await page.locator('#for-you .row').count(), 0, 'no taste yet, no taste rows');
  const before = await page.locator('main h2').allInnerTexts();
  for (const id of ['tt0076759', 'tt0080684']) {
    await page.goto(`${server.url}/movie/${id}`);
    await page.click('button.like');
    assert.equal(await page.getAttribute('button.like', 'aria-pressed'), 'true');
  }
  await page.goto(`${server.url}/`);
  await page.locator('#for-you .row').first().waitFor();
  const headings = await page.locator('main h2').allInnerTexts();
  assert.deepEqual(headings.slice(0, 3), [
    'Top picks for you',
    'Because you liked The Empire Strikes Back',
    'Because you liked Star Wars',
  ]);
  assert.deepEqual(headings.slice(3), before, 'the general rows follow');
  const links = await page
    .locator('#for-you .card a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(
    !links.includes('/movie/tt0076759') && !links.includes('/movie/tt0080684'),
    'liked movies are not recommended back',
  );
  const picks = await page
    .locator('#for-you-picks .card a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(picks.includes('/movie/tt0082971'), 'Raiders of the Lost Ark is a top pick');
  await shot(page, 'home-with-taste', true);
  assert.deepEqual(problems, []);
});

test('a geo-blocked request with a forced country gets the 451 page', { skip }, async () => {
  const page = await newPage({ headers: { 'CloudFront-Viewer-Country': 'XX' } });
  const res = await page.goto(`${server.url}/movie/tt0068646`);
  assert.equal(res?.status(), 451);
  assert.match(await page.locator('h1').innerText(), /Unavailable in your region/);
  await shot(page, 'geo-blocked');
  const allowed = await newPage({ headers: { 'CloudFront-Viewer-Country': 'FR' } });
  assert.equal((await allowed.goto(`${server.url}/`))?.status(), 200);
});

test('keyboard only: search, pick a suggestion, reach the movie', { skip }, async () => {
  const page = await newPage();
  await page.goto(`${server.url}/`);
  // a string expression: this file is compiled without the DOM lib
  const focused = () => page.evaluate('document.activeElement ? document.activeElement.id : null');
  let tabs = 0;
  while ((await focused()) !== 'q' && tabs++ < 12) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'q', 'the search box is reachable by Tab');
  await page.keyboard.type('roky');
  await page.locator('#q-list [role=option]').first().waitFor();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('#q', 'aria-activedescendant'), 'q-opt-0');
  await shot(page, 'keyboard-suggestions');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/movie\/tt\d+$/);
  assert.match(await page.locator('h1').innerText(), /Rocky/);
  // and on, by keyboard, to the first similar movie
  await page.locator('section[aria-labelledby=row-similar] .card a').first().focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/movie\/tt\d+$/);
  assert.deepEqual(problems, []);
});

test('responsive: the home page on a phone, atlas and taste pages', { skip }, async () => {
  const phone = await newPage({ width: 390 });
  await phone.goto(`${server.url}/`);
  await shot(phone, 'home-phone');
  const page = await newPage();
  await page.goto(`${server.url}/clusters`);
  await shot(page, 'atlas', true);
  await page.goto(`${server.url}/taste`);
  await page.check('input[name=liked][value="tt0054215"]');
  await page.waitForURL(/liked=tt0054215/);
  assert.ok(await page.locator('#taste-results .card').count());
  await shot(page, 'taste', true);
  await page.goto(`${server.url}/insights`);
  await page.locator('.charts img').first().waitFor();
  const broken = await page
    .locator('.charts img')
    .evaluateAll(
      (imgs) => imgs.filter((img) => !(img as unknown as { naturalWidth: number }).naturalWidth).length,
    );
  assert.equal(broken, 0, 'every chart image loads');
  await shot(page, 'insights', true);
  assert.deepEqual(problems, []);
});
