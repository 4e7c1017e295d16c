/**
 * The model read from S3 (moto_server on 127.0.0.1, issue 18): whole objects and byte ranges come
 * back exactly, from the whole object or from its part objects (a range straddling parts, the short
 * last part), a missing object is null, a missing part or a failed range read names the object, the
 * neighbour lists read by ranges are checked against the manifest, and every "similar" answer equals
 * the one read from the folder, in the recommender and through the Lambda handler.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { memoryLogger } from '../../src/core/log.ts';
import { describeArtifact, ModelMismatchError } from '../../src/core/model-id.ts';
import { loadModel } from '../../src/core/model-load.ts';
import { createRecommender } from '../../src/core/recommend/index.ts';
import { listUploadFiles } from '../../src/deploy/files.ts';
import { syncToS3 } from '../../src/deploy/s3-sync.ts';
import { writeNeighbours } from '../../src/pipeline/neighbours.ts';
import { fileModelReader, fileRangeOpener } from '../../src/runtime/files.ts';
import { createLambdaHandler } from '../../src/runtime/lambda.ts';
import { lambdaConfig } from '../../src/runtime/lambda-config.ts';
import { s3ModelFiles } from '../../src/runtime/s3-model-reader.ts';
import { MOTO_MISSING, startMoto, type Moto } from '../deploy/moto-server.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { apiEvent } from '../helpers/lambda-event.ts';

const skip = MOTO_MISSING ? 'moto_server is not installed (pip install "moto[server]")' : false;
const BUCKET = 'kinema-models';
const SMALL_PARTS = { partSize: 100, over: 0 };
let moto: Moto | undefined;
let root = '';
let dir = '';

before(async () => {
  if (skip) return;
  root = mkdtempSync(join(tmpdir(), 'kinema-s3-model-'));
  dir = join(root, 'model');
  const model = writeFixtureModel(dir);
  const write = async (name: string, bytes: Uint8Array) => writeFileSync(join(dir, name), bytes);
  await writeNeighbours(model, write, memoryLogger(), { n: 5 });
  // the manifest records the lists and every file's size and hash, as a build's does
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const files: Record<string, unknown> = {};
  for (const name of ['catalog.bin', 'features.f32', 'neighbours.bin'])
    files[name] = await describeArtifact(readFileSync(join(dir, name)));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, neighbours: { n: 5 }, files }));
  moto = await startMoto();
  await moto.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await syncToS3(moto.client, listUploadFiles(dir, 'model/v1/', 'model'), {
    bucket: BUCKET,
    prefix: 'model/v1/',
  });
  // every file also as parts of 100 bytes, so rows straddle parts and each file ends in a short one
  for (const prefix of ['model/parts/', 'model/broken/']) {
    await syncToS3(moto.client, listUploadFiles(dir, prefix, 'model', SMALL_PARTS), {
      bucket: BUCKET,
      prefix,
    });
  }
});
after(() => {
  moto?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('whole objects and byte ranges read back exactly; a missing object is null', { skip }, async () => {
  // model/v1/ has no part objects (its files are small), as an older deploy: ranges of the whole object
  const s3 = s3ModelFiles(BUCKET, 'model/v1/', moto!.client);
  assert.deepEqual(await s3.read('catalog.bin'), new Uint8Array(readFileSync(join(dir, 'catalog.bin'))));
  assert.equal(await s3.read('nothing.bin'), null);
  assert.equal(await s3.open('nothing.bin'), null);
  const local = readFileSync(join(dir, 'neighbours.bin'));
  const file = (await s3.open('neighbours.bin'))!;
  assert.equal(file.size, local.length);
  assert.deepEqual(await file.read(40, 120), new Uint8Array(local.subarray(40, 160)));
});

test(
  'ranged reads from part objects equal the file, across parts and in the short last one',
  { skip },
  async () => {
    const local = new Uint8Array(readFileSync(join(dir, 'neighbours.bin')));
    // the whole object gone: every read below comes from the parts
    await moto!.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'model/parts/neighbours.bin' }));
    const file = (await s3ModelFiles(BUCKET, 'model/parts/', moto!.client).open('neighbours.bin'))!;
    assert.equal(file.size, local.length);
    const last = Math.floor((local.length - 1) / 100) * 100;
    for (const [offset, length] of [
      [0, 40],
      [90, 20],
      [40, 300],
      [last - 3, local.length - last + 3],
      [0, local.length],
    ] as const) {
      assert.deepEqual(
        await file.read(offset, length),
        local.subarray(offset, offset + length),
        `${offset}+${length}`,
      );
    }
  },
);

test('a missing part fails the read with an error naming the part object', { skip }, async () => {
  const s3 = s3ModelFiles(BUCKET, 'model/broken/', moto!.client);
  const file = (await s3.open('neighbours.bin'))!;
  await moto!.client.send(
    new DeleteObjectCommand({ Bucket: BUCKET, Key: 'model/broken/neighbours.bin.parts/00002' }),
  );
  assert.equal((await file.read(0, 100)).length, 100);
  await assert.rejects(
    file.read(150, 100),
    /model part s3:\/\/kinema-models\/model\/broken\/neighbours\.bin\.parts\/00002 is missing/,
  );
});

test('a range read that fails names the object and the range', { skip }, async () => {
  const key = 'model/gone/neighbours.bin';
  await moto!.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: new Uint8Array(64) }));
  const file = (await s3ModelFiles(BUCKET, 'model/gone/', moto!.client).open('neighbours.bin'))!;
  await assert.rejects(
    file.read(60, 10),
    /s3:\/\/kinema-models\/model\/gone\/neighbours\.bin \(bytes=60-69\): got 4 of 10 bytes/,
  );
  await moto!.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
  await assert.rejects(
    file.read(0, 8),
    /cannot read s3:\/\/kinema-models\/model\/gone\/neighbours\.bin \(bytes=0-7\): .*key does not exist/,
  );
});

test('neighbour lists from another build of the same size are refused at load', { skip }, async () => {
  const files = listUploadFiles(dir, 'model/mixed/', 'model');
  await syncToS3(moto!.client, files, { bucket: BUCKET, prefix: 'model/mixed/' });
  const other = new Uint8Array(readFileSync(join(dir, 'neighbours.bin'))).map((b) => b ^ 1);
  await moto!.client.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: 'model/mixed/neighbours.bin', Body: other }),
  );
  const s3 = s3ModelFiles(BUCKET, 'model/mixed/', moto!.client);
  await assert.rejects(loadModel(s3.read, { openRemote: s3.open }), ModelMismatchError);
});

test('every similar answer from ranged reads equals the one from the folder', { skip }, async () => {
  const s3 = s3ModelFiles(BUCKET, 'model/v1/', moto!.client);
  const remote = await loadModel(s3.read, { openRemote: s3.open });
  const local = await loadModel(fileModelReader(dir), { open: fileRangeOpener(dir) });
  const [fromS3, fromFolder] = [createRecommender(remote), createRecommender(local)];
  assert.throws(() => fromS3.similar(0), /neighbours\.bin row 0 was used before it was fetched/);
  for (let m = 0; m < local.catalog.size; m++) {
    await remote.neighbours!.prefetch!([m]);
    assert.deepEqual(fromS3.similar(m, { limit: 10 }), fromFolder.similar(m, { limit: 10 }), `movie ${m}`);
  }
  const taste = { liked: [0, 3, 7] };
  await remote.neighbours!.prefetch!(fromS3.tasteProfile(taste.liked));
  assert.deepEqual(fromS3.taste(taste, { limit: 10 }), fromFolder.taste(taste, { limit: 10 }));
});

for (const prefix of ['model/v1/', 'model/parts/']) {
  test(`the Lambda handler answers the same from S3 (${prefix}) as from its bundle`, { skip }, async () => {
    const env = { KINEMA_TMDB_CACHE: 'off' };
    const fromS3 = createLambdaHandler(
      lambdaConfig(
        { ...env, KINEMA_MODEL_SOURCE: 's3', KINEMA_MODEL_BUCKET: BUCKET, KINEMA_MODEL_PREFIX: prefix },
        root,
      ),
      { log: memoryLogger(), s3Client: moto!.client },
    );
    const fromBundle = createLambdaHandler(lambdaConfig({ ...env, KINEMA_MODEL_SOURCE: 'bundle' }, root), {
      log: memoryLogger(),
    });
    for (const path of [
      '/api/movies/tt0068646/similar',
      '/api/movies/tt0076759/similar',
      '/api/search',
      '/movie/tt0080684',
      '/person/nm0000001',
    ]) {
      const query = path === '/api/search' ? 'q=star' : 'limit=5';
      const [a, b] = [await fromS3(apiEvent(path, query)), await fromBundle(apiEvent(path, query))];
      assert.equal(a.statusCode, 200, path);
      assert.equal(a.body, b.body, path);
    }
  });
}
