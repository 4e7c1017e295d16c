import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { testApp } from './_app.ts';

const CLIENT = resolve(import.meta.dirname, '../../src/client');
const { app } = testApp({
  readAsset: async (name) => {
    try {
      return await readFile(join(CLIENT, name));
    } catch {
      return null;
    }
  },
});
const html = async (path: string) => {
  const res = await app.request(path, { headers: { Accept: 'text/html' } });
  return { res, text: await res.text() };
};

/** The CSP forbids inline script and style: pages must not contain any. */
function assertNoInline(text: string) {
  assert.doesNotMatch(text, /<script(?![^>]*\ssrc=)[^>]*>/);
  assert.doesNotMatch(text, /\sstyle="/);
  assert.doesNotMatch(text, /\son[a-z]+="/);
}

test('home page: rows of cards, light enough, no inline script', async () => {
  const { res, text } = await html('/');
  assert.equal(res.status, 200);
  assert.ok(text.startsWith('<!doctype html>'));
  // the fixture's famous films all have more votes than the Top rated prior: it has no hidden gems
  for (const row of ['Top rated', 'Popular'])
    assert.ok(text.includes(`>${row}<`) || text.includes(`>${row}`), row);
  assert.ok((text.match(/class="card"/g) ?? []).length >= 20);
  assert.ok(text.includes('href="/movie/tt0068646"'));
  assert.ok(text.includes('id="for-you"'), 'placeholder for the taste row');
  assert.ok(Buffer.byteLength(text) < 150_000);
  // no movie in more than two rows, though the fixture's few films fill every row's candidates
  const rows = text.split('<section class="row"').slice(1);
  const seen = new Map<string, number>();
  for (const row of rows) {
    for (const id of new Set(row.match(/href="\/movie\/tt\d+"/g) ?? []))
      seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  assert.ok(rows.length >= 3);
  assert.ok(Math.max(...seen.values()) <= 2, JSON.stringify([...seen].filter(([, n]) => n > 2)));
  assertNoInline(text);
});

test('movie page: facts, people, similar with explanations, cluster row', async () => {
  const { res, text } = await html('/movie/tt0068646');
  assert.equal(res.status, 200);
  assert.ok(text.includes('The Godfather'));
  assert.ok(text.includes('Francis Ford Coppola'));
  assert.ok(text.includes('More like this'));
  assert.ok((text.match(/class="why"/g) ?? []).length >= 3, 'each similar movie has its explanation');
  assert.ok(text.includes('data-like="tt0068646"'));
  assertNoInline(text);
});

test('movie page: "like this, but…" links toggle moves in the URL and render the tuned list', async () => {
  const plain = await html('/movie/tt0068646');
  assert.ok(plain.text.includes('href="/movie/tt0068646?tune=newer#row-similar"'));
  const { res, text } = await html('/movie/tt0068646?tune=newer,lighter&weights=era:0.5');
  assert.equal(res.status, 200);
  assert.ok(text.includes('More like this, but newer and lighter'));
  // toggling a move off keeps the others and the sliders
  assert.ok(text.includes('href="/movie/tt0068646?tune=lighter&amp;weights=era:0.5#row-similar"'));
  assert.ok(text.includes('data-move="newer" aria-pressed="true"'));
  assert.ok(text.includes('name="era" min="0" max="2" step="0.25" value="0.5"'));
  const bad = await html('/movie/tt0068646?tune=sideways');
  assert.equal(bad.res.status, 400);
  assertNoInline(text);
});

test('search page lists both Dune films and escapes the query', async () => {
  const { text } = await html('/search?q=dune');
  assert.equal((text.match(/href="\/movie\/tt1160419"/g) ?? []).length, 1);
  assert.equal((text.match(/href="\/movie\/tt0087182"/g) ?? []).length, 1);
  const evil = await html('/search?q=%3Cscript%3Ealert(1)%3C/script%3E');
  assert.ok(!evil.text.includes('<script>alert'));
  assert.ok(evil.text.includes('&lt;script&gt;'));
});

test('atlas, cluster, list, taste and insights pages render', async () => {
  const atlas = await html('/clusters');
  assert.equal(atlas.res.status, 200);
  assert.equal((atlas.text.match(/class="cluster"/g) ?? []).length, 4);
  const filtered = await html('/clusters?genre=Horror');
  assert.ok((filtered.text.match(/class="cluster"/g) ?? []).length < 4);
  assert.equal((await html('/clusters/0?sort=gems')).res.status, 200);
  assert.equal((await html('/lists/top')).res.status, 200);
  const taste = await html('/taste?liked=tt0076759&cluster=0');
  assert.ok(taste.text.includes('Recommended for you'));
  assert.ok(taste.text.includes('value="tt0076759" checked'));
});

test('insights page shows the exploration charts as SVG images', async () => {
  const { res, text } = await html('/insights');
  assert.equal(res.status, 200);
  const ids = [...text.matchAll(/src="\/charts\/([a-z0-9-]+)\.svg"/g)].map((m) => m[1]);
  assert.ok(ids.includes('rating-histogram') && ids.length >= 5, ids.join(','));
  const chart = await app.request('/charts/rating-histogram.svg');
  assert.equal(chart.status, 200);
  assert.match(chart.headers.get('content-type') ?? '', /image\/svg\+xml/);
  assert.match(await chart.text(), /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal((await app.request('/charts/nope.svg')).status, 404);
  assertNoInline(text);
});

test('errors render a short page without internals', async () => {
  const { res, text } = await html('/movie/nope');
  assert.equal(res.status, 400);
  assert.ok(text.includes('invalid movie id'));
  assert.doesNotMatch(text, /at .*\.ts:\d+/);
  assert.equal((await html('/no/such/page')).res.status, 404);
  assert.equal((await html('/taste?liked=tt9999999')).res.status, 200, 'stale ids in a taste are skipped');
  assert.equal((await html('/taste?liked=bad')).res.status, 400);
});

test('posters are deterministic SVG with the title escaped', async () => {
  const res = await app.request('/poster/tt0211915.svg');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /image\/svg\+xml/);
  const svg = await res.text();
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(svg.includes('Amélie'));
  assert.equal(svg, await (await app.request('/poster/tt0211915.svg')).text());
  assert.equal((await app.request('/poster/tt9999999.svg')).status, 404);
  assert.equal((await app.request('/poster/x.svg')).status, 404);
});

test('assets: pages link content-hashed names, served immutable; the plain name redirects', async () => {
  const html = await (await app.request('/')).text();
  const cssUrl = /href="(\/assets\/app\.[0-9a-f]{8}\.css)"/.exec(html)?.[1];
  const jsUrl = /src="(\/assets\/app\.[0-9a-f]{8}\.js)"/.exec(html)?.[1];
  assert.ok(cssUrl && jsUrl, 'the page links hashed asset names');
  const css = await app.request(cssUrl);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  assert.equal(css.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal((await app.request(jsUrl)).status, 200);
  const plain = await app.request('/assets/app.css');
  assert.equal(plain.status, 302);
  assert.equal(plain.headers.get('location'), cssUrl);
  assert.equal(plain.headers.get('cache-control'), 'no-cache');
  assert.equal((await app.request('/assets/app.00000000.css')).status, 404, 'a stale hash is not served');
});

test('assets: only declared names, no traversal', async () => {
  for (const path of [
    '/assets/tsconfig.json',
    '/assets/..%2F..%2Fpackage.json',
    '/assets/../package.json',
    '/assets/.env',
    '/assets/',
  ]) {
    const res = await app.request(path);
    assert.equal(res.status, 404, path);
  }
});
