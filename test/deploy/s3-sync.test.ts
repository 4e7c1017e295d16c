import { MODEL_FORMAT } from '../../src/core/model-manifest.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { listUploadFiles } from '../../src/deploy/files.ts';
import { syncToS3 } from '../../src/deploy/s3-sync.ts';
import { PART_SIZE } from '../../src/deploy/etag.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { MOTO_MISSING, startMoto, type Moto } from './moto-server.ts';

const skip = MOTO_MISSING ? 'moto_server is not installed (pip install "moto[server]")' : false;
const BUCKET = 'kinema-test';
let moto: Moto | undefined;
let dir = '';

before(async () => {
  if (skip) return;
  moto = await startMoto();
  await moto.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  dir = mkdtempSync(join(tmpdir(), 'kinema-s3-'));
});
after(() => {
  moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function body(key: string): Promise<Uint8Array> {
  const object = await moto!.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return object.Body!.transformToByteArray();
}

test('uploads a model folder with types, then skips unchanged files', { skip }, async () => {
  const model = join(dir, 'model');
  writeFixtureModel(model);
  const files = listUploadFiles(model, 'model/', 'model');
  assert.deepEqual(
    files.map((f) => f.key),
    [
      'model/catalog.bin',
      'model/centroids.f32',
      'model/features.f32',
      'model/franchise.bin',
      'model/manifest.json',
      'model/people.bin',
      'model/search.bin',
    ],
  );
  const first = await syncToS3(moto!.client, files, { bucket: BUCKET, prefix: 'model/' });
  assert.equal(first.uploaded.length, 7);
  assert.equal(
    first.bytesUploaded,
    files.reduce((s, f) => s + f.size, 0),
  );
  const head = await moto!.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'model/features.f32' }));
  assert.equal(head.ContentType, 'application/octet-stream');
  assert.equal(head.CacheControl, 'private, no-cache');
  const manifest = JSON.parse(new TextDecoder().decode(await body('model/manifest.json'))) as {
    format: number;
  };
  assert.equal(manifest.format, MODEL_FORMAT);

  const second = await syncToS3(moto!.client, files, { bucket: BUCKET, prefix: 'model/' });
  assert.deepEqual(second.uploaded, []);
  assert.equal(second.unchanged.length, 7);
});

test('re-uploads a changed file and deletes stale keys only when asked', { skip }, async () => {
  const site = join(dir, 'site');
  mkdirSync(join(site, 'static'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!DOCTYPE html><title>kinema</title>');
  writeFileSync(join(site, 'static', 'app.css'), 'body{margin:0}');
  await moto!.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'site/old.html', Body: 'old' }));
  const files = () => listUploadFiles(site, 'site/', 'site');
  await syncToS3(moto!.client, files(), { bucket: BUCKET, prefix: 'site/' });
  writeFileSync(join(site, 'static', 'app.css'), 'body{margin:1px}');
  const result = await syncToS3(moto!.client, files(), {
    bucket: BUCKET,
    prefix: 'site/',
    deleteStale: true,
  });
  assert.deepEqual(result.uploaded, ['site/static/app.css']);
  assert.deepEqual(result.unchanged, ['site/index.html']);
  assert.deepEqual(result.deleted, ['site/old.html']);
  assert.equal(new TextDecoder().decode(await body('site/static/app.css')), 'body{margin:1px}');
  const html = await moto!.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'site/index.html' }));
  assert.equal(html.ContentType, 'text/html; charset=utf-8');
  assert.equal(html.CacheControl, 'public, max-age=300');
});

test(
  'multipart upload of a file larger than one part round-trips and is then recognised',
  { skip },
  async () => {
    const big = join(dir, 'big');
    mkdirSync(big);
    const bytes = new Uint8Array(PART_SIZE * 2 + 12345);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    writeFileSync(join(big, 'features.f32'), bytes);
    // no part objects here (the next test has them): this is about the multipart upload
    const files = listUploadFiles(big, 'big/', 'model', { partSize: PART_SIZE, over: Infinity });
    const first = await syncToS3(moto!.client, files, { bucket: BUCKET, prefix: 'big/' });
    assert.deepEqual(first.uploaded, ['big/features.f32']);
    const back = await body('big/features.f32');
    assert.equal(back.length, bytes.length);
    assert.ok(Buffer.from(back).equals(Buffer.from(bytes)));
    const second = await syncToS3(moto!.client, files, { bucket: BUCKET, prefix: 'big/' });
    assert.deepEqual(second.unchanged, ['big/features.f32'], 'multipart ETag computed locally matches S3');
  },
);

test(
  'a big model file is also uploaded as part objects with their index, then skipped',
  { skip },
  async () => {
    const model = join(dir, 'parted');
    writeFixtureModel(model);
    const options = { partSize: 1000, over: 4000 };
    const files = listUploadFiles(model, 'parted/', 'model', options);
    const local = new Uint8Array(readFileSync(join(model, 'people.bin')));
    assert.ok(local.length > 4000 && local.length % 1000 !== 0, `people.bin is ${local.length} bytes`);
    const parts = Math.ceil(local.length / 1000);
    const keys = files.map((f) => f.key).filter((k) => k.startsWith('parted/people.bin'));
    assert.deepEqual(keys, [
      'parted/people.bin',
      'parted/people.bin.parts/00000',
      ...Array.from(
        { length: parts - 1 },
        (_, i) => `parted/people.bin.parts/${String(i + 1).padStart(5, '0')}`,
      ),
      'parted/people.bin.parts/index.json',
    ]);
    assert.ok(!files.some((f) => f.key.startsWith('parted/manifest.json.parts')), 'small files have none');
    const first = await syncToS3(moto!.client, files, { bucket: BUCKET, prefix: 'parted/' });
    assert.equal(first.uploaded.length, files.length);
    const index = JSON.parse(new TextDecoder().decode(await body('parted/people.bin.parts/index.json')));
    assert.deepEqual(index, { size: local.length, partSize: 1000, parts });
    const joined = Buffer.concat(
      await Promise.all(
        Array.from({ length: parts }, (_, i) =>
          body(`parted/people.bin.parts/${String(i).padStart(5, '0')}`),
        ),
      ),
    );
    assert.ok(joined.equals(Buffer.from(local)), 'the parts joined are the file');
    assert.equal(
      (await body(`parted/people.bin.parts/${String(parts - 1).padStart(5, '0')}`)).length,
      local.length % 1000,
    );
    const second = await syncToS3(moto!.client, files, { bucket: BUCKET, prefix: 'parted/' });
    assert.deepEqual(second.uploaded, [], 'part ETags computed locally match S3');
    const site = listUploadFiles(model, 'site/', 'site', options);
    assert.ok(!site.some((f) => f.key.includes('.parts/')), 'site files are never split');
  },
);

test('a missing bucket is a clear network error naming it', { skip }, async () => {
  await assert.rejects(
    syncToS3(moto!.client, [], { bucket: 'no-such-bucket', prefix: 'site/' }),
    /cannot list s3:\/\/no-such-bucket\/site\//,
  );
});
