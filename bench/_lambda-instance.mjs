// One Lambda instance in a fresh plain `node` process (no tsx), for bench/lambda.ts and lambda-s3.ts:
// imports the bundle (BUNDLE), answers a first "similar" event (the cold start: the model loads),
// then warm "similar" events for the movies in WARM (comma separated) and one warm search (QUERY),
// then, untimed, the paths in AFTER (comma separated; e.g. a movie page, which reads the whole model).
// Prints `RESULT {json}`: the times in ms, a hash of the first answer and the memory at the end.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

const env = process.env;
const t0 = performance.now();
const { handler } = await import(env.BUNDLE);
const t1 = performance.now();
const event = (path, query) => ({
  version: '2.0',
  routeKey: '$default',
  rawPath: path,
  rawQueryString: query,
  body: null,
  isBase64Encoded: false,
  headers: { host: 'x.execute-api.us-east-1.amazonaws.com', accept: 'application/json' },
  requestContext: {
    http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'bench' },
    requestId: 'r',
    routeKey: '$default',
    stage: '$default',
    domainName: 'x',
    apiId: 'x',
    accountId: '1',
    time: '',
    timeEpoch: 0,
  },
});
const answer = async (path, query) => {
  const result = await handler(event(path, query), {});
  if (result.statusCode !== 200) throw new Error(`${path}: ${result.statusCode} ${result.body}`);
  return result.body;
};
const first = await answer(`/api/movies/${env.MOVIE}/similar`, 'limit=10');
const t2 = performance.now();
const warmMs = [];
for (const id of (env.WARM ?? '').split(',').filter(Boolean)) {
  const t = performance.now();
  await answer(`/api/movies/${id}/similar`, 'limit=10');
  warmMs.push(performance.now() - t);
}
const t3 = performance.now();
await answer('/api/search', `q=${env.QUERY}`);
const t4 = performance.now();
for (const path of (env.AFTER ?? '').split(',').filter(Boolean)) await answer(path, '');
const firstHash = createHash('sha256').update(first).digest('hex').slice(0, 16);
const mb = (bytes) => Math.round(bytes / 2 ** 20);
const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
const memory = { rssMb: mb(rss), heapMb: mb(heapUsed), arrayBuffersMb: mb(arrayBuffers) };
const result = { importMs: t1 - t0, firstMs: t2 - t1, warmMs, searchMs: t4 - t3, firstHash, memory };
process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`);
