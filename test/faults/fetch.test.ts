/**
 * Fetch fault (issue 8): kill -9 of the real CLI mid-download from a local server that stalls mid-body.
 * The next run must resume (Range from the .part's length) and the file must verify as a whole gzip.
 */
import { test } from 'node:test';
import { figures, reportFigures } from '../helpers/figures.ts';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startFileServer } from '../pipeline/_file-server.ts';
import { CRASH, ROOT, kinemaKilledWhen, sampleData, tempDir } from './_cli.ts';

const FILE = 'title.principals.tsv.gz';

/** Async run of the CLI (the file server lives in this process, so spawnSync would deadlock it). */
function kinemaAsync(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/kinema.js'), ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => done({ code, stderr }));
  });
}

test('kill -9 during fetch: the next run resumes with Range from the .part and the file verifies', async () => {
  const base = tempDir('faults-fetch');
  const source = join(base, 'source');
  sampleData(source);
  const body = readFileSync(join(source, FILE));
  const server = await startFileServer();
  try {
    server.put(`/${FILE}`, body);
    const half = Math.floor(body.length / 2);
    // Send half the body, then stall with the socket open: the kill lands mid-body.
    server.cutAfter = { bytes: half, times: 1, stall: true };
    const data = join(base, 'imdb');
    const args = ['fetch', '--data', data, '--mirror', server.url, '--only', 'title.principals'];
    const partSize = () => {
      const part = readdirSync(data, { withFileTypes: true }).find((e) => e.name.endsWith('.part'));
      return part ? statSync(join(data, part.name)).size : 0;
    };
    const killed = await kinemaKilledWhen(args, () => existsSync(data) && partSize() >= half);
    assert.ok(killed.killed, `fetch ended (exit ${killed.code}) before it could be killed mid-body`);
    assert.equal(existsSync(join(data, FILE)), false, 'a half-downloaded file took the final name');
    const kept = partSize();
    assert.ok(kept >= half, `the .part kept only ${kept} of ${half} bytes`);

    const again = await kinemaAsync(args);
    reportFigures('fetch: kill -9 mid-body, resumed', {
      ...figures(),
      tried: 1,
      crashes: again.code === CRASH ? 1 : 0,
    });
    assert.notEqual(again.code, CRASH, again.stderr);
    assert.equal(again.code, 0, again.stderr);
    const resumed = server.requests.at(-1);
    assert.equal(resumed?.range, `bytes=${kept}-`, 'the second run did not resume from the .part');
    const got = readFileSync(join(data, FILE));
    assert.ok(got.equals(body), 'the resumed file differs from the served one');
    assert.ok(gunzipSync(got).length > 0);
    assert.deepEqual(
      readdirSync(data).filter((n) => n.includes('.part') || n.includes('tmp')),
      [],
      'leftover partial files',
    );
  } finally {
    await server.close();
  }
});
