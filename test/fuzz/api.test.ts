/**
 * API fuzzing (issue 8): ≥ 10,000 seeded random and hostile requests across every route of the Hono app
 * on the fixture model. Any 5xx is a failure; so is an unbounded search latency.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testApp } from '../server/_app.ts';
import { figures, reportFigures } from '../helpers/figures.ts';

/** The rate limiter would answer 429 to a fuzzer; lift it so every request reaches its route. */
const UNLIMITED = { accessLog: false, rateLimit: { max: 1e9, windowMs: 60_000 } };

const GET_ROUTES = [
  '/healthz',
  '/api',
  '/api/openapi.json',
  '/api/movies/{x}',
  '/api/movies/{x}/similar',
  '/api/people/{x}',
  '/api/people/{x}/similar',
  '/api/search?q={x}',
  '/api/clusters',
  '/api/status',
  '/api/clusters/{x}',
  '/api/clusters/{x}/movies',
  '/api/lists/{x}',
  '/',
  '/status',
  '/search?q={x}',
  '/movie/{x}',
  '/movie/{x}/similar',
  '/person/{x}',
  '/clusters',
  '/clusters/{x}',
  '/lists/{x}',
  '/taste?liked={x}',
  '/assets/{x}',
  '/poster/{x}',
  '/poster/{x}.svg',
  '/poster/tt0068646.svg?v={x}',
  '/insights',
  '/insights?{x}',
  '/charts/{x}.svg',
  '/{x}',
];
const QUERY_KEYS = [
  'limit',
  'offset',
  'genre',
  'decade',
  'minYear',
  'maxYear',
  'minRating',
  'minVotes',
  'k',
  'sort',
  'q',
];

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom(
    '%ff%fe',
    '%c0%ae%c0%ae',
    '%e2%82',
    '%',
    '%zz',
    '..%2f..%2fetc%2fpasswd',
    '%2e%2e%2f%2e%2e%2f',
    '..%5c..%5c',
    'tt0068646',
    'tt9999999',
    'nm0000001',
    'nm9999999',
    'nm',
    'tt',
    '-1',
    '0',
    '1e309',
    'NaN',
    'Infinity',
    '99999999999999999999999',
    '0x10',
    '9'.repeat(400),
    'popular',
    'top',
    'gems',
    '%00',
    'null',
    '[]',
    '{}',
    'a'.repeat(5000),
    'k-curve',
    'map',
    'tt0068646.svg',
  ),
  fc.integer().map(String),
  fc.double().map(String),
);

const getRequest = fc
  .record({
    route: fc.constantFrom(...GET_ROUTES),
    x: hostile,
    query: fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), hostile), { maxLength: 4 }),
    method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
  })
  .map(({ route, x, query, method }) => {
    let path = route.replace('{x}', x.startsWith('%') || /^[\w.%-]*$/.test(x) ? x : encodeURIComponent(x));
    if (query.length) {
      path +=
        (path.includes('?') ? '&' : '?') + query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    }
    return { path, init: { method } as RequestInit };
  });

const ids = fc.oneof(
  fc.constantFrom('tt0068646', 'tt0111161', 'tt0000001'),
  fc.string(),
  fc.integer(),
  fc.constant(null),
);
const postRequest = fc
  .record({
    body: fc.oneof(
      fc.json(),
      fc.string(),
      fc.record({ liked: fc.jsonValue() }).map((o) => JSON.stringify(o)),
      fc
        .record(
          {
            liked: fc.oneof(fc.array(ids, { maxLength: 600 }), fc.jsonValue()),
            disliked: fc.array(ids, { maxLength: 5 }),
            seen: fc.array(ids, { maxLength: 5 }),
            filters: fc.oneof(
              fc.dictionary(fc.constantFrom(...QUERY_KEYS), fc.oneof(fc.string(), fc.double())),
              fc.jsonValue(),
            ),
            limit: fc.oneof(fc.integer(), fc.double(), fc.string()),
            offset: fc.oneof(fc.integer(), fc.double(), fc.string()),
            diversity: fc.oneof(fc.double(), fc.string()),
          },
          { requiredKeys: [] },
        )
        .map((o) => JSON.stringify(o)),
      fc
        .record({
          rows: fc.oneof(
            fc.array(
              fc.oneof(
                fc.record({ id: fc.oneof(ids, fc.string(), fc.jsonValue()) }, { requiredKeys: [] }),
                fc.record(
                  {
                    title: fc.oneof(fc.string(), fc.jsonValue()),
                    year: fc.oneof(fc.integer(), fc.jsonValue()),
                  },
                  { requiredKeys: [] },
                ),
              ),
              { maxLength: 50 },
            ),
            fc.jsonValue(),
          ),
        })
        .map((o) => JSON.stringify(o)),
      fc.constant('x'.repeat(70 * 1024)),
      fc.constant(`{"liked":[${'"tt0068646",'.repeat(8000)}"tt0068646"]}`),
    ),
    type: fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      '',
    ),
    path: fc.constantFrom(
      '/api/recommend',
      '/api/recommend?limit=1e9',
      '/api/match',
      '/api/movies/tt0068646',
      '/api/search',
    ),
  })
  .map(({ body, type, path }) => ({
    path,
    init: { method: 'POST', body, headers: type ? { 'content-type': type } : {} } as RequestInit,
  }));

test('fuzz: 10,000 hostile requests over every route never give a 5xx', async () => {
  const { app } = testApp({ config: UNLIMITED });
  const samples = [
    ...fc.sample(getRequest, { numRuns: 7000, seed: 8 }),
    ...fc.sample(postRequest, { numRuns: 3000, seed: 8 }),
  ];
  assert.ok(samples.length >= 10_000);
  // every route the app defines must be reached by many of them, so a new route cannot go unfuzzed
  for (const route of app.routes.filter((r) => r.method !== 'ALL')) {
    const pattern = routePattern(route.path);
    const hits = samples.filter(
      ({ path, init }) =>
        pattern.test(path.split('?')[0]!) &&
        (init.method === route.method || (route.method === 'GET' && init.method === 'HEAD')),
    ).length;
    assert.ok(hits >= 20, `${route.method} ${route.path} is reached by only ${hits} fuzzed requests`);
  }
  const failures: string[] = [];
  const byClass = new Map<number, number>();
  const started = performance.now();
  for (const { path, init } of samples) {
    let status: number;
    try {
      status = (await app.request(path, init)).status;
    } catch (error) {
      failures.push(`${init.method} ${path.slice(0, 200)} threw ${String(error).slice(0, 200)}`);
      continue;
    }
    byClass.set(Math.floor(status / 100), (byClass.get(Math.floor(status / 100)) ?? 0) + 1);
    if (status >= 500) failures.push(`${init.method} ${path.slice(0, 200)} → ${status}`);
  }
  const seconds = (performance.now() - started) / 1000;
  reportFigures('serve: in-process request fuzz', {
    ...figures(),
    tried: samples.length,
    crashes: failures.filter((f) => f.includes(' threw ')).length,
    fivexx: failures.filter((f) => !f.includes(' threw ')).length,
  });
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${samples.length} requests failed`);
  // The fuzzer must reach real handlers, not only the 404/405 fallbacks.
  assert.ok((byClass.get(2) ?? 0) > 500, `only ${byClass.get(2) ?? 0} 2xx answers`);
  assert.ok((byClass.get(4) ?? 0) > 500, `only ${byClass.get(4) ?? 0} 4xx answers`);
  assert.ok(seconds < 120, `10,000 requests took ${seconds.toFixed(1)} s`);
});

/** A Hono route path as a regular expression: `:name` is one segment, `:name{re}` is `re`. */
function routePattern(path: string): RegExp {
  const source = path
    .split(/(:\w+(?:\{(?:[^{}]|\{[^}]*\})*\})?)/)
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const custom = /\{(.*)\}$/.exec(part);
      return custom ? `(?:${custom[1]})` : '[^/]+';
    })
    .join('');
  return new RegExp(`^${source}$`);
}

test('fuzz: searches for random unicode never error and stay fast', async () => {
  const { app } = testApp({ config: UNLIMITED });
  const queries = fc.sample(fc.string({ unit: 'grapheme', maxLength: 120 }), { numRuns: 2000, seed: 9 });
  let worst = 0;
  for (const q of queries) {
    const started = performance.now();
    const res = await app.request(`/api/search?q=${encodeURIComponent(q)}`);
    worst = Math.max(worst, performance.now() - started);
    assert.ok(res.status === 200 || res.status === 400, `q=${JSON.stringify(q)} → ${res.status}`);
    if (res.status === 200) {
      const body = (await res.json()) as { items?: unknown };
      assert.ok(Array.isArray(body.items), `q=${JSON.stringify(q)}: no items array`);
    }
  }
  assert.ok(worst < 1000, `slowest search took ${worst.toFixed(0)} ms`);
});
