/**
 * An exported site as a plain static host serves it (no rewrites beyond a folder's index.html, any
 * query ignored), and a crawler that lists every internal link and image that host cannot answer.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The file a static host answers for a URL path, or undefined (a 404). */
export function fileFor(site: string, path: string): string | undefined {
  const clean = decodeURIComponent(path.split(/[?#]/, 1)[0]!);
  if (clean.includes('..')) return undefined;
  const direct = join(site, clean);
  if (existsSync(direct) && statSync(direct).isFile()) return direct;
  const index = join(site, clean, 'index.html');
  return existsSync(index) ? index : undefined;
}

export async function serveStatic(site: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const file = fileFor(site, req.url ?? '/');
    const missing = join(site, '404.html');
    if (!file) {
      res.writeHead(404, { 'content-type': TYPES['.html']! });
      res.end(existsSync(missing) ? readFileSync(missing) : 'not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Every page's internal href and src the host would answer 404, as "page → target". */
export function brokenLinks(site: string): { pages: number; links: number; broken: string[] } {
  const broken: string[] = [];
  let pages = 0;
  let links = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html')) {
        pages++;
        const html = readFileSync(path, 'utf8');
        for (const [, target] of html.matchAll(/ (?:href|src|action)="(\/[^"]*)"/g)) {
          links++;
          if (!fileFor(site, target!)) broken.push(`${relative(site, path)} → ${target}`);
        }
      }
    }
  };
  walk(site);
  return { pages, links, broken };
}
