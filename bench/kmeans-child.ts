/**
 * One k-means run in its own process (so peak RSS belongs to one library), for bench/kmeans.ts:
 *   node --import tsx bench/kmeans-child.ts <kinema|kinema-lloyd|kinema-minibatch|ml-kmeans|kinema-init>
 *     <file.f32> <n> <d> <k> <seed> <threads> [init.f32]
 * Prints one JSON line. Time covers clustering only, not reading the file; rssBefore is the peak RSS
 * just before clustering (runtime and matrix), so peakRss - rssBefore is what clustering added. With init.f32 (k×d float32)
 * every library starts from those centres; 'kinema-init' writes kinema's own seeding there (a run
 * with no iterations).
 */
import { openSync, readSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { runKMeans, sharedFloat32 } from '../src/parallel/kmeans.ts';

const [lib, path, ...rest] = process.argv.slice(2);
const [n, d, k, seed, threads] = rest.slice(0, 5).map(Number) as [number, number, number, number, number];
const initPath = rest[5];
const initial = initPath && lib !== 'kinema-init' ? readFloats(initPath) : undefined;

function readFloats(file: string): Float32Array {
  const bytes = readFileSync(file); // small files share a pooled buffer: copy out just these bytes
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

// Read straight into shared memory: the matrix is held once.
const data = sharedFloat32(n * d);
const fd = openSync(path!, 'r');
const bytes = new Uint8Array(data.buffer);
for (let off = 0; off < bytes.length;)
  off += readSync(fd, bytes, off, Math.min(1 << 26, bytes.length - off), off);
closeSync(fd);
const rssBefore = process.resourceUsage().maxRSS * 1024;

let out: { seconds: number; iterations: number; inertia: number };
if (lib === 'kinema-init') {
  const t0 = performance.now();
  const r = await runKMeans(data, n, d, { k, seed, threads, maxIter: 0 });
  out = { seconds: (performance.now() - t0) / 1000, iterations: 0, inertia: r.inertia };
  writeFileSync(initPath!, new Uint8Array(r.centroids.buffer, r.centroids.byteOffset, k * d * 4));
} else if (lib === 'kinema' || lib === 'kinema-lloyd' || lib === 'kinema-minibatch') {
  const algorithm = lib === 'kinema' ? 'auto' : lib === 'kinema-lloyd' ? 'lloyd' : 'minibatch';
  const t0 = performance.now();
  const r = await runKMeans(data, n, d, { k, seed, threads, algorithm, initial });
  out = { seconds: (performance.now() - t0) / 1000, iterations: r.iterations, inertia: r.inertia };
} else if (lib === 'ml-kmeans') {
  const { kmeans } = await import('ml-kmeans');
  const t0 = performance.now();
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(data.subarray(i * d, i * d + d)));
  const start = initial
    ? Array.from({ length: k }, (_, c) => Array.from(initial.subarray(c * d, c * d + d)))
    : 'kmeans++';
  const r = kmeans(rows, k, { seed, initialization: start });
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
process.stdout.write(
  `${JSON.stringify({ ...out, peakRss: process.resourceUsage().maxRSS * 1024, rssBefore })}\n`,
);
