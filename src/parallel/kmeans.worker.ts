/**
 * Worker side of the k-means pool: views the shared buffers once, then for each command takes
 * blocks from the shared counter until none are left and reports back. All the maths is in
 * src/numeric/kmeans-kernels.ts; this file only wraps it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { viewBuffers, type KMeansBufferSet } from '../numeric/kmeans-buffers.ts';
import { takeBlocks, type BlockCommand } from '../numeric/kmeans-kernels.ts';

const port = parentPort;
if (port) {
  const buffers = viewBuffers(workerData as KMeansBufferSet);
  port.on('message', (cmd: BlockCommand) => {
    try {
      takeBlocks(buffers, cmd);
      port.postMessage({ ok: true });
    } catch (error) {
      port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  });
  port.postMessage({ ok: true, ready: true });
}
