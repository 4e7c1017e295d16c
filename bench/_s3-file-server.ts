/**
 * The S3 requests the Lambda makes of its model (GetObject, with or without a byte range, and
 * HeadObject; path-style), answered from one folder on 127.0.0.1, for bench/lambda-s3.ts. moto reads
 * a whole object to answer any range of it (a row of the 280 MB neighbours.bin costs it ~150 ms);
 * this serves a range from the file, so the figure is the client's own cost of a round trip. Read only.
 * A process of its own (the bench waits in spawnSync), which prints its endpoint:
 *
 *   node --import tsx bench/_s3-file-server.ts DIR BUCKET
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';

const [dir, bucket] = process.argv.slice(2).map(String) as [string, string];
const root = resolve(dir);
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const key = decodeURIComponent(url.pathname).slice(`/${bucket}/`.length);
  const path = join(root, key);
  let size: number;
  try {
    if (!path.startsWith(root + sep)) throw new Error('outside the folder');
    size = statSync(path).size;
  } catch {
    res.writeHead(404, { 'content-type': 'application/xml' });
    res.end(`<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>no ${key}</Message></Error>`);
    return;
  }
  const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
  const start = range ? Number(range[1]) : 0;
  const end = range ? Math.min(Number(range[2]), size - 1) : size - 1;
  res.writeHead(range ? 206 : 200, {
    'content-length': String(end - start + 1),
    'content-type': 'application/octet-stream',
    ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(path, { start, end }).pipe(res);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`http://127.0.0.1:${port}\n`);
});
