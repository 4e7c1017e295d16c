import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryLogger } from '../../src/core/log.ts';
import { createApp } from '../../src/server/app.ts';
import { isAllowed } from '../../src/server/middleware/geo.ts';
import { servedFixture, testApp } from './_app.ts';

test('every response carries strict security headers', async () => {
  const { app } = testApp();
  for (const path of ['/', '/movie/tt0068646', '/no/such/page', '/healthz']) {
    const res = await app.request(path, { headers: { Accept: 'text/html' } });
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/, path);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
    assert.match(res.headers.get('permissions-policy') ?? '', /camera=\(\)/);
    assert.equal(res.headers.get('strict-transport-security'), null, 'no HSTS over plain HTTP');
  }
  // JSON runs nothing: the API forbids everything; answers from the response cache, revalidations,
  // HEAD and errors get the same headers
  const first = await app.request('/api/lists/top');
  const again = await app.request('/api/lists/top');
  const revalidated = await app.request('/api/lists/top', {
    headers: { 'If-None-Match': first.headers.get('etag')! },
  });
  const head = await app.request('/api/lists/top', { method: 'HEAD' });
  const missing = await app.request('/api/movies/tt9999999');
  assert.equal(revalidated.status, 304);
  assert.equal(missing.status, 404);
  for (const res of [first, again, revalidated, head, missing]) {
    assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'same-origin');
  }
  const poster = await app.request('/poster/tt0068646.svg');
  assert.equal(
    poster.headers.get('content-security-policy'),
    "default-src 'none'; style-src 'unsafe-inline'",
  );
  assert.equal(poster.headers.get('x-content-type-options'), 'nosniff');
  for (const path of ['/', '/api/lists/top']) {
    const tls = await app.request(`https://kinema.example${path}`, {
      headers: { 'X-Forwarded-Proto': 'https' },
    });
    assert.match(tls.headers.get('strict-transport-security') ?? '', /max-age=31536000/, path);
  }
});

test('geo allow-list: the trusted CDN header decides, blocked clients get a 451 page', async () => {
  const { app } = testApp({
    config: { accessLog: false, geo: { mode: 'allow', countries: ['US', 'CA'], trustCdnHeader: true } },
  });
  const asked = (country?: string, path = '/') =>
    app.request(path, {
      headers: { Accept: 'text/html', ...(country ? { 'CloudFront-Viewer-Country': country } : {}) },
    });
  assert.equal((await asked('US')).status, 200);
  assert.equal((await asked('ca')).status, 200);
  const blocked = await asked('FR');
  assert.equal(blocked.status, 451);
  assert.ok((await blocked.text()).includes('Unavailable in your region'));
  assert.equal(blocked.headers.get('x-content-type-options'), 'nosniff', 'the 451 page is hardened too');
  assert.equal((await asked(undefined)).status, 451, 'unknown country fails an allow-list');
  assert.equal((await asked('FR', '/api/movies/tt0068646')).status, 451);
  assert.equal((await asked('FR', '/healthz')).status, 200, 'health checks are never geo-blocked');
  assert.match((await asked('US', '/api/lists/top')).headers.get('vary') ?? '', /CloudFront-Viewer-Country/);
});

test('geo: without trusting the header, the IP lookup decides and the header is ignored', async () => {
  const looked: string[] = [];
  const { app } = testApp({
    config: {
      accessLog: false,
      trustProxy: true,
      geo: { mode: 'deny', countries: ['FR'], trustCdnHeader: false },
    },
    lookupCountry: (ip) => {
      looked.push(ip);
      return ip === '81.2.69.142' ? 'FR' : 'US';
    },
  });
  const from = (ip: string) =>
    app.request('/healthz?x', { headers: { 'X-Forwarded-For': ip, 'CloudFront-Viewer-Country': 'US' } });
  assert.equal(
    (
      await app.request('/', {
        headers: { 'X-Forwarded-For': '81.2.69.142', 'CloudFront-Viewer-Country': 'US' },
      })
    ).status,
    451,
  );
  assert.equal((await app.request('/', { headers: { 'X-Forwarded-For': '8.8.8.8' } })).status, 200);
  const ok = await app.request('/api/lists/top', { headers: { 'X-Forwarded-For': '8.8.8.8' } });
  assert.match(
    ok.headers.get('cache-control') ?? '',
    /^private/,
    'IP-based answers are not for shared caches',
  );
  await from('1.1.1.1');
  assert.deepEqual(looked, ['81.2.69.142', '8.8.8.8', '8.8.8.8', '1.1.1.1']);
});

test('geo off by default: the CDN header alone blocks nothing', async () => {
  const { app } = testApp();
  assert.equal((await app.request('/', { headers: { 'CloudFront-Viewer-Country': 'KP' } })).status, 200);
  assert.equal(isAllowed('deny', new Set(['KP']), undefined), true);
  assert.equal(isAllowed('allow', new Set(['US']), 'US'), true);
});

test('rate limit per client: 429 with Retry-After, resets with the window', async () => {
  let now = 1_000_000;
  const { app } = testApp({
    now: () => now,
    config: { accessLog: false, trustProxy: true, rateLimit: { max: 3, windowMs: 60_000 } },
  });
  const get = (ip: string) => app.request('/api/lists/top', { headers: { 'X-Forwarded-For': ip } });
  for (let i = 0; i < 3; i++) assert.equal((await get('10.0.0.1')).status, 200);
  const limited = await get('10.0.0.1');
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '60');
  assert.equal(limited.headers.get('x-content-type-options'), 'nosniff', 'the 429 is hardened too');
  assert.equal(((await limited.json()) as { error: { code: string } }).error.code, 'rate-limited');
  assert.equal((await get('10.0.0.2')).status, 200, 'another client has its own budget');
  assert.equal(
    (await app.request('/poster/tt0068646.svg', { headers: { 'X-Forwarded-For': '10.0.0.1' } })).status,
    200,
  );
  now += 60_000;
  assert.equal((await get('10.0.0.1')).status, 200);
});

test('unexpected failures are logged, and clients see no internals', async () => {
  const log = memoryLogger();
  const app = createApp({
    log,
    config: { accessLog: false },
    getModel: () => {
      throw new TypeError('secret detail at /srv/kinema/src/x.ts:12');
    },
  });
  const res = await app.request('/api/movies/tt0068646');
  assert.equal(res.status, 500);
  assert.deepEqual(await res.json(), { error: { code: 'internal', message: 'internal error' } });
  assert.ok(log.lines.some((l) => l.includes('secret detail')));
});

test('access log: one JSON line per request', async () => {
  const log = memoryLogger();
  const served = servedFixture();
  const app = createApp({ log, getModel: () => served, now: () => 0 });
  await app.request('/api/movies/tt0068646', { headers: { 'CloudFront-Viewer-Country': 'US' } });
  await app.request('/api/movies/tt9999999');
  const lines = log.lines.map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => [l.method, l.path, l.status, l.model]),
    [
      ['GET', '/api/movies/tt0068646', 200, served.version],
      ['GET', '/api/movies/tt9999999', 404, served.version],
    ],
  );
});
