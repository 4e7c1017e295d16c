/**
 * Reads a model folder from an S3 prefix for loadModel (Lambda with KINEMA_MODEL_SOURCE=s3): whole
 * objects, streamed into one buffer of their length (no second copy while the chunks are joined), and
 * ranged reads of an object opened for them (the neighbour rows). A missing object resolves null, as
 * ReadModelFile and OpenRemoteModelFile require; any other failure names the object.
 */
import type { GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { KinemaError } from '../core/errors.ts';
import type { ReadModelFile } from '../core/model.ts';
import type { OpenRemoteModelFile } from '../core/neighbour-lists.ts';

type Sdk = typeof import('@aws-sdk/client-s3');

export interface S3ModelFiles {
  read: ReadModelFile;
  open: OpenRemoteModelFile;
}

/** The SDK is imported on first use: the Lambda runtime provides it, and bundle-mode never loads it. */
export function s3ModelFiles(bucket: string, prefix: string, client?: S3Client): S3ModelFiles {
  let sdk: Promise<{ s3: S3Client; m: Sdk }> | undefined;
  const load = () =>
    (sdk ??= import('@aws-sdk/client-s3').then((m) => ({ s3: client ?? new m.S3Client({}), m })));
  const where = (key: string, range?: string) => `s3://${bucket}/${key}${range ? ` (${range})` : ''}`;
  const failed = (error: unknown, key: string, range?: string) =>
    new KinemaError('model', `cannot read ${where(key, range)}: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  const notFound = (error: unknown) =>
    ['NoSuchKey', 'NotFound'].includes((error as { name?: string }).name ?? '');

  const read: ReadModelFile = async (name) => {
    const { s3, m } = await load();
    const key = prefix + name;
    try {
      return await bodyBytes(await s3.send(new m.GetObjectCommand({ Bucket: bucket, Key: key })), where(key));
    } catch (error) {
      if (notFound(error)) return null;
      throw error instanceof KinemaError ? error : failed(error, key);
    }
  };

  const open: OpenRemoteModelFile = async (name) => {
    const { s3, m } = await load();
    const key = prefix + name;
    let size: number;
    try {
      size = (await s3.send(new m.HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength ?? 0;
    } catch (error) {
      if (notFound(error)) return null;
      throw failed(error, key);
    }
    return {
      size,
      async read(offset, length) {
        const range = `bytes=${offset}-${offset + length - 1}`;
        let bytes: Uint8Array;
        try {
          const object = await s3.send(new m.GetObjectCommand({ Bucket: bucket, Key: key, Range: range }));
          bytes = await bodyBytes(object, where(key, range));
        } catch (error) {
          throw error instanceof KinemaError ? error : failed(error, key, range);
        }
        if (bytes.length !== length) {
          throw new KinemaError('model', `${where(key, range)}: got ${bytes.length} of ${length} bytes`);
        }
        return bytes;
      },
    };
  };

  return { read, open };
}

/** Whole objects only (the TMDB cache, tests). */
export function s3Reader(bucket: string, prefix: string, client?: S3Client): ReadModelFile {
  return s3ModelFiles(bucket, prefix, client).read;
}

// --- internal ---

/** The body copied chunk by chunk into one buffer of ContentLength bytes. */
async function bodyBytes(object: GetObjectCommandOutput, where: string): Promise<Uint8Array> {
  const body = object.Body;
  if (!body) return new Uint8Array();
  const length = object.ContentLength;
  if (length === undefined || !(Symbol.asyncIterator in body)) return body.transformToByteArray();
  const out = new Uint8Array(length);
  let at = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    if (at + chunk.length > length) throw new KinemaError('model', `${where}: more than ${length} bytes`);
    out.set(chunk, at);
    at += chunk.length;
  }
  if (at !== length)
    throw new KinemaError('model', `${where}: the transfer ended at ${at} of ${length} bytes`);
  return out;
}
