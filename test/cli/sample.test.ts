import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IMDB_TABLES } from '../../src/core/tables.ts';

const BIN = resolve(import.meta.dirname, '../../bin/kinema.js');
const root = mkdtempSync(join(tmpdir(), 'kinema-cli-sample-'));
after(() => rmSync(root, { recursive: true, force: true }));

function kinema(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('kinema sample writes six files and a summary; --seed makes it repeatable', async () => {
  const a = await kinema(['sample', '--scale', '0.0001', '--out', join(root, 'a'), '--seed', '3']);
  assert.equal(a.code, 0, a.stderr);
  assert.deepEqual(readdirSync(join(root, 'a')).sort(), IMDB_TABLES.map((t) => t.file).sort());
  assert.match(a.stderr, /^title\.principals\.tsv\.gz: [\d,]+ rows$/m);
  assert.match(a.stderr, /6 files in .*: [\d,]+ rows, .* \(scale 0\.0001, seed 3\)/);
  assert.match(a.stderr, /MovieLens format in .*movielens: [\d,]+ ratings of [\d,]+ movies/);
  assert.deepEqual(readdirSync(join(root, 'movielens')).sort(), [
    'README.txt',
    'links.csv',
    'movies.csv',
    'ratings.csv',
    'unpacked.json',
  ]);
  assert.equal(a.stdout, '');
  const b = await kinema([
    'sample',
    '--scale',
    '0.0001',
    '--out',
    join(root, 'b'),
    '--seed',
    '3',
    '--only',
    'title.akas',
  ]);
  assert.equal(b.code, 0, b.stderr);
  assert.ok(
    readFileSync(join(root, 'a', 'title.akas.tsv.gz')).equals(
      readFileSync(join(root, 'b', 'title.akas.tsv.gz')),
    ),
  );
});

test('bad flags are usage errors that name the flag', async () => {
  const scale = await kinema(['sample', '--scale', 'big', '--out', join(root, 'x')]);
  assert.notEqual(scale.code, 0);
  assert.match(scale.stderr, /--scale must be a number > 0, got "big"/);
  const huge = await kinema(['sample', '--scale', '50', '--out', join(root, 'x')]);
  assert.equal(huge.code, 2);
  assert.match(huge.stderr, /--scale must be in \(0, 4\], got 50/);
  const level = await kinema(['sample', '--level', '0']);
  assert.match(level.stderr, /--level must be 1 to 9/);
});

test('--movielens-out moves the MovieLens files, --no-movielens and --only leave them out', async () => {
  const base = ['sample', '--scale', '0.0001', '--seed', '3'];
  const moved = await kinema([
    ...base,
    '--out',
    join(root, 'm', 'imdb'),
    '--movielens-out',
    join(root, 'ml'),
  ]);
  assert.equal(moved.code, 0, moved.stderr);
  assert.ok(readdirSync(join(root, 'ml')).includes('ratings.csv'));
  assert.equal(readdirSync(join(root, 'm')).join(), 'imdb');
  // the same seed and scale: the same ratings as the default folder got in the first test
  assert.ok(
    readFileSync(join(root, 'ml', 'ratings.csv')).equals(
      readFileSync(join(root, 'movielens', 'ratings.csv')),
    ),
  );
  const none = await kinema([...base, '--out', join(root, 'n', 'imdb'), '--no-movielens']);
  const only = await kinema([...base, '--out', join(root, 'o', 'imdb'), '--only', 'ratings']);
  assert.equal(none.code + only.code, 0);
  assert.equal(readdirSync(join(root, 'n')).join(), 'imdb');
  assert.equal(readdirSync(join(root, 'o')).join(), 'imdb');
  assert.doesNotMatch(none.stderr + only.stderr, /MovieLens/);
});
