/**
 * The taste page's history import in Chromium, against the compiled server (dist/: the import script
 * is bundled by the build): IMDb and Letterboxd exports parsed in the browser, the taste saved to a
 * file and opened again, and bad files refused with the taste untouched.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, noBrowser } from '../helpers/browser.ts';
import { compiledDist } from '../helpers/dist.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { memoryLogger } from '../../src/core/log.ts';
import type { RunningServer } from '../../src/runtime/node.ts';

const skip = noBrowser;
const FIXTURES = resolve(import.meta.dirname, '../fixtures/ratings');
let server: RunningServer;
let root = '';
let browser: Browser;
let problems: string[] = [];

before(async () => {
  if (skip) return;
  const node = (await import(
    pathToFileURL(join(compiledDist(), 'runtime/node.js')).href
  )) as typeof import('../../src/runtime/node.ts');
  root = mkdtempSync(join(tmpdir(), 'kinema-e2e-import-'));
  writeFixtureModel(join(root, 'model'));
  server = await node.startServer({
    modelDir: join(root, 'model'),
    port: 0,
    log: memoryLogger(),
    handleSignals: false,
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function tastePage(): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}/taste`);
  await page.locator('#taste-drop').waitFor();
  return page;
}

type Stored = { liked: string[]; disliked: string[]; seen: string[]; titles: Record<string, string> };
const stored = async (page: Page) =>
  JSON.parse(
    (await page.evaluate("localStorage.getItem('kinema.taste') ?? 'null'")) as string,
  ) as Stored | null;

test('an IMDb export (BOM, CRLF) becomes the taste, with a personal row and a report', { skip }, async () => {
  const page = await tastePage();
  await page.setInputFiles('#taste-file', join(FIXTURES, 'imdb-ratings.csv'));
  const report = page.locator('#import-report');
  await report.filter({ hasText: 'rows matched' }).waitFor();
  const text = await report.innerText();
  assert.match(text, /imdb-ratings\.csv \(IMDb\): \d+ of \d+ rows matched/);
  const taste = await stored(page);
  assert.ok(taste?.liked.includes('tt0068646'), 'The Godfather, rated 10, is liked');
  assert.ok(taste?.disliked.includes('tt0081505'), 'The Shining, rated 3, is not for me');
  assert.ok(taste?.seen.includes('tt0107048'), 'Groundhog Day, rated 5, is only seen');
  await page.locator('#taste-results .card').first().waitFor();
  const shown = await page
    .locator('#taste-results .card a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const id of taste!.seen) assert.ok(!shown.includes(`/movie/${id}`), `${id} was rated, so not shown`);
  assert.match(page.url(), /\/taste\?liked=tt/);
  assert.deepEqual(problems, []);
});

test('a Letterboxd export matches by title and year; unmatched rows are listed', { skip }, async () => {
  const page = await tastePage();
  const file = join(root, 'letterboxd.csv');
  writeFileSync(
    file,
    'Date,Name,Year,Letterboxd URI,Rating\n2024-02-03,"The Godfather Part II",1974,https://boxd.it/gf2,4.5\n' +
      '2024-02-04,Rocky,1976,https://boxd.it/rocky,4\n2024-02-05,A Film Nobody Made,1999,https://boxd.it/x,5\n',
  );
  await page.setInputFiles('#taste-file', file);
  const report = page.locator('#import-report');
  await report.filter({ hasText: 'rows matched' }).waitFor();
  const text = await report.innerText();
  assert.match(text, /\(Letterboxd\): 2 of 3 rows matched: 2 liked/);
  assert.match(text, /1 of 3 rows matched no movie in this catalog: A Film Nobody Made \(1999\) line 4/);
  const taste = await stored(page);
  assert.deepEqual([...taste!.liked].sort(), ['tt0071562', 'tt0075148']);
});

test('bad files are refused by line, and the taste stays as it was', { skip }, async () => {
  const page = await tastePage();
  await page.setInputFiles('#taste-file', join(FIXTURES, 'imdb-ratings.csv'));
  await page.locator('#import-report').filter({ hasText: 'rows matched' }).waitFor();
  const before = await stored(page);
  const cases: [string, string | Buffer, RegExp][] = [
    ['other.csv', 'id,name,score\n1,x,2\n', /other\.csv:1: not an IMDb or Letterboxd export/],
    ['broken.csv', 'Const,Your Rating,Title,Year\ntt0068646,9,"The Godfather,1972\n', /broken\.csv:2/],
    [
      'rating.csv',
      'Const,Your Rating,Title,Year\ntt0068646,11,The Godfather,1972\n',
      /rating\.csv:2: Your Rating/,
    ],
    ['poster.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), /binary file/],
    [
      'taste.json',
      '{"kind":"kinema taste","version":1,"liked":["godfather"]}',
      /liked\[0\] is not an IMDb title id/,
    ],
  ];
  for (const [name, content, message] of cases) {
    const file = join(root, name);
    writeFileSync(file, content);
    await page.setInputFiles('#taste-file', file);
    const alert = page.locator('#import-report[role=alert]');
    await alert.filter({ hasText: name }).waitFor();
    assert.match(await alert.innerText(), message, name);
    assert.match(await alert.innerText(), /Your taste is unchanged/);
    assert.deepEqual(await stored(page), before, `${name} changed the taste`);
  }
});

test('the taste saved as a file opens again in another browser', { skip }, async () => {
  const page = await tastePage();
  await page.setInputFiles('#taste-file', join(FIXTURES, 'imdb-ratings.csv'));
  await page.locator('#import-report').filter({ hasText: 'rows matched' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#taste-export')]);
  assert.equal(download.suggestedFilename(), 'kinema-taste.json');
  const file = join(root, 'kinema-taste.json');
  await download.saveAs(file);
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Stored & { kind: string };
  assert.equal(saved.kind, 'kinema taste');
  const other = await tastePage();
  assert.equal(await stored(other), null, 'a fresh browser has no taste');
  await other.setInputFiles('#taste-file', file);
  await other.locator('#import-report').filter({ hasText: 'liked' }).waitFor();
  assert.deepEqual(await stored(other), await stored(page));
});

test(
  'add a movie by search: posters in the suggestions, the pick ticked and recommended from',
  { skip },
  async () => {
    const page = await tastePage();
    await page.fill('#taste-add', 'psycho');
    const option = page.locator('#taste-add-list [role=option]', { hasText: 'Psycho' }).first();
    await option.waitFor();
    assert.match((await option.locator('img').getAttribute('src')) ?? '', /^\/poster\/tt\d+\.svg$/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/liked=tt0054215/);
    assert.ok(await page.isChecked('input[name=liked][value="tt0054215"]'));
    await page.locator('#taste-results .card').first().waitFor();
    assert.deepEqual((await stored(page))?.liked, ['tt0054215']);
    assert.deepEqual(problems, []);
  },
);
