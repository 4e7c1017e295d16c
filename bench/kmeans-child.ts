/**
 * One k-means run in its own process (so peak RSS belongs to one library), for bench/kmeans.ts:
 *   node --import tsx bench/kmeans-child.ts <kinema|kinema-lloyd|kinema-minibatch|ml-kmeans> <file.f32> <n> <d> <k> <seed> <threads>
 * Prints one JSON line. Time covers clustering only, not reading the file.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { runKMeans, sharedFloat32 } from '../src/parallel/kmeans.ts';

const [lib, path, ...nums] = process.argv.slice(2);
const [n, d, k, seed, threads] = nums.map(Number) as [number, number, number, number, number];

// Read straight into shared memory: the matrix is held once.
const data = sharedFloat32(n * d);
const fd = openSync(path!, 'r');
const bytes = new Uint8Array(data.buffer);
for (let off = 0; off < bytes.length;)
  off += readSync(fd, bytes, off, Math.min(1 << 26, bytes.length - off), off);
closeSync(fd);

let out: { seconds: number; iterations: number; inertia: number };
if (lib === 'kinema' || lib === 'kinema-lloyd' || lib === 'kinema-minibatch') {
  const algorithm = lib === 'kinema' ? 'auto' : lib === 'kinema-lloyd' ? 'lloyd' : 'minibatch';
  const t0 = performance.now();
  const r = await runKMeans(data, n, d, { k, seed, threads, algorithm });
  out = { seconds: (performance.now() - t0) / 1000, iterations: r.iterations, inertia: r.inertia };
} else if (lib === 'ml-kmeans') {
  const { kmeans } = await import('ml-kmeans');
  const t0 = performance.now();
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(data.subarray(i * d, i * d + d)));
  const r = kmeans(rows, k, { seed, initialization: 'kmeans++' });
  const seconds = (performance.now() - t0) / 1000;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const c = r.centroids[r.clusters[i]!]!;
    for (let j = 0; j < d; j++) inertia += (data[i * d + j]! - c[j]!) ** 2;
  }
  out = { seconds, iterations: r.iterations, inertia };
} else {
  throw new Error(`unknown library ${lib}`);
}
process.stdout.write(`${JSON.stringify({ ...out, peakRss: process.resourceUsage().maxRSS * 1024 })}\n`);
