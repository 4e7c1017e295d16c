/**
 * The OpenAPI document is the contract: every route's answers (the API goldens and a live answer of
 * each route on the fixture model) validate against the response schema it documents, which lists
 * required fields and admits no undocumented one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { OPENAPI } from '../../src/server/api/openapi.ts';
import { servedFixture, testApp } from './_app.ts';
import { diffModels } from '../../src/core/model-diff.ts';
import { coldOrder } from '../../src/core/recommend/cold-start.ts';

const { app } = testApp();
const ajv = new Ajv2020({ strict: true, allErrors: true, formats: { uri: true } });
// each component under its own name, so `#/components/schemas/X` becomes a plain `X`
const local = (schema: unknown): object =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"')) as object;
for (const [name, schema] of Object.entries(OPENAPI.components.schemas)) ajv.addSchema(local(schema), name);

type Responses = Record<string, { content?: Record<string, { schema: object }> }>;

/** The response schema of a documented route and status, with refs pointing into the document. */
function validator(path: string, method: 'get' | 'post', status: string) {
  const operation = (OPENAPI.paths as Record<string, Record<string, { responses: Responses }>>)[path]?.[
    method
  ];
  assert.ok(operation, `${method.toUpperCase()} ${path} is not documented`);
  const schema = operation.responses[status]?.content?.['application/json']?.schema;
  assert.ok(schema, `${method.toUpperCase()} ${path} documents no ${status} JSON`);
  return ajv.compile(local(schema));
}

function assertValid(path: string, method: 'get' | 'post', status: string, body: unknown, what: string) {
  const validate = validator(path, method, status);
  assert.ok(validate(body), `${what}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

const golden = (name: string): unknown =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../output', `${name}.json`), 'utf8'));

test('the API goldens validate against the OpenAPI document', () => {
  assertValid('/api/movies/{id}', 'get', '200', golden('api-movie-godfather'), 'api-movie-godfather.json');
  assertValid('/api/search', 'get', '200', golden('api-search-dune'), 'api-search-dune.json');
  assertValid('/api/clusters', 'get', '200', golden('api-clusters'), 'api-clusters.json');
});

const ROUTES: { url: string; path: string; method?: 'post'; body?: unknown; status?: string }[] = [
  { url: '/api/movies/tt0068646', path: '/api/movies/{id}' },
  { url: '/api/movies/tt0068646/similar?limit=5', path: '/api/movies/{id}/similar' },
  { url: '/api/movies/tt0068646/similar?limit=100&offset=3&diversity=0.5', path: '/api/movies/{id}/similar' },
  {
    url: '/api/movies/tt0068646/similar?limit=5&tune=newer,lighter&weights=genres:1.5,era:0',
    path: '/api/movies/{id}/similar',
  },
  { url: '/api/movies/tt0068646/similar?tune=funnier', path: '/api/movies/{id}/similar', status: '400' },
  { url: '/api/search?q=dune', path: '/api/search' },
  { url: '/api/search?q=zzzzqqq', path: '/api/search' },
  {
    url: '/api/recommend',
    path: '/api/recommend',
    method: 'post',
    body: { liked: ['tt0068646', 'tt9999999'] },
  },
  {
    url: '/api/recommend',
    path: '/api/recommend',
    method: 'post',
    body: { liked: ['tt0075148'], disliked: ['tt0081505'], limit: 3 },
  },
  {
    url: '/api/match',
    path: '/api/match',
    method: 'post',
    body: { rows: [{ id: 'tt0068646' }, { title: 'Amelie', year: 2001 }, { id: 'tt9999999' }] },
  },
  { url: '/api/match', path: '/api/match', method: 'post', body: { rows: [{ year: 2001 }] }, status: '400' },
  { url: '/api/status', path: '/api/status' },
  { url: '/api/clusters', path: '/api/clusters' },
  { url: '/api/clusters/0', path: '/api/clusters/{id}' },
  { url: '/api/clusters/0/movies?sort=top&limit=3', path: '/api/clusters/{id}/movies' },
  { url: '/api/lists/gems', path: '/api/lists/{list}' },
  { url: '/api/lists/popular?genres=Drama&limit=2', path: '/api/lists/{list}' },
  { url: '/api/movies/tt9999999', path: '/api/movies/{id}', status: '404' },
  { url: '/api/search?limit=0&q=x', path: '/api/search', status: '400' },
];

test('every route answers what the OpenAPI document says, required fields and nothing more', async () => {
  for (const r of ROUTES) {
    const init: RequestInit | undefined = r.method
      ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r.body) }
      : undefined;
    const res = await app.request(r.url, init);
    assert.equal(String(res.status), r.status ?? '200', r.url);
    assertValid(r.path, r.method ?? 'get', r.status ?? '200', await res.json(), r.url);
  }
});

test('the schemas are strict: an undocumented or a missing field fails', () => {
  const body = golden('api-movie-godfather') as Record<string, unknown>;
  const validate = validator('/api/movies/{id}', 'get', '200');
  assert.equal(validate({ ...body, tagline: 'x' }), false);
  const { imdbUrl: _dropped, ...missing } = body;
  assert.equal(validate(missing), false);
});

test('a status with a build evaluation and a diff validates, and /status shows both', async () => {
  const served = servedFixture();
  const { catalog } = served.model;
  const side = {
    catalog,
    orders: { popular: coldOrder(catalog, 'popular'), topRated: coldOrder(catalog, 'topRated') },
  };
  const figures = { hr10: 0.2, ndcg10: 0.1, coverage: 0.05 };
  const buildEval = {
    users: 30,
    cases: 30,
    seed: 42,
    kinema: { similar: figures, taste: { ...figures, hr10: 0.25 } },
    popular: { similar: figures, taste: figures },
  };
  const manifest = {
    ...served.model.manifest,
    eval: buildEval,
    diff: diffModels('abc123', side, { ...side, eval: buildEval }),
  };
  const withStatus = { ...served, model: { ...served.model, manifest } };
  const { app: statusApp } = testApp({ getModel: () => withStatus });
  const body = await (await statusApp.request('/api/status')).json();
  assertValid('/api/status', 'get', '200', body, '/api/status with eval and diff');
  const page = await (await statusApp.request('/status')).text();
  assert.match(page, /<td>kinema<\/td><td>for you<\/td><td>0\.250<\/td>/);
  assert.match(page, /changes against model abc123/);
});
