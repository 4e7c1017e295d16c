import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFixtureModel } from '../../helpers/fixture-model.ts';

const BIN = resolve(import.meta.dirname, '../../../bin/kinema.js');

test('kinema serve prints the URL, serves, and stops cleanly on SIGTERM', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'kinema-serve-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const modelDir = join(root, 'model');
  writeFixtureModel(modelDir);
  const child = spawn(process.execPath, [BIN, 'serve', '--model', modelDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = /^(http:\/\/127\.0\.0\.1:\d+)\n/m.exec(out);
      if (line) ok(line[1]!);
    });
    child.on('exit', () => fail(new Error(`serve exited early:\n${stderr}`)));
  });
  const health = (await (await fetch(`${url}/healthz`)).json()) as { ok: boolean; movies: number };
  assert.deepEqual([health.ok, health.movies], [true, 16]);
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  assert.match(stderr, /SIGTERM: finishing requests in flight/);
  assert.match(stderr, /server stopped/);
  assert.match(stderr, /"path":"\/healthz","status":200/, 'access log line on stderr');
});

test('kinema serve rejects a bad geo list before starting', async () => {
  const child = spawn(process.execPath, [BIN, 'serve', '--geo-allow', 'US,France'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((ok) => child.on('exit', ok));
  assert.equal(code, 2);
  assert.match(stderr, /not an ISO country code: "FRANCE"/);
});
