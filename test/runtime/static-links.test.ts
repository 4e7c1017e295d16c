import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staticPage, staticTarget } from '../../src/runtime/static-links.ts';

const exported = new Map([
  ['/', '/'],
  ['/movie/tt0068646', '/movie/tt0068646'],
  ['/search', '/search'],
  ['/taste', '/taste'],
  ['/lists/top', '/lists/top'],
  ['/lists/top?offset=24', '/lists/top/24/'],
]);

test('staticTarget: written pages stay, movies and people beyond the export go to IMDb, the rest unlinked', () => {
  assert.equal(staticTarget('/movie/tt0068646', exported), '/movie/tt0068646');
  assert.equal(staticTarget('/movie/tt0071562', exported), 'https://www.imdb.com/title/tt0071562/');
  assert.equal(staticTarget('/movie/tt0071562/similar', exported), 'https://www.imdb.com/title/tt0071562/');
  assert.equal(staticTarget('/person/nm0000338', exported), 'https://www.imdb.com/name/nm0000338/');
  assert.equal(staticTarget('/lists/top?offset=24', exported), '/lists/top/24/');
  assert.equal(staticTarget('/lists/top?offset=48', exported), undefined, 'a page not written');
  assert.equal(staticTarget('/search?q=dune', exported), '/search?q=dune', 'the script reads the query');
  assert.equal(staticTarget('/taste?liked=tt0068646', exported), '/taste?liked=tt0068646');
  assert.equal(staticTarget('/clusters/3', exported), undefined);
  assert.equal(staticTarget('/assets/app.0a1b2c3d.css', exported), '/assets/app.0a1b2c3d.css');
});

test('staticPage marks the page, rewrites links, drops dead pager links, lists the images to write', () => {
  const html =
    '<html lang="en"><body><a href="/movie/tt0071562"><img src="/poster/tt0071562.svg"/></a>' +
    '<a href="/lists/top?offset=24">more</a><img src="/charts/years.svg"/>' +
    '<nav class="pager" aria-label="Pages"><a href="/lists/top?offset=0">← Previous</a><a href="/lists/top?offset=48">Next →</a></nav></body></html>';
  const page = staticPage(html, exported);
  assert.match(page.html, /^<html lang="en" data-static="">/);
  assert.match(page.html, /<a href="https:\/\/www\.imdb\.com\/title\/tt0071562\/">/);
  assert.match(page.html, /<a href="\/lists\/top\/24\/">more<\/a>/);
  assert.match(page.html, /<nav class="pager" aria-label="Pages"><\/nav>/, 'neither page was written');
  assert.deepEqual(page.images, ['/charts/years.svg', '/poster/tt0071562.svg']);
});
