/**
 * Artifact checks at load (issue 16, item 13): a file of the same size from another build is refused
 * whether it is read whole or opened for reads at offsets, and a file too big to hash at load is
 * checked by a sample of its blocks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HASHED_AT_LOAD,
  ModelMismatchError,
  checkArtifact,
  describeArtifact,
} from '../../src/core/model-id.ts';
import { bytesFile } from '../../src/core/neighbour-lists.ts';
import { createRandom } from '../../src/numeric/random.ts';

function randomBytes(size: number, seed: number): Uint8Array {
  const random = createRandom(seed);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= size; i += 4) view.setUint32(i, random.int(2 ** 32), true);
  return out;
}

/** Another build's file of the same size: every 64 KB block differs somewhere. */
function otherBuild(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  for (let i = 1000; i < copy.length; i += 65_536) copy[i] = copy[i]! ^ 0xff;
  return copy;
}

test('a small file opened at offsets is hashed whole: the same size from another build is refused', async () => {
  const bytes = randomBytes(400_000, 1);
  const files = { 'neighbours.bin': await describeArtifact(bytes) };
  await checkArtifact(files, 'neighbours.bin', bytesFile(bytes));
  await assert.rejects(
    checkArtifact(files, 'neighbours.bin', bytesFile(otherBuild(bytes))),
    (e: unknown) => e instanceof ModelMismatchError && /SHA-256/.test(e.message),
  );
});

test('a file over the hash limit is checked by a sample: read whole or at offsets', async () => {
  const bytes = randomBytes(HASHED_AT_LOAD + 4096 * 3, 2);
  const info = await describeArtifact(bytes);
  assert.match(info.sample ?? '', /^[0-9a-f]{64}$/);
  const files = { 'features.f32': info };
  const reads: number[] = [];
  const counted = bytesFile(bytes);
  await checkArtifact(files, 'features.f32', {
    size: counted.size,
    read: (offset, length) => (reads.push(length), counted.read(offset, length)),
  });
  assert.ok(reads.reduce((a, b) => a + b, 0) <= 64 * 4096, 'the sample check read more than 256 KB');
  await checkArtifact(files, 'features.f32', bytes);
  const other = otherBuild(bytes);
  for (const file of [other, bytesFile(other)]) {
    await assert.rejects(
      checkArtifact(files, 'features.f32', file),
      (e: unknown) => e instanceof ModelMismatchError && /sample/.test(e.message),
    );
  }
  // the last byte is in the sample too: a file cut and padded back to size is caught
  const tail = bytes.slice();
  tail[tail.length - 1] = tail[tail.length - 1]! ^ 1;
  await assert.rejects(checkArtifact(files, 'features.f32', tail), ModelMismatchError);
});

test('a remote file (ranged reads over the network) is checked the same way, small or sampled', async () => {
  const remote = (bytes: Uint8Array) => {
    const file = bytesFile(bytes);
    return { size: file.size, read: async (offset: number, length: number) => file.read(offset, length) };
  };
  for (const size of [400_000, HASHED_AT_LOAD + 4096 * 3]) {
    const bytes = randomBytes(size, 4);
    const files = { 'neighbours.bin': await describeArtifact(bytes) };
    await checkArtifact(files, 'neighbours.bin', remote(bytes));
    await assert.rejects(
      checkArtifact(files, 'neighbours.bin', remote(otherBuild(bytes))),
      ModelMismatchError,
    );
  }
});

test('a manifest from before samples: big files are checked by size only, small ones by hash', async () => {
  const bytes = randomBytes(HASHED_AT_LOAD + 8, 3);
  const { size, sha256 } = await describeArtifact(bytes);
  await checkArtifact({ big: { size, sha256 } }, 'big', otherBuild(bytes));
  await assert.rejects(checkArtifact({ big: { size: size + 1, sha256 } }, 'big', bytes), /bytes, expected/);
});

test('a big file the store keeps immutable (S3 under the content id) is checked by size, unread', async () => {
  const bytes = randomBytes(HASHED_AT_LOAD + 4096 * 3, 5);
  const files = { 'features.f32': await describeArtifact(bytes) };
  const other = bytesFile(otherBuild(bytes));
  let reads = 0;
  const immutable = {
    size: other.size,
    immutable: true,
    read: async (offset: number, length: number) => (reads++, other.read(offset, length)),
  };
  await checkArtifact(files, 'features.f32', immutable);
  assert.equal(reads, 0, 'no sampled block read');
  await assert.rejects(
    checkArtifact(files, 'features.f32', { ...immutable, size: immutable.size - 1 }),
    /bytes, expected/,
  );
  // small ones are still hashed whole, and the same file without the flag is sampled
  const small = randomBytes(4000, 6);
  const smallFiles = { 'franchise.bin': await describeArtifact(small) };
  await checkArtifact(smallFiles, 'franchise.bin', { ...bytesFile(small), immutable: true });
  await assert.rejects(
    checkArtifact(smallFiles, 'franchise.bin', { ...bytesFile(otherBuild(small)), immutable: true }),
    /SHA-256/,
  );
  await assert.rejects(
    checkArtifact(files, 'features.f32', { size: other.size, read: other.read }),
    ModelMismatchError,
  );
});
