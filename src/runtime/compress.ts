/**
 * The Node server's compressor for HTML, JSON and SVG (AppDeps.compress). Brotli at quality 5, not 11:
 * close in size on pages this small and ~20× faster, and a response cache entry compresses once anyway.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Compress } from '../server/deps.ts';

export const zlibCompress: Compress = (body, encoding) =>
  encoding === 'br'
    ? new Uint8Array(
        brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 5,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        }),
      )
    : new Uint8Array(gzipSync(body, { level: 6 }));
