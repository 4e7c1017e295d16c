/**
 * Uploads files to S3, skipping objects whose size and ETag already match (so re-deploying an unchanged
 * model costs one LIST), and optionally deleting objects under the prefix that are no longer local.
 * The S3 client is passed in: the real one, or one pointed at moto_server in tests.
 */
import { createReadStream } from 'node:fs';
import {
  DeleteObjectsCommand,
  ListObjectsV2Command,
  type S3Client,
  type _Object as S3Object,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { formatBytes } from '../core/format-bytes.ts';
import { KinemaError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { bytesEtag, expectedEtag, PART_SIZE } from './etag.ts';
import type { UploadFile } from './files.ts';

export interface SyncOptions {
  bucket: string;
  /** Key prefix owned by this sync, e.g. "model/"; only used with `deleteStale`. */
  prefix: string;
  deleteStale?: boolean;
  log?: Logger;
}

export interface SyncResult {
  uploaded: string[];
  unchanged: string[];
  deleted: string[];
  bytesUploaded: number;
}

export async function syncToS3(
  client: S3Client,
  files: UploadFile[],
  options: SyncOptions,
): Promise<SyncResult> {
  const { bucket, prefix, log } = options;
  const remote = await listObjects(client, bucket, prefix);
  const result: SyncResult = { uploaded: [], unchanged: [], deleted: [], bytesUploaded: 0 };
  const total = files.reduce((s, f) => s + f.size, 0);
  let seen = 0;
  for (const file of files) {
    const existing = remote.get(file.key);
    if (
      existing &&
      existing.Size === file.size &&
      existing.ETag ===
        (file.body ? bytesEtag(file.body) : await expectedEtag(file.path, file.size, PART_SIZE, file.start))
    ) {
      result.unchanged.push(file.key);
    } else {
      await upload(client, bucket, file);
      result.uploaded.push(file.key);
      result.bytesUploaded += file.size;
    }
    seen += file.size;
    log?.progress?.(`s3://${bucket}/${prefix}`, seen, total);
  }
  if (options.deleteStale) {
    const local = new Set(files.map((f) => f.key));
    const stale = [...remote.keys()].filter((key) => !local.has(key)).sort();
    for (let i = 0; i < stale.length; i += 1000) {
      const batch = stale.slice(i, i + 1000);
      await client.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })) } }),
      );
    }
    result.deleted = stale;
  }
  log?.info(
    `s3://${bucket}/${prefix}: ${result.uploaded.length} uploaded (${formatBytes(result.bytesUploaded)}), ` +
      `${result.unchanged.length} unchanged, ${result.deleted.length} deleted`,
  );
  return result;
}

async function upload(client: S3Client, bucket: string, file: UploadFile): Promise<void> {
  try {
    await new Upload({
      client,
      partSize: PART_SIZE,
      queueSize: 2,
      params: {
        Bucket: bucket,
        Key: file.key,
        Body:
          file.body ??
          (file.start === undefined
            ? createReadStream(file.path)
            : createReadStream(file.path, { start: file.start, end: file.start + file.size - 1 })),
        ContentType: file.contentType,
        CacheControl: file.cacheControl,
      },
    }).done();
  } catch (error) {
    throw new KinemaError(
      'network',
      `upload of ${file.path}${file.start === undefined ? '' : ` (bytes ${file.start}+${file.size})`} to s3://${bucket}/${file.key} failed: ${(error as Error).message}`,
      'check your AWS credentials and that the bucket exists (`kinema deploy --dry-run` shows the plan)',
      { cause: error },
    );
  }
}

async function listObjects(client: S3Client, bucket: string, prefix: string): Promise<Map<string, S3Object>> {
  const out = new Map<string, S3Object>();
  let token: string | undefined;
  try {
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) out.set(object.Key, object);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } catch (error) {
    throw new KinemaError(
      'network',
      `cannot list s3://${bucket}/${prefix}: ${(error as Error).message}`,
      'check your AWS credentials and region, and that the stack created the bucket',
      { cause: error },
    );
  }
  return out;
}
