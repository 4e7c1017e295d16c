/**
 * Hostile input over real HTTP (issue 8): what app.request cannot send. Raw bytes on a socket to the Node
 * server (startServer): invalid UTF-8 and unnormalised traversal in the request line, bodies of megabytes
 * (declared and chunked), oversized headers, unknown methods, garbage request lines, and seeded random
 * requests. Every answer must be a 4xx or 2xx (never a 5xx, never a dropped connection without an answer),
 * nothing outside the assets may leak, and the server must still answer normally afterwards.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { memoryLogger } from '../../src/core/log.ts';
import { startServer, type RunningServer } from '../../src/runtime/node.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { figures, reportFigures } from '../helpers/figures.ts';

const counted = figures();
/** No HTTP answer at all (a dropped connection) counts as a crash, as in the issue's figures. */
const tallyAnswer = (status: number | undefined) => {
  counted.tried++;
  if (status === undefined) counted.crashes++;
  else if (status >= 500) counted.fivexx++;
};
after(() => reportFigures('serve: raw HTTP fuzz', counted));

interface Raw {
  status: number | undefined;
  body: string;
}

/** Sends raw bytes on a fresh connection and reads until the server closes it (or 10 s pass). */
function raw(
  port: number,
  head: Buffer | string,
  body?: Buffer | ((write: (b: Buffer) => boolean) => void),
): Promise<Raw> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      done({ status: status === undefined ? undefined : Number(status), body: text });
    };
    const timer = setTimeout(finish, 10_000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', finish);
    // the server may answer and close while we are still writing a huge body: that is fine
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      socket.write(typeof head === 'string' ? Buffer.from(head, 'latin1') : head);
      if (typeof body === 'function') body((b) => socket.write(b));
      else if (body) socket.write(body);
    });
  });
}

const request = (line: string, headers: string[] = []) =>
  `${line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`;

async function withServer(run: (server: RunningServer, port: number) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-fuzz-http-'));
  writeFixtureModel(join(dir, 'model'));
  const server = await startServer({
    modelDir: join(dir, 'model'),
    port: 0,
    log: memoryLogger(),
    handleSignals: false,
    config: { accessLog: false, rateLimit: { max: 1e9, windowMs: 60_000 } },
  });
  try {
    await run(server, Number(new URL(server.url).port));
    // alive and still correct afterwards
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200);
    const search = (await (await fetch(`${server.url}/api/search?q=godfather`)).json()) as {
      items: { id: string }[];
    };
    assert.equal(search.items[0]?.id, 'tt0068646');
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const MB = 1 << 20;

const CASES: { name: string; send: (port: number) => Promise<Raw> }[] = [
  ...[
    '/api/search?q=\xff\xfe\xc0',
    '/movie/\xc0\xae\xc0\xae',
    '/api/movies/tt\xff0068646/similar',
    '/search?q=%ff%fe%c0%af',
    '/\xed\xa0\x80',
  ].map((path) => ({
    name: `invalid UTF-8 in the request line: ${JSON.stringify(path)}`,
    send: (port: number) => raw(port, request(`GET ${path} HTTP/1.1`)),
  })),
  ...[
    '/assets/../../package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/%252e%252e%252fpackage.json',
    '/poster/..%2F..%2F..%2Fetc%2Fpasswd',
    '/charts/..%2f..%2fpackage.json',
    '/assets/..\\..\\package.json',
    '/../../../../etc/passwd',
  ].map((path) => ({
    name: `traversal: ${path}`,
    send: (port: number) => raw(port, request(`GET ${path} HTTP/1.1`)),
  })),
  {
    name: 'a declared 32 MB JSON body to /api/recommend',
    send: (port) =>
      raw(
        port,
        request('POST /api/recommend HTTP/1.1', [
          'Content-Type: application/json',
          `Content-Length: ${32 * MB}`,
        ]),
        (write) => {
          const chunk = Buffer.alloc(MB, 0x20);
          for (let i = 0; i < 32; i++) write(chunk);
        },
      ),
  },
  {
    name: 'a chunked 8 MB body to /api/recommend (no Content-Length)',
    send: (port) =>
      raw(
        port,
        request('POST /api/recommend HTTP/1.1', [
          'Content-Type: application/json',
          'Transfer-Encoding: chunked',
        ]),
        (write) => {
          const chunk = Buffer.concat([
            Buffer.from('100000\r\n'),
            Buffer.alloc(MB, 0x5b),
            Buffer.from('\r\n'),
          ]);
          for (let i = 0; i < 8; i++) write(chunk);
          write(Buffer.from('0\r\n\r\n'));
        },
      ),
  },
  {
    name: 'a 4 MB body on a GET route',
    send: (port) =>
      raw(
        port,
        request('GET /api/movies/tt0068646 HTTP/1.1', [`Content-Length: ${4 * MB}`]),
        Buffer.alloc(4 * MB, 0x61),
      ),
  },
  {
    name: 'a 200 KB header',
    send: (port) => raw(port, request('GET /healthz HTTP/1.1', [`X-Big: ${'a'.repeat(200 * 1024)}`])),
  },
  {
    name: 'a 1 MB URL',
    send: (port) => raw(port, request(`GET /api/search?q=${'a'.repeat(MB)} HTTP/1.1`)),
  },
  {
    name: 'an unknown method',
    send: (port) => raw(port, request('BREW /api HTTP/1.1')),
  },
  {
    name: 'TRACE',
    send: (port) => raw(port, request('TRACE /api/clusters HTTP/1.1')),
  },
  {
    name: 'a garbage request line',
    send: (port) => raw(port, '\x00\x01\x02 nonsense \xff\r\n\r\n'),
  },
  {
    name: 'a conflicting Content-Length and Transfer-Encoding',
    send: (port) =>
      raw(
        port,
        request('POST /api/recommend HTTP/1.1', [
          'Content-Type: application/json',
          'Content-Length: 5',
          'Transfer-Encoding: chunked',
        ]),
        Buffer.from('0\r\n\r\n'),
      ),
  },
  {
    name: 'a wrong content type with a JSON body',
    send: (port) =>
      raw(
        port,
        request('POST /api/recommend HTTP/1.1', ['Content-Type: text/xml', 'Content-Length: 23']),
        Buffer.from('{"liked":["tt0068646"]}'),
      ),
  },
];

test('hostile raw HTTP: every request gets a 4xx (or 2xx), nothing leaks, the server stays up', async () => {
  await withServer(async (_server, port) => {
    for (const c of CASES) {
      const r = await c.send(port);
      tallyAnswer(r.status);
      assert.ok(r.status !== undefined, `${c.name}: no HTTP answer (connection dropped)`);
      assert.ok(r.status < 500, `${c.name}: ${r.status}\n${r.body.slice(0, 300)}`);
      assert.doesNotMatch(
        r.body,
        /"name": "kinema"|root:x:0:0/,
        `${c.name}: leaked a file outside the assets`,
      );
    }
  });
});

test('hostile raw HTTP: 1,000 seeded random requests over every route never give a 5xx', async () => {
  const byte = fc.integer({ min: 0x21, max: 0xff }).filter((b) => b !== 0x7f);
  const requests = fc.sample(
    fc.record({
      method: fc.constantFrom('GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
      route: fc.constantFrom(
        '/api/movies/',
        '/api/search?q=',
        '/api/clusters/',
        '/api/lists/',
        '/api/recommend?limit=',
        '/movie/',
        '/search?q=',
        '/assets/',
        '/poster/',
        '/charts/',
        '/insights?',
        '/',
      ),
      tail: fc.oneof(
        fc.array(byte, { maxLength: 60 }),
        fc
          .constantFrom('tt0068646', 'tt0111161', '0', '1', 'popular', 'top', 'gems', 'app.css', 'godfather')
          .map((s) => [...Buffer.from(s)]),
      ),
      type: fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', ''),
      body: fc.oneof(fc.constant(''), fc.json(), fc.string({ unit: 'binary', maxLength: 300 })),
    }),
    { numRuns: 1000, seed: 88 },
  );
  await withServer(async (_server, port) => {
    const statuses = new Map<number, number>();
    for (const r of requests) {
      const path = Buffer.concat([Buffer.from(r.route), Buffer.from(r.tail)]);
      const body = Buffer.from(r.body, 'utf8');
      const head = Buffer.concat([
        Buffer.from(`${r.method} `),
        path,
        Buffer.from(
          ` HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${r.type ? `Content-Type: ${r.type}\r\n` : ''}Content-Length: ${body.length}\r\n\r\n`,
        ),
      ]);
      const answer = await raw(port, head, body);
      tallyAnswer(answer.status);
      const label = `${r.method} ${path.toString('latin1').slice(0, 120)}`;
      assert.ok(answer.status !== undefined, `${label}: no HTTP answer`);
      assert.ok(answer.status < 500, `${label}: ${answer.status}\n${answer.body.slice(0, 300)}`);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    }
    const count = (from: number) =>
      [...statuses].filter(([s]) => s >= from && s < from + 100).reduce((n, [, c]) => n + c, 0);
    assert.ok(count(200) > 50 && count(400) > 200, `too few real answers: ${JSON.stringify([...statuses])}`);
  });
});
