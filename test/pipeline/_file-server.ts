/**
 * A small HTTP file server on 127.0.0.1 for download tests. It behaves like a static file host (strong
 * ETag, Last-Modified, 304 on If-None-Match / If-Modified-Since, 206 on Range with If-Range) and can
 * misbehave on purpose: cut the connection mid-body, ignore Range, or answer with a fixed status.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { memoryLogger, type Logger } from '../../src/core/log.ts';

export interface ServedFile {
  body: Buffer;
  etag: string;
  lastModified: string;
}

export interface FileServer {
  url: string;
  files: Map<string, ServedFile>;
  /** Every request: path and the headers the tests look at. */
  requests: {
    path: string;
    range?: string;
    ifRange?: string;
    ifNoneMatch?: string;
    ifModifiedSince?: string;
  }[];
  /**
   * Cut the next N full or partial responses after this many body bytes (or stall: stop sending, keep
   * the socket). With `read`, the socket is dropped only once the client has read the bytes sent: a
   * fetch body stream discards chunks still queued when the connection errors, so a fixed delay makes
   * the received count depend on machine load.
   */
  cutAfter?: { bytes: number; times: number; stall?: boolean; read?: Promise<void> };
  ignoreRange: boolean;
  /** Answer every request with this status (e.g. 404, 500). */
  forceStatus?: number;
  put(path: string, body: Buffer, version?: string): void;
  close(): Promise<void>;
}

export async function startFileServer(): Promise<FileServer> {
  const state: FileServer = {
    url: '',
    files: new Map(),
    requests: [],
    ignoreRange: false,
    put(path, body, version = 'v1') {
      state.files.set(path, {
        body,
        etag: `"${version}-${body.length}"`,
        lastModified: new Date(Date.UTC(2026, 0, 1 + state.files.size)).toUTCString(),
      });
    },
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    state.requests.push({
      path,
      range: header(req, 'range'),
      ifRange: header(req, 'if-range'),
      ifNoneMatch: header(req, 'if-none-match'),
      ifModifiedSince: header(req, 'if-modified-since'),
    });
    if (state.forceStatus) {
      res.writeHead(state.forceStatus, { 'content-type': 'text/plain' }).end('no');
      return;
    }
    const file = state.files.get(path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const common = { etag: file.etag, 'last-modified': file.lastModified, 'accept-ranges': 'bytes' };
    const inm = header(req, 'if-none-match');
    const ims = header(req, 'if-modified-since');
    if ((inm && inm === file.etag) || (!inm && ims && ims === file.lastModified)) {
      res.writeHead(304, common).end();
      return;
    }
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(header(req, 'range') ?? '');
    const ifRange = header(req, 'if-range');
    const rangeValid = !ifRange || ifRange === file.etag || ifRange === file.lastModified;
    if (range && rangeValid && !state.ignoreRange) start = Number(range[1]);
    if (start > file.body.length) {
      res.writeHead(416, { ...common, 'content-range': `bytes */${file.body.length}` }).end();
      return;
    }
    const body = file.body.subarray(start);
    const headers: Record<string, string | number> = { ...common, 'content-length': body.length };
    if (start > 0) headers['content-range'] = `bytes ${start}-${file.body.length - 1}/${file.body.length}`;
    res.writeHead(start > 0 ? 206 : 200, headers);
    const cut = state.cutAfter;
    if (cut && cut.times > 0 && cut.bytes < body.length) {
      cut.times--;
      // send part of the body, then drop the socket as a failing network would
      res.write(body.subarray(0, cut.bytes), () => {
        if (cut.stall) return;
        if (cut.read) void cut.read.then(() => res.socket?.destroy());
        else setTimeout(() => res.socket?.destroy(), 20);
      });
      return;
    }
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return state;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A logger whose progress callback resolves `read` once the client has received `bytes` body bytes. */
export function readingLogger(bytes: number): { log: Logger & { lines: string[] }; read: Promise<void> } {
  const log = memoryLogger();
  let reached = () => {};
  const read = new Promise<void>((done) => (reached = done));
  return {
    read,
    log: {
      ...log,
      progress: (_label, done) => {
        if (done >= bytes) reached();
      },
    },
  };
}
