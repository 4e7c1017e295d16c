/**
 * The S3 requests the Lambda makes of its model (GetObject, with or without a byte range, and
 * HeadObject; path-style), answered from one folder on 127.0.0.1, for bench/lambda-s3.ts. moto reads
 * a whole object to answer any range of it (a row of the 280 MB neighbours.bin costs it ~150 ms);
 * this serves a range from the file, so the figure is the client's own cost of a round trip. The part
 * objects `kinema deploy` adds for big files (src/core/model-parts.ts) are served as ranges of
 * their file, and collab.bin's rows file (src/core/collab/rows-file.ts) is derived here once and served
 * from memory, so both S3 variants take the same reads. Read only.
 * A process of its own (the bench waits in spawnSync), which prints its endpoint:
 *
 *   node --import tsx bench/_s3-file-server.ts DIR BUCKET
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { COLLAB_ROWS_FILE, collabRowsOf } from '../src/core/collab/rows-file.ts';
import { encodePartsIndex, MODEL_PART_BYTES, PARTED_OVER, partsIndex } from '../src/core/model-parts.ts';

const [dir, bucket] = process.argv.slice(2).map(String) as [string, string];
const root = resolve(dir);
const collabPath = join(root, 'collab.bin');
const rows =
  existsSync(collabPath) && statSync(collabPath).size > PARTED_OVER
    ? collabRowsOf(new Uint8Array(readFileSync(collabPath)))
    : undefined;
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const key = decodeURIComponent(url.pathname).slice(`/${bucket}/`.length);
  const rowsPart = rows && new RegExp(`^${COLLAB_ROWS_FILE}\\.parts/(index\\.json|\\d{5})$`).exec(key);
  if (rowsPart) {
    const index = partsIndex(rows.length);
    const at = Number(rowsPart[1]) * MODEL_PART_BYTES;
    const part =
      rowsPart[1] === 'index.json' ? encodePartsIndex(index) : rows.subarray(at, at + MODEL_PART_BYTES);
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    const body = range ? part.subarray(Number(range[1]), Number(range[2]) + 1) : part;
    const span = range ? `bytes ${range[1]}-${Number(range[1]) + body.length - 1}/${part.length}` : '';
    res.writeHead(range ? 206 : 200, {
      'content-length': String(body.length),
      ...(range ? { 'content-range': span } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  // "<file>.parts/index.json" and "<file>.parts/00042", as the deploy uploads them
  const part = /^(.+)\.parts\/(index\.json|\d{5})$/.exec(key);
  const path = join(root, part ? part[1]! : key);
  let size: number;
  let base = 0;
  try {
    if (!path.startsWith(root + sep)) throw new Error('outside the folder');
    size = statSync(path).size;
    if (part && !(size > PARTED_OVER)) throw new Error('no parts');
    if (part?.[2] === 'index.json') {
      const body = encodePartsIndex(partsIndex(size));
      res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'application/json' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    if (part) {
      base = Number(part[2]) * MODEL_PART_BYTES;
      if (base >= size) throw new Error('no such part');
      size = Math.min(MODEL_PART_BYTES, size - base);
    }
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
  else createReadStream(path, { start: base + start, end: base + end }).pipe(res);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`http://127.0.0.1:${port}\n`);
});
