/** Starts moto_server (a local S3) on a free 127.0.0.1 port for a test, and stops it by PID. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';

export const MOTO_MISSING = spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status !== 0;

export interface Moto {
  endpoint: string;
  client: S3Client;
  stop(): void;
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.pid && child.exitCode === null) child.kill('SIGTERM');
  };
  try {
    await waitUntilUp(endpoint, 15_000);
  } catch (error) {
    stop();
    throw error;
  }
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return { endpoint, client, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(endpoint: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(endpoint);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`moto_server did not start at ${endpoint}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
