/**
 * The exported site (`kinema export-site --all`) in Chromium on a plain static host: search with
 * autocomplete, open a movie, like two, and see personal rows on the home page and the taste page,
 * all with no kinema server behind it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, noBrowser } from '../helpers/browser.ts';
import { compiledDist } from '../helpers/dist.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { serveStatic } from '../helpers/static-site.ts';

const skip = noBrowser;
const BIN = resolve(import.meta.dirname, '../../bin/kinema.js');
let root = '';
let host: { url: string; close(): Promise<void> };
let browser: Browser;
let problems: string[] = [];

before(async () => {
  if (skip) return;
  compiledDist();
  root = mkdtempSync(join(tmpdir(), 'kinema-e2e-static-'));
  writeFixtureModel(join(root, 'model'));
  const site = join(root, 'site');
  execFileSync(
    process.execPath,
    [BIN, 'export-site', '--out', site, '--model', join(root, 'model'), '--all', '--movies', '12'],
    { stdio: 'pipe' },
  );
  host = await serveStatic(site);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  // nothing but the static host: a request to a server route would fail here
  page.on('request', (r) => {
    if (r.method() !== 'GET') problems.push(`${r.method()} ${r.url()}`);
  });
  return page;
}

test('search, open a movie, like two and see personal rows, on a static host', { skip }, async () => {
  const page = await newPage();
  await page.goto(`${host.url}/`);
  await page.fill('#q', 'godfat');
  const option = page.locator('#q-list [role=option]', { hasText: 'The Godfather' }).first();
  await option.waitFor();
  await option.click();
  await page.waitForURL(/\/movie\/tt0068646\/?$/);
  assert.match(await page.locator('h1').innerText(), /The Godfather/);
  await page.click('button.like');
  await page.goto(`${host.url}/movie/tt0076759/`);
  await page.click('button.like');
  await page.goto(`${host.url}/`);
  const picks = page.locator('#for-you .row').first();
  await picks.waitFor();
  assert.match(await picks.locator('h2').innerText(), /Top picks for you/);
  const shown = await page
    .locator('#for-you .card a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(shown.length > 0);
  assert.ok(
    !shown.includes('/movie/tt0068646') && !shown.includes('/movie/tt0076759'),
    'no liked movie shown',
  );
  await page.goto(`${host.url}/taste/`);
  await page.locator('#taste-results .card').first().waitFor();
  assert.ok(await page.isChecked('input[name=liked][value="tt0068646"]'));
  assert.deepEqual(problems, []);
});

test('the search page answers from the exported titles; the 404 page is styled', { skip }, async () => {
  const page = await newPage();
  await page.goto(`${host.url}/`);
  await page.fill('#q', 'star wars');
  await page.press('#q', 'Enter');
  await page.waitForURL(/\/search\?q=star\+wars/);
  await page.locator('ul.grid .card').first().waitFor();
  assert.match(await page.locator('h1').innerText(), /Results for “star wars”/);
  assert.match(await page.locator('ul.grid').innerText(), /Star Wars/);
  const missing = await page.goto(`${host.url}/movie/tt9999999`);
  assert.equal(missing?.status(), 404);
  const rules = await page.evaluate(
    "[...document.styleSheets].filter((s) => /\\/assets\\/app\\.[0-9a-f]{8}\\.css$/.test(s.href ?? '')).reduce((n, s) => n + s.cssRules.length, 0)",
  );
  assert.ok(Number(rules) > 50, `the stylesheet loaded (${String(rules)} rules)`);
  assert.deepEqual(
    problems.filter((p) => !p.includes('404')),
    [],
  );
});

test(
  'an IMDb export imports on the static taste page, matched against the exported titles',
  { skip },
  async () => {
    const page = await newPage();
    await page.goto(`${host.url}/taste/`);
    await page.locator('#taste-drop').waitFor();
    await page.setInputFiles(
      '#taste-file',
      resolve(import.meta.dirname, '../fixtures/ratings/imdb-ratings.csv'),
    );
    await page.locator('#import-report').filter({ hasText: 'rows matched' }).waitFor();
    const taste = JSON.parse((await page.evaluate("localStorage.getItem('kinema.taste')")) as string) as {
      liked: string[];
    };
    assert.ok(taste.liked.includes('tt0068646'));
    await page.locator('#taste-results .card').first().waitFor();
    assert.deepEqual(problems, []);
  },
);
