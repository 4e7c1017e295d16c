/**
 * The Node server with a TMDB key, against a mock TMDB on 127.0.0.1: a wrong key is one line at start
 * and the site serves without TMDB; a right one caches details beside the model and pages show them.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger } from '../../src/core/log.ts';
import { startServer } from '../../src/runtime/node.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { startMockTmdb, type MockTmdb } from '../server/tmdb/_mock-tmdb.ts';

let mock: MockTmdb;
before(async () => {
  mock = await startMockTmdb({ movies: [{ imdb: 'tt0068646', tmdb: 238, poster: '/godfather.jpg' }] });
});
after(() => mock.close());

function modelFolder(t: TestContext): string {
  const root = mkdtempSync(join(tmpdir(), 'kinema-tmdb-node-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFixtureModel(join(root, 'model'));
  return join(root, 'model');
}

const quiet = { accessLog: false };

test('a wrong key: one clear line at start-up, and the site serves without TMDB data', async (t) => {
  const modelDir = modelFolder(t);
  const log = memoryLogger();
  const server = await startServer({
    modelDir,
    port: 0,
    log,
    handleSignals: false,
    config: quiet,
    tmdb: { key: 'wrong-key', api: mock.url },
  });
  try {
    assert.deepEqual(
      log.lines.filter((l) => l.includes('TMDB')),
      [
        'warn: TMDB rejected the key: Invalid API key: You must be granted a valid key. (serving without TMDB data)',
      ],
    );
    assert.ok(!log.lines.some((l) => l.includes('wrong-key')), 'the key is never logged');
    const asked = mock.requests.length;
    const page = await fetch(`${server.url}/movie/tt0068646`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Posters are generated stand-ins\./);
    assert.doesNotMatch(page.headers.get('content-security-policy')!, /image\.tmdb\.org/);
    assert.equal(mock.requests.length, asked);
  } finally {
    await server.close();
  }
});

test('a right key: details are fetched on first view, cached beside the model, shown on the next', async (t) => {
  const modelDir = modelFolder(t);
  const log = memoryLogger();
  const server = await startServer({
    modelDir,
    port: 0,
    log,
    handleSignals: false,
    config: quiet,
    tmdb: { key: mock.key, api: mock.url, region: 'US' },
  });
  try {
    const first = await (await fetch(`${server.url}/movie/tt0068646`)).text();
    assert.match(first, /src="\/poster\/tt0068646\.svg"/);
    const file = join(`${modelDir}-tmdb`, 'tt0068646.json');
    for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).details.poster, '/godfather.jpg');
    const second = await (await fetch(`${server.url}/movie/tt0068646`)).text();
    assert.match(second, /src="https:\/\/image\.tmdb\.org\/t\/p\/w500\/godfather\.jpg"/);
  } finally {
    await server.close();
  }
});
