/**
 * The CLI as a user runs it: compiled (dist/), started from a folder outside the repository through
 * a linked `kinema` (a symlink, as `npm link` makes). Source runners took the JSX settings from the
 * current folder's tsconfig, so every page answered 500 there while the API and the tests were fine.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledDist, ROOT } from '../helpers/dist.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { assertLinkedAssets } from '../helpers/linked-assets.ts';

let dir = '';
let kinema = '';

before(() => {
  compiledDist();
  dir = mkdtempSync(join(tmpdir(), 'kinema-outside-'));
  writeFixtureModel(join(dir, 'model'));
  kinema = join(dir, 'kinema');
  symlinkSync(join(ROOT, 'bin/kinema.js'), kinema);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('serve from another folder answers HTML pages with 200', async (t) => {
  const child = spawn(process.execPath, [kinema, 'serve', '--model', 'model', '--port', '0'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGTERM'));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = /^(http:\/\/127\.0\.0\.1:\d+)\n/m.exec(out);
      if (line) ok(line[1]!);
    });
    child.on('exit', () => fail(new Error(`serve exited early:\n${stderr}`)));
  });
  for (const path of ['/', '/movie/tt0068646', '/clusters', '/search?q=dune']) {
    const res = await fetch(`${url}${path}`, { headers: { accept: 'text/html' } });
    const body = await res.text();
    assert.equal(res.status, 200, `${path}: ${body.slice(0, 200)}`);
    assert.match(body, /^<!DOCTYPE html>/i, path);
  }
  const css = await fetch(`${url}/assets/app.css`);
  assert.equal(css.status, 200, 'browser assets come from dist/client');
});

test('export-site from another folder writes the site', async () => {
  const run = await new Promise<{ code: number; stderr: string }>((done) =>
    execFile(
      process.execPath,
      [kinema, 'export-site', '--out', 'site', '--model', 'model', '--pages'],
      { cwd: dir },
      (error, _out, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    ),
  );
  assert.equal(run.code, 0, run.stderr);
  assert.match(readFileSync(join(dir, 'site', 'index.html'), 'utf8'), /^<!DOCTYPE html>/i);
  assert.match(readFileSync(join(dir, 'site', 'movie', 'tt0068646', 'index.html'), 'utf8'), /The Godfather/);
  assertLinkedAssets(join(dir, 'site'));
});
