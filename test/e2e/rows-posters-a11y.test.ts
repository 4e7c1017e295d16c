/**
 * In a real browser (Debian chromium through playwright-core) on the fixture model: row buttons for
 * mouse users, posters whose text never clips, and axe-core's serious and critical violations on the
 * main pages. axe-core is not a dependency: point AXE_CORE at its axe.min.js (or install it) to run that
 * test; it skips with the reason otherwise.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, noBrowser } from '../helpers/browser.ts';
import type { Genre } from '../../src/core/genres.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { startServer, type RunningServer } from '../../src/runtime/node.ts';
import { posterSvg } from '../../src/server/poster.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';

const skip = noBrowser;
const AXE = axePath();
const skipAxe =
  skip || (AXE ? false : 'axe-core is not installed: set AXE_CORE=/path/to/axe.min.js to run it');

let server: RunningServer;
let root: string | undefined;
let browser: Browser;

before(async () => {
  if (skip) return;
  root = mkdtempSync(join(tmpdir(), 'kinema-e2e-rows-'));
  const modelDir = join(root, 'model');
  writeFixtureModel(modelDir);
  server = await startServer({ modelDir, port: 0, log: memoryLogger(), handleSignals: false });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return context.newPage();
}

test(
  'rows have previous/next buttons for the mouse, out of the keyboard and screen-reader path',
  { skip },
  async () => {
    const page = await newPage(900);
    await page.goto(`${server.url}/movie/tt0068646`);
    const row = page.locator('section[aria-labelledby=row-similar]');
    const cards = row.locator('.cards');
    const next = row.locator('.scroll.next');
    const prev = row.locator('.scroll.prev');
    assert.equal(await next.getAttribute('aria-hidden'), 'true');
    assert.equal(await prev.isVisible(), false, 'nothing to go back to at the start');
    await row.hover();
    await next.click();
    // smooth scrolling: poll until it has moved
    let left = 0;
    for (let i = 0; i < 50 && left <= 100; i++) {
      await page.waitForTimeout(50);
      left = await cards.evaluate((e) => e.scrollLeft);
    }
    assert.ok(left > 100, `scrolled to ${left}`);
    await prev.waitFor({ state: 'visible' });
    // the buttons are never focused: Tab goes from link to link as before
    const focusable = await row
      .locator('.scroll')
      .evaluateAll((els) =>
        els.map(
          (e) => (e as unknown as { tabIndex: number }).tabIndex >= 0 || e.matches('a, button, [tabindex]'),
        ),
      );
    assert.deepEqual(focusable, [false, false]);
    // "See all" on More like this leads to the longer list
    await row.locator('a.more').click();
    await page.waitForURL(/\/movie\/tt0068646\/similar$/);
    assert.ok((await page.locator('.grid .card').count()) > 12);
  },
);

test(
  'generated posters never clip their text (long titles, long genres, wide letters)',
  { skip },
  async () => {
    const cases: { title: string; year: number; genres: Genre[] }[] = [
      {
        title: 'Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb',
        year: 1964,
        genres: ['Comedy', 'War'],
      },
      { title: 'Supercalifragilisticexpialidocious', year: 2001, genres: ['Documentary', 'Biography'] },
      { title: 'WWWWWWWWWW MMMMMMMMMM WWWWWWWWWW', year: 1999, genres: ['Documentary', 'Adventure'] },
      { title: 'Hotel Transylvania: Transformania', year: 2022, genres: ['Animation', 'Adventure'] },
      { title: 'Le fabuleux destin d’Amélie Poulain', year: 2001, genres: ['Comedy', 'Romance'] },
      { title: '千と千尋の神隠し 千と千尋の神隠し', year: 2001, genres: ['Animation', 'Adventure'] },
      { title: 'M', year: 1931, genres: [] },
    ];
    const page = await newPage();
    await page.setContent(
      `<!doctype html><body style="margin:0">${cases.map((c) => `<div style="width:200px;height:300px">${posterSvg(c)}</div>`).join('')}</body>`,
    );
    const boxes = await page.locator('svg text').evaluateAll((els) =>
      els.map((e) => {
        const b = (e as unknown as { getBBox(): { x: number; width: number } }).getBBox();
        return { text: e.textContent ?? '', left: b.x, right: b.x + b.width };
      }),
    );
    assert.ok(boxes.length >= cases.length * 2);
    for (const b of boxes) {
      assert.ok(
        b.left >= 0 && b.right <= 200,
        `"${b.text}" spans ${b.left.toFixed(1)}–${b.right.toFixed(1)} of 200`,
      );
    }
  },
);

test('axe-core: no serious or critical violations on the main pages', { skip: skipAxe }, async () => {
  const source = readFileSync(AXE!, 'utf8');
  const page = await newPage();
  const found: string[] = [];
  for (const path of [
    '/',
    '/movie/tt0068646',
    '/movie/tt0068646/similar',
    '/person/nm0000001',
    '/clusters',
    '/clusters/0',
    '/lists/top',
    '/search?q=godfather',
    '/taste',
  ]) {
    await page.goto(`${server.url}${path}`);
    await page.evaluate(source);
    // the Like buttons appear once the script has run: wait for them where they exist
    if (path.startsWith('/movie/tt0068646') && !path.endsWith('similar'))
      await page.locator('button.like').waitFor();
    const violations = (await page.evaluate(
      'axe.run().then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))',
    )) as { id: string; impact: string; nodes: number }[];
    if (process.env['AXE_VERBOSE']) console.log(path, JSON.stringify(violations));
    // serious and critical ones, and any contrast or duplicate-landmark finding (the latter is "moderate")
    for (const v of violations.filter(
      (x) => STRICT.has(x.id) || x.impact === 'serious' || x.impact === 'critical',
    ))
      found.push(`${path}: ${v.id} (${v.impact}, ${v.nodes} nodes)`);
  }
  assert.deepEqual(found, []);
});

const STRICT = new Set(['color-contrast', 'landmark-unique', 'region', 'aria-hidden-focus']);

test('the Like button keeps a 4.5:1 contrast (WCAG AA for its size)', { skip }, async () => {
  const page = await newPage();
  await page.goto(`${server.url}/movie/tt0068646`);
  const like = page.locator('button.like');
  await like.waitFor();
  const [fg, bg] = await like.evaluate((e) => {
    // runs in the page: the browser's getComputedStyle (this file is type-checked without the DOM lib)
    const style = (
      globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }
    ).getComputedStyle(e);
    return [style['color']!, style['backgroundColor']!];
  });
  const ratio = contrast(rgb(fg), rgb(bg));
  if (process.env['AXE_VERBOSE']) console.log(`Like: ${fg} on ${bg} is ${ratio.toFixed(2)}:1`);
  assert.ok(ratio >= 4.5, `Like: ${fg} on ${bg} is ${ratio.toFixed(2)}:1`);
});

function rgb(css: string): number[] {
  return (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
}

function contrast(a: number[], b: number[]): number {
  const lum = (c: number[]) => {
    const [r, g, bl] = c.map((v) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

test('autocomplete: a surname offers the person, and picking it opens their page', { skip }, async () => {
  const page = await newPage();
  await page.goto(`${server.url}/`);
  await page.fill('#q', 'coppola');
  const option = page.locator('#q-list [role=option]', { hasText: 'Francis Ford Coppola' });
  await option.waitFor();
  await option.click();
  await page.waitForURL(/\/person\/nm0000001$/);
  assert.equal(await page.locator('h1').innerText(), 'Francis Ford Coppola');
});

function axePath(): string | undefined {
  const env = process.env['AXE_CORE'];
  if (env) return existsSync(env) ? env : undefined;
  try {
    return createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  } catch {
    return undefined;
  }
}
