/**
 * Worker side of the MovieLens sample: generates the ratings.csv bytes of the user chunks the main thread
 * asks for and hands each back as a transferred buffer. The rows themselves come from movielens-ratings.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ratingsGenerator, type RatingsInput } from './movielens-ratings.ts';

export interface ChunkRequest {
  from: number;
  to: number;
}
export interface ChunkReply {
  from: number;
  rows: number;
  bytes: ArrayBuffer;
}

const port = parentPort;
if (port) {
  const generator = ratingsGenerator(workerData as RatingsInput);
  port.on('message', (request: ChunkRequest) => {
    const count = { rows: 0 };
    // the rows own their memory: transferred, not copied
    const bytes = generator.rows(request.from, request.to, count).buffer as ArrayBuffer;
    port.postMessage({ from: request.from, rows: count.rows, bytes } satisfies ChunkReply, [bytes]);
  });
}
