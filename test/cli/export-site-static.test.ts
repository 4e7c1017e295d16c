/**
 * `kinema export-site --all` on a plain static host: every internal link and image of every page
 * answers (the fixture model with only some movies exported, and the real IMDb sample's model).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { buildRealSample, noRealSample } from '../helpers/real-sample.ts';
import { brokenLinks } from '../helpers/static-site.ts';

const BIN = resolve(import.meta.dirname, '../../bin/kinema.js');
let dir = '';

function kinema(args: string[]) {
  return new Promise<{ code: number; stderr: string }>((done) =>
    execFile(process.execPath, [BIN, ...args], (error, _out, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    ),
  );
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kinema-export-static-'));
  writeFixtureModel(join(dir, 'model'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('--all --movies 5: no broken link or image; movies beyond the five link to IMDb', async () => {
  const site = join(dir, 'site');
  const run = await kinema([
    'export-site',
    '--out',
    site,
    '--model',
    join(dir, 'model'),
    '--all',
    '--movies',
    '5',
  ]);
  assert.equal(run.code, 0, run.stderr);
  const crawl = brokenLinks(site);
  assert.deepEqual(crawl.broken, []);
  assert.ok(crawl.pages > 20 && crawl.links > 500, `${crawl.pages} pages, ${crawl.links} links`);
  const home = readFileSync(join(site, 'index.html'), 'utf8');
  assert.match(home, /<html lang="en" data-static="">/);
  assert.match(home, /href="https:\/\/www\.imdb\.com\/title\/tt\d+\/"/, 'an unexported movie links to IMDb');
  for (const page of ['search', 'taste', 'insights'])
    assert.ok(existsSync(join(site, page, 'index.html')), page);
  const index = JSON.parse(readFileSync(join(site, 'api', 'index.json'), 'utf8')) as { movies: unknown[][] };
  assert.equal(index.movies.length, 5);
  assert.deepEqual(index.movies[0]!.length, 6, 'id, title, year, genres, rating, votes');
});

test(
  'the real sample: --all with the default 1,000 movies has no broken link or image',
  { skip: noRealSample },
  async () => {
    const model = await buildRealSample(join(dir, 'real'), { neighbours: 20 });
    const site = join(dir, 'real-site');
    const run = await kinema(['export-site', '--out', site, '--model', model, '--all']);
    assert.equal(run.code, 0, run.stderr);
    const crawl = brokenLinks(site);
    assert.deepEqual(crawl.broken.slice(0, 20), []);
    // paging works statically: each list and cluster order has its first pages as folders
    const popular = readFileSync(join(site, 'lists', 'popular', 'index.html'), 'utf8');
    assert.match(popular, /href="\/lists\/popular\/24\/">Next →/);
    const page5 = readFileSync(join(site, 'lists', 'popular', '96', 'index.html'), 'utf8');
    assert.match(page5, /href="\/lists\/popular\/72\/">← Previous/);
    assert.doesNotMatch(page5, /Next →/, 'the fifth page is the last one written, so it links no further');
    const cluster = readFileSync(join(site, 'clusters', '0', 'index.html'), 'utf8');
    assert.match(cluster, /href="\/clusters\/0\/top\/0\/"/);
    console.log(
      `real sample export: ${crawl.pages} pages, ${crawl.links} internal links and images, 0 broken`,
    );
  },
);
