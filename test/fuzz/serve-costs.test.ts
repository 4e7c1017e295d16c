/**
 * Cheap ways to burn server CPU or memory, or to dodge the limits (issue 16, items 9-12): expensive
 * parameters made cheap (similar and the never-cached taste POST), a response cache an attacker's variety cannot grow, X-Forwarded-For taken from
 * the trusted hop, posters within a budget, and an aborted upload that is not an internal error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { memoryLogger } from '../../src/core/log.ts';
import { loadModel } from '../../src/core/model-load.ts';
import { createApp } from '../../src/server/app.ts';
import { prepareModel } from '../../src/server/loaded-model.ts';
import { ResponseCache } from '../../src/server/response-cache.ts';
import { TASTE_MAX } from '../../src/core/recommend/index.ts';
import { PROFILE_MAX } from '../../src/core/recommend/taste.ts';
import { fileModelReader } from '../../src/runtime/files.ts';
import { startServer } from '../../src/runtime/node.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { testApp } from '../server/_app.ts';
import { ROOT, kinema, tempDir } from '../faults/_cli.ts';
import { figures as none, reportFigures } from '../helpers/figures.ts';

const SAMPLE = join(ROOT, '../shared/data/imdb-sample');
const noSample = existsSync(join(SAMPLE, 'title.basics.tsv.gz'))
  ? false
  : `the real IMDb sample is absent (${SAMPLE})`;
if (noSample) console.log(`skipping the CPU-cost test: ${noSample}`);
const figures = { ...none(), failed5xx: 0 };

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

test(
  'similar with a huge offset and diversity, made unique by &v=N: cheap, and one cache entry',
  { skip: noSample },
  async () => {
    const model = join(tempDir('serve-costs'), 'model');
    const built = kinema([
      'build',
      '--data',
      SAMPLE,
      '--model',
      model,
      '--cache',
      join(model, '..', 'cache'),
      '--threads',
      '2',
    ]);
    assert.equal(built.status, 0, built.stderr);
    const served = prepareModel(await loadModel(fileModelReader(model)));
    const app = createApp({
      getModel: () => served,
      log: memoryLogger(),
      config: { accessLog: false, rateLimit: { max: 0, windowMs: 60_000 } },
    });
    const path = (v: number) => `/api/movies/tt0068646/similar?limit=100&offset=10000&diversity=1&v=${v}`;
    await app.request(path(0));
    const entries = served.responses.size;
    const start = cpuMs();
    for (let v = 1; v <= 40; v++) {
      const res = await app.request(path(v));
      figures.tried++;
      if (res.status >= 500) figures.failed5xx++;
      assert.equal(res.status, 200);
      assert.deepEqual(((await res.json()) as { items: unknown[] }).items, []);
    }
    const spent = cpuMs() - start;
    // before: ~0.5 s of CPU each (20 s for 40); a cache hit is microseconds
    assert.ok(spent < 1000, `40 requests cost ${spent.toFixed(0)} ms of CPU`);
    assert.equal(served.responses.size, entries, '&v=N made new cache entries');
    // diversity is computed within the precomputed window: the list ends at N, a page past it is empty
    const n = served.model.neighbours!.n;
    const last = (await (
      await app.request(`/api/movies/tt0068646/similar?limit=20&offset=${n - 10}&diversity=1`)
    ).json()) as {
      items: unknown[];
      next: unknown;
    };
    assert.equal(last.items.length, 10);
    assert.equal(last.next, null);
    const before = cpuMs();
    await app.request('/api/movies/tt0068646/similar?limit=100&offset=0&diversity=1');
    assert.ok(cpuMs() - before < 200, 'one diverse page of 100 took over 200 ms of CPU');

    // the taste list (POST, never cached): before, 50 liked at offset 4,000 with diversity cost ~0.6 s
    const size = served.model.catalog.size;
    const liked = Array.from({ length: 50 }, (_, i) =>
      served.model.catalog.id.get(Math.floor((i * size) / 50)),
    );
    const recommend = async (offset: number) => {
      const res = await app.request('/api/recommend', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ liked, offset, limit: 100, diversity: 1 }),
      });
      figures.tried++;
      if (res.status >= 500) figures.failed5xx++;
      assert.equal(res.status, 200);
      return (await res.json()) as { items: { movie: { id: string } }[]; next: number | null };
    };
    const far = cpuMs();
    for (let offset = 4000; offset < 4010; offset++) assert.deepEqual((await recommend(offset)).items, []);
    const farMs = cpuMs() - far;
    assert.ok(farMs < 500, `10 taste pages past the list cost ${farMs.toFixed(0)} ms of CPU`);
    // the list ends at TASTE_MAX; diversity reorders its first DIVERSE_MAX, the rest keep relevance order
    const end = await recommend(TASTE_MAX - 100);
    assert.equal(end.items.length, 100);
    assert.equal(end.next, null);
    const pages = [...(await recommend(0)).items, ...(await recommend(100)).items].map((r) => r.movie.id);
    assert.equal(new Set(pages).size, 200, 'two pages of one diverse list repeat a movie');

    // the largest profile the API takes (500 liked, 500 disliked): before, ~0.7 s of CPU a request; the
    // first PROFILE_MAX of each are scored, so the answer is the one for those alone
    const spread = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => served.model.catalog.id.get((from + i * 17) % size));
    const post = async (body: object) => {
      const res = await app.request('/api/recommend', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      figures.tried++;
      if (res.status >= 500) figures.failed5xx++;
      assert.equal(res.status, 200);
      return ((await res.json()) as { items: { movie: { id: string } }[] }).items.map((r) => r.movie.id);
    };
    const big = cpuMs();
    for (let k = 0; k < 5; k++)
      await post({ liked: spread(500, k), disliked: spread(500, k + 5000), limit: 12 });
    const bigMs = cpuMs() - big;
    console.log(
      `serve costs, CPU: 40 similar pages at offset 10,000 with diversity ${spent.toFixed(0)} ms; ` +
        `10 taste pages at offset 4,000 with diversity ${farMs.toFixed(0)} ms; ` +
        `5 tastes of 500 liked + 500 disliked ${bigMs.toFixed(0)} ms`,
    );
    assert.ok(bigMs < 1000, `5 requests with 500 liked and 500 disliked cost ${bigMs.toFixed(0)} ms of CPU`);
    const full = { liked: spread(500, 1), disliked: spread(100, 5001), limit: 12 };
    const cut = (ids: string[]) => ({
      first: ids.slice(0, PROFILE_MAX),
      older: ids.slice(PROFILE_MAX),
    });
    const [likes, dislikes] = [cut(full.liked), cut(full.disliked)];
    const answer = await post(full);
    const seen = [...likes.older, ...dislikes.older];
    assert.deepEqual(answer, await post({ liked: likes.first, disliked: dislikes.first, seen, limit: 12 }));
    assert.ok(
      !answer.some((id) => full.liked.includes(id) || full.disliked.includes(id)),
      'a pick shown back',
    );
  },
);

test('2,100 chart requests with unique ?v=N: one cache entry; the cache is bounded by bytes', async () => {
  const { app, served } = testApp({ config: { accessLog: false, rateLimit: { max: 0, windowMs: 60_000 } } });
  served.responses.clear();
  for (let v = 0; v < 2100; v++) {
    const res = await app.request(`/charts/pca-map.svg?v=${v}`);
    figures.tried++;
    if (res.status >= 500) figures.failed5xx++;
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  }
  assert.equal(served.responses.size, 1);
  const cache = new ResponseCache();
  const body = new Uint8Array(50_000);
  for (let i = 0; i < 1000; i++) cache.set(`/k${i}`, { body, etag: 'x', type: 'svg', maxAge: 1 }, 1_000_000);
  assert.ok(cache.bytes <= 1_000_000, `${cache.bytes} bytes kept with a 1 MB bound`);
  assert.ok(cache.size >= 15 && cache.has('/k999') && !cache.has('/k0'), 'not least-recently-used');
  cache.set('/huge', { body: new Uint8Array(200_000), etag: 'x', type: 'svg', maxAge: 1 }, 1_000_000);
  assert.equal(cache.has('/huge'), false, 'one entry may not take a fifth of the cache');
});

test('--trust-proxy: the client is the address the trusted proxy appended, not what the client sent', async () => {
  const countries: Record<string, string> = { '198.51.100.7': 'XX' };
  const make = (trustProxy: boolean | number) =>
    testApp({
      config: {
        accessLog: false,
        trustProxy,
        rateLimit: { max: 20, windowMs: 60_000 },
        geo: { mode: 'deny', countries: ['XX'], trustCdnHeader: false },
      },
      lookupCountry: (ip) => countries[ip] ?? 'US',
    }).app;
  const app = make(true);
  let ok = 0;
  let blocked = 0;
  for (let i = 0; i < 60; i++) {
    const res = await app.request('/api/lists/top', {
      headers: { 'X-Forwarded-For': `203.0.113.${i}, 198.51.100.7` },
    });
    figures.tried++;
    if (res.status === 200) ok++;
    if (res.status === 451) blocked++;
  }
  assert.equal(ok, 0, 'a spoofed first hop escaped the geo restriction');
  assert.equal(blocked, 60);
  // two proxies: the second from the right is the client; spoofing left of it changes nothing
  delete countries['198.51.100.7'];
  const two = make(2);
  let passed = 0;
  for (let i = 0; i < 60; i++) {
    const res = await two.request('/api/lists/top', {
      headers: { 'X-Forwarded-For': `203.0.113.${i}, 192.0.2.1, 10.0.0.1` },
    });
    figures.tried++;
    if (res.status === 200) passed++;
  }
  assert.equal(passed, 20, `${passed} of 60 passed a limit of 20`);
});

test('posters have a budget too: a flood from one client is limited', async () => {
  const { app } = testApp({
    config: { accessLog: false, trustProxy: true, rateLimit: { max: 20, windowMs: 60_000 } },
  });
  let ok = 0;
  for (let i = 0; i < 1000; i++) {
    const res = await app.request('/poster/tt0068646.svg', { headers: { 'X-Forwarded-For': '10.9.9.9' } });
    figures.tried++;
    if (res.status >= 500) figures.failed5xx++;
    if (res.status === 200) ok++;
  }
  assert.ok(ok > 20 && ok <= 200, `${ok} of 1000 posters served at --rate-limit 20`);
});

test('an aborted POST body is not logged as an internal error', async () => {
  const modelDir = join(tempDir('abort'), 'model');
  writeFixtureModel(modelDir);
  const log = memoryLogger();
  const server = await startServer({ modelDir, port: 0, log, handleSignals: false, watchIntervalMs: 60_000 });
  try {
    const port = Number(new URL(server.url).port);
    const heads = [
      'Transfer-Encoding: chunked\r\n\r\n5\r\n{"lik',
      'Content-Length: 1000\r\n\r\n{"liked":["tt00',
      'Content-Length: 1000\r\n\r\n',
    ];
    for (const head of heads) {
      figures.tried++;
      await new Promise<void>((done) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            `POST /api/recommend HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${head}`,
          );
          setTimeout(() => (socket.destroy(), setTimeout(done, 200)), 100);
        });
      });
    }
    const errors = log.lines.filter((l) => l.startsWith('warn') || l.includes('"status":5'));
    figures.failed5xx += errors.length;
    assert.deepEqual(errors, []);
  } finally {
    await server.close();
  }
  reportFigures('serve: costs and limits', { ...none(), tried: figures.tried, fivexx: figures.failed5xx });
});
