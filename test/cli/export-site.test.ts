import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { assertLinkedAssets } from '../helpers/linked-assets.ts';

const BIN = resolve(import.meta.dirname, '../../bin/kinema.js');
let dir = '';

function kinema(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const read = (...parts: string[]) => readFileSync(join(dir, ...parts), 'utf8');

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kinema-export-site-'));
  writeFixtureModel(join(dir, 'model'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('export-site --all renders pages and API files with the app itself', async () => {
  const run = await kinema([
    'export-site',
    '--out',
    join(dir, 'site'),
    '--model',
    join(dir, 'model'),
    '--all',
  ]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(read('site', 'index.html'), /^<!DOCTYPE html>/i);
  assert.match(read('site', 'movie', 'tt0068646', 'index.html'), /The Godfather/);
  assert.match(read('site', '404.html'), /<html/i);
  assert.ok(existsSync(join(dir, 'site', 'poster', 'tt0068646.svg')));
  assertLinkedAssets(join(dir, 'site'));
  const movie = JSON.parse(read('site', 'api', 'movies', 'tt0068646.json')) as { title: string };
  assert.equal(movie.title, 'The Godfather');
  const similar = JSON.parse(read('site', 'api', 'movies', 'tt0068646', 'similar.json')) as {
    items: { movie: { id: string } }[];
  };
  assert.equal(similar.items[0]!.movie.id, 'tt0071562');
  const index = JSON.parse(read('site', 'api', 'index.json')) as { movies: [string, string, number][] };
  assert.equal(index.movies.length, 16);
  assert.ok(
    index.movies.some(([id, title, year]) => id === 'tt0087182' && title === 'Dune' && year === 1984),
  );
  assert.equal(
    readdirSync(join(dir, 'site', 'api', 'clusters')).filter((f) => f.endsWith('.json')).length,
    4,
  );
});

test('--movies limits the exported movies to the most popular ones', async () => {
  const run = await kinema([
    'export-site',
    '--out',
    join(dir, 'top3'),
    '--model',
    join(dir, 'model'),
    '--pages',
    '--movies',
    '3',
  ]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(readdirSync(join(dir, 'top3', 'movie')).sort(), ['tt0068646', 'tt0071562', 'tt0076759']);
  // only the title index the browser searches: no API files without --api
  assert.deepEqual(readdirSync(join(dir, 'top3', 'api')), ['index.json']);
});

test('without --pages or --api only the assets are written, and no model is needed', async () => {
  const run = await kinema([
    'export-site',
    '--out',
    join(dir, 'assets-only'),
    '--model',
    join(dir, 'missing'),
  ]);
  assert.equal(run.code, 0, run.stderr);
  const names = readdirSync(join(dir, 'assets-only', 'assets')).map((f) => f.replace(/\.[0-9a-f]{8}\./, '.'));
  assert.deepEqual(
    names.sort(),
    ['app.css', 'app.js', 'icon.svg', 'import.js', 'static-host.js', 'tmdb.svg'],
    'each under its hashed name',
  );
  assert.deepEqual(readdirSync(join(dir, 'assets-only')).sort(), ['.kinema-export', 'assets']);
});

test('an earlier export is replaced, a foreign folder is refused', async () => {
  const again = await kinema(['export-site', '--out', join(dir, 'assets-only')]);
  assert.equal(again.code, 0, again.stderr);
  mkdirSync(join(dir, 'mine'));
  writeFileSync(join(dir, 'mine', 'notes.txt'), 'keep me');
  const refused = await kinema(['export-site', '--out', join(dir, 'mine')]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /is not empty and not an earlier export/);
  assert.equal(read('mine', 'notes.txt'), 'keep me');
});
