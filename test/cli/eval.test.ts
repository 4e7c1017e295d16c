import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../bin/kinema.js');
const DATA = resolve(import.meta.dirname, '../../../shared/data');
const skip = existsSync(DATA) ? false : 'no ../shared/data: the real MovieLens and IMDb sample are absent';

function kinema(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('kinema eval prints the table; --out writes the JSON report', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-cli-eval-'));
  try {
    const out = join(dir, 'report.json');
    const run = await kinema([
      'eval',
      '--rounds',
      '1',
      '--only',
      'random,most,genre',
      '--no-tuned',
      '--out',
      out,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^strategy +i2i HR@10 +i2i NDCG@10/m);
    for (const name of ['random', 'most popular (IMDb votes)', 'genre Jaccard']) {
      assert.match(run.stdout, new RegExp(`^${name.replace(/[()]/g, '\\$&')} +0\\.\\d{3}`, 'm'));
    }
    assert.match(run.stdout, /titles\/years\/genres from MovieLens for \d+, from IMDb title\.basics for \d+/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { results: { name: string }[] };
    assert.deepEqual(
      report.results.map((r) => r.name),
      ['random', 'most popular (IMDb votes)', 'genre Jaccard'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'kinema eval --train adds training-only users; --json keys the figures by strategy',
  { skip },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kinema-cli-eval-train-'));
    try {
      // the first 3,000 ratings again, as if from other users (no links.csv: the main folder's apply)
      const lines = readFileSync(join(DATA, 'movielens', 'ratings.csv'), 'utf8')
        .split('\n')
        .slice(0, 3001);
      writeFileSync(join(dir, 'ratings.csv'), `${lines.join('\n')}\n`);
      const extraUsers = new Set(lines.slice(1).map((l) => l.split(',')[0])).size;
      const run = await kinema([
        'eval',
        '--rounds',
        '1',
        '--only',
        'most,item-kNN',
        '--no-tuned',
        '--train',
        dir,
        '--json',
      ]);
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout) as {
        summary: { users: number; evaluatedUsers: number; tuneUsers: number; trainOnlyUsers: number };
        data: { trainOnlyRatings: number };
        strategies: Record<string, Record<'i2i' | 'taste', Record<string, number>>>;
      };
      assert.equal(report.summary.trainOnlyUsers, extraUsers);
      assert.ok(report.data.trainOnlyRatings > 2000 && report.data.trainOnlyRatings <= 3000);
      assert.ok(report.summary.evaluatedUsers + report.summary.tuneUsers <= report.summary.users);
      assert.deepEqual(Object.keys(report.strategies), [
        'most popular (IMDb votes)',
        'item-kNN CF (reference)',
      ]);
      for (const row of Object.values(report.strategies)) {
        for (const mode of [row.i2i, row.taste]) {
          for (const key of ['hr10', 'ndcg10', 'coverage'])
            assert.ok(mode[key]! >= 0 && mode[key]! <= 1, key);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('kinema eval: a missing folder or an unknown strategy is a clear error with exit code', async () => {
  const missing = await kinema(['eval', '--movielens', '/nonexistent/ml']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /--movielens \/nonexistent\/ml does not exist/);
  assert.match(missing.stderr, /try: pass a MovieLens folder/);
  const unknown = await kinema(['eval', '--only', 'nope', '--movielens', tmpdir(), '--imdb', tmpdir()]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no strategy is named "nope"/);
});
