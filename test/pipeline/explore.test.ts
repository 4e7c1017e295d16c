import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { explore, exploreModelDir } from '../../src/pipeline/explore.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { fixtureModel, writeFixtureModel } from '../helpers/fixture-model.ts';
import { assertGolden } from '../helpers/golden.ts';
import { reportHtml } from '../../src/pipeline/explore-html.tsx';

const temp = () => mkdtempSync(join(tmpdir(), 'kinema-explore-'));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.deepEqual(
    [...bytes.subarray(0, 8)],
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    'PNG signature',
  );
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('explore writes an offline HTML report plus an SVG and a PNG per chart', async () => {
  const dir = temp();
  try {
    const modelDir = join(dir, 'model');
    writeFixtureModel(modelDir);
    const log = memoryLogger();
    const result = await exploreModelDir(modelDir, { outDir: join(dir, 'report'), width: 600 }, { log });
    const files = readdirSync(join(dir, 'report')).sort();
    assert.equal(files.length, 1 + 2 * result.charts.length);
    assert.ok(files.includes('index.html') && files.includes('pca-map.png') && files.includes('pca-map.svg'));
    assert.ok(!files.some((f) => f.includes('.tmp-')), 'no temp files left behind');
    const html = readFileSync(result.html, 'utf8');
    assert.doesNotMatch(html, /<script|(src|href)="(https?:)?\/\//, 'nothing loaded from the network');
    assert.equal((html.match(/<svg /g) ?? []).length, result.charts.length, 'every chart inline');
    for (const c of result.charts) {
      assert.ok(html.includes(`href="${c.id}.png"`) && html.includes(`id="${c.id}"`));
      const svg = readFileSync(c.svg, 'utf8');
      assert.match(svg, /^<\?xml [^>]+>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      const size = pngSize(readFileSync(c.png!));
      assert.equal(size.width, 1200, `${c.id} PNG is 2× the 600 px chart`);
      const viewBoxHeight = Number(/viewBox="0 0 \d+ (\d+)"/.exec(svg)?.[1]);
      assert.equal(size.height, viewBoxHeight * 2);
    }
    assert.deepEqual(Object.keys(result.timings), ['load', 'charts', 'png', 'write']);
    assert.match(log.lines.join('\n'), /drew 9 charts for 16 movies/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the report is byte-identical across runs (PNG text from the shipped font only)', () => {
  const dir = temp();
  try {
    const model = fixtureModel();
    const a = explore(model, { outDir: join(dir, 'a') }, { log: memoryLogger() });
    const b = explore(model, { outDir: join(dir, 'b') }, { log: memoryLogger() });
    for (const [i, c] of a.charts.entries()) {
      assert.ok(readFileSync(c.png!).equals(readFileSync(b.charts[i]!.png!)), `${c.id}.png differs`);
      assert.equal(readFileSync(c.svg, 'utf8'), readFileSync(b.charts[i]!.svg, 'utf8'));
    }
    assert.equal(readFileSync(a.html, 'utf8'), readFileSync(b.html, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('PNG text is really drawn: with no font at all the PNG is much smaller', () => {
  const dir = temp();
  try {
    const model = fixtureModel();
    const withFont = explore(model, { outDir: join(dir, 'a') }, { log: memoryLogger() });
    // an empty font list: resvg then draws no text at all
    const noFont = explore(model, { outDir: join(dir, 'b'), fontFiles: [] }, { log: memoryLogger() });
    const a = readFileSync(withFont.charts[0]!.png!);
    const b = readFileSync(noFont.charts[0]!.png!);
    assert.ok(a.length > b.length * 1.2, `with font ${a.length} bytes, without ${b.length}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--no-png writes only HTML and SVG; a missing font or model is a clear error', async () => {
  const dir = temp();
  try {
    const result = explore(fixtureModel(), { outDir: dir, png: false }, { log: memoryLogger() });
    assert.ok(readdirSync(dir).every((f) => f.endsWith('.svg') || f === 'index.html'));
    assert.doesNotMatch(readFileSync(result.html, 'utf8'), /\.png"/);
    assert.throws(
      () => explore(fixtureModel(), { outDir: dir, fontFiles: ['/nope/font.ttf'] }, { log: memoryLogger() }),
      /font file \/nope\/font\.ttf is missing/,
    );
    await assert.rejects(
      exploreModelDir(join(dir, 'no-model'), { outDir: dir }, { log: memoryLogger() }),
      /no model in .*no-model \(manifest\.json is missing\)/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kinema explore CLI: writes the report, and --help teaches', () => {
  const dir = temp();
  try {
    writeFixtureModel(join(dir, 'model'));
    const bin = join(import.meta.dirname, '../../bin/kinema.js');
    const run = spawnSync(
      process.execPath,
      [bin, 'explore', '--model', join(dir, 'model'), '--out', join(dir, 'r'), '--no-png'],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /wrote .*index\.html with 9 charts/);
    const help = spawnSync(process.execPath, [bin, 'explore', '--help'], { encoding: 'utf8' });
    assert.match(help.stdout, /--out <dir>/);
    assert.match(help.stdout, /kinema explore --out report/);
    const missing = spawnSync(process.execPath, [bin, 'explore', '--model', join(dir, 'model')], {
      encoding: 'utf8',
    });
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /--out/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('explore reads only what charts need: broken neighbour lists and people do not matter', async () => {
  const dir = temp();
  try {
    const modelDir = join(dir, 'model');
    writeFixtureModel(modelDir);
    const manifestFile = join(modelDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, neighbours: { n: 5 } }));
    writeFileSync(join(modelDir, 'neighbours.bin'), 'not numbers');
    writeFileSync(join(modelDir, 'people.bin'), '{ broken');
    const result = await exploreModelDir(
      modelDir,
      { outDir: join(dir, 'r'), png: false },
      { log: memoryLogger() },
    );
    assert.equal(result.charts.length, 9);
    writeFileSync(manifestFile, '{ not json');
    await assert.rejects(
      exploreModelDir(modelDir, { outDir: join(dir, 'r'), png: false }, { log: memoryLogger() }),
      /manifest\.json is not valid JSON/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the report page matches its golden (test/output/explore-fixture.html)', () => {
  const dir = temp();
  try {
    const result = explore(fixtureModel(), { outDir: dir, png: false }, { log: memoryLogger() });
    assertGolden('explore-fixture.html', readFileSync(result.html, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the report escapes chart titles and descriptions and keeps the chart SVG as it is', () => {
  const chart = {
    id: 'x',
    title: 'Drama <b> & "more"',
    description: "Tom's <script>",
    svg: '<svg><g/></svg>',
  };
  const html = reportHtml(fixtureModel(), [chart], { png: true });
  assert.match(html, /^<!doctype html>\n<html lang="en">/);
  assert.ok(html.includes('Drama &lt;b&gt; &amp; &quot;more&quot;</a>'));
  assert.ok(html.includes('Tom&#39;s &lt;script&gt;</p>'));
  assert.ok(html.includes('<div class="chart"><svg><g/></svg></div>'));
  assert.ok(html.includes('<a href="x.svg">SVG</a> · <a href="x.png">PNG</a>'));
});
