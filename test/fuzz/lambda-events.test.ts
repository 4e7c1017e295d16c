/**
 * Degenerate API Gateway events (issue 16, item 15): lone surrogates in headers, path or query, a
 * missing requestContext, a body flagged base64 that is not, fields of the wrong type, in the HTTP API
 * (v2), REST API (v1) and ALB forms. Each gets a 400; the handler never throws and never answers 5xx.
 * Well-formed events still get their page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LambdaEvent } from 'hono/aws-lambda';
import { memoryLogger } from '../../src/core/log.ts';
import { createLambdaHandler } from '../../src/runtime/lambda.ts';
import { lambdaConfig } from '../../src/runtime/lambda-config.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { figures, reportFigures } from '../helpers/figures.ts';

const root = mkdtempSync(join(tmpdir(), 'kinema-lambda-fuzz-'));
writeFixtureModel(join(root, 'model'));
const handler = createLambdaHandler(lambdaConfig({ KINEMA_MODEL_SOURCE: 'bundle' }, root), {
  log: memoryLogger(),
});

function event(path = '/api/movies/tt0068646', method = 'GET'): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'abc.execute-api.us-east-1.amazonaws.com', accept: 'application/json' },
    body: null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '1',
      apiId: 'abc',
      domainName: 'abc.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc',
      requestId: 'r',
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 't' },
    },
  };
}

const LONE = ['\ud800', '\udfff', 'a\ud83d', '\ude00b'];
const cases: [string, Record<string, unknown> | null][] = [];
for (const s of LONE) {
  cases.push([`header value ${JSON.stringify(s)}`, { ...event(), headers: { host: 'x', 'x-a': s } }]);
  cases.push([`header name ${JSON.stringify(s)}`, { ...event(), headers: { host: 'x', [`x${s}`]: 'v' } }]);
  cases.push([`rawPath ${JSON.stringify(s)}`, { ...event(), rawPath: `/search${s}` }]);
  cases.push([`rawQueryString ${JSON.stringify(s)}`, { ...event('/api/search'), rawQueryString: `q=${s}` }]);
  cases.push([`cookie ${JSON.stringify(s)}`, { ...event(), cookies: [`a=${s}`] }]);
  cases.push([
    `POST body ${JSON.stringify(s)}`,
    { ...event('/api/recommend', 'POST'), body: `{"liked":["${s}"]}` },
  ]);
}
for (const body of ['%%%not base64%%%', 'abcde', '====', '\u0000\u0001', '{"liked":["tt0068646"]}']) {
  cases.push([
    `base64 body ${JSON.stringify(body)}`,
    {
      ...event('/api/recommend', 'POST'),
      headers: { host: 'x', 'content-type': 'application/json' },
      body,
      isBase64Encoded: true,
    },
  ]);
}
const without = (key: string) => {
  const e = event();
  delete e[key];
  return e;
};
cases.push(['no requestContext', without('requestContext')]);
cases.push(['requestContext null', { ...event(), requestContext: null }]);
cases.push(['requestContext without http', { ...event(), requestContext: { requestId: 'r' } }]);
cases.push(['no headers', without('headers')]);
cases.push(['headers null', { ...event(), headers: null }]);
cases.push(['headers a string', { ...event(), headers: 'host: x' }]);
cases.push(['no rawPath', without('rawPath')]);
cases.push(['rawPath a number', { ...event(), rawPath: 42 }]);
cases.push(['body an object', { ...event('/api/recommend', 'POST'), body: { liked: [] } }]);
cases.push(['cookies a string', { ...event(), cookies: 'a=b' }]);
cases.push(['query parameters an array', { ...event(), queryStringParameters: ['a'] }]);
/** API Gateway's REST (v1) form, and an ALB target's: the same degenerate text in their own fields. */
const v1 = (extra: Record<string, unknown>) => ({
  httpMethod: 'GET',
  path: '/api/movies/tt0068646',
  headers: { host: 'x' },
  multiValueHeaders: { host: ['x'] },
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  body: null,
  isBase64Encoded: false,
  requestContext: { requestId: 'r', stage: 'prod', identity: { sourceIp: '203.0.113.9' } },
  ...extra,
});
for (const s of LONE) {
  cases.push([`v1 path ${JSON.stringify(s)}`, v1({ path: `/search${s}` })]);
  cases.push([`v1 query ${JSON.stringify(s)}`, v1({ queryStringParameters: { q: s } })]);
  cases.push([
    `v1 multi-value query ${JSON.stringify(s)}`,
    v1({ multiValueQueryStringParameters: { q: [s] } }),
  ]);
  cases.push([`v1 multi-value header ${JSON.stringify(s)}`, v1({ multiValueHeaders: { 'x-a': [s] } })]);
  cases.push([
    `ALB query ${JSON.stringify(s)}`,
    v1({ requestContext: { elb: { targetGroupArn: 'a' } }, queryStringParameters: { q: s } }),
  ]);
}
cases.push(['v1 multi-value query a string', v1({ multiValueQueryStringParameters: { q: 'a' } })]);
cases.push(['v1 httpMethod a number', v1({ httpMethod: 7 })]);
cases.push([
  'v1 base64 body not base64',
  v1({ httpMethod: 'POST', path: '/api/recommend', body: '%%%', isBase64Encoded: true }),
]);
cases.push(['empty object', {}]);
cases.push(['null', null]);

/** Degenerate but complete: API Gateway may leave headers out, and the request is still a request. */
const SERVABLE = new Set(['no headers', 'headers null']);

test('degenerate API Gateway events get a 400, never a throw or a 5xx', async () => {
  let crashes = 0;
  let fivexx = 0;
  const problems: string[] = [];
  for (const [name, e] of cases) {
    try {
      const res = await handler(e as unknown as LambdaEvent);
      if (res.statusCode >= 500) fivexx++;
      if (res.statusCode !== (SERVABLE.has(name) ? 200 : 400))
        problems.push(`${name}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    } catch (error) {
      crashes++;
      problems.push(`${name}: threw ${String(error)}`);
    }
  }
  reportFigures('lambda: degenerate events', { ...figures(), tried: cases.length, crashes, fivexx });
  assert.deepEqual(problems, []);
  const ok = await handler(event() as unknown as LambdaEvent);
  assert.equal(ok.statusCode, 200, 'a well-formed event no longer works');
  const rest = await handler(v1({}) as unknown as LambdaEvent);
  assert.equal(rest.statusCode, 200, 'a well-formed REST API (v1) event no longer works');
  const emoji = await handler({
    ...event('/api/search'),
    rawQueryString: 'q=%F0%9F%98%80',
  } as unknown as LambdaEvent);
  assert.ok(emoji.statusCode < 500);
});
