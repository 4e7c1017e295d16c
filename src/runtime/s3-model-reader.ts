/**
 * Reads a model folder from an S3 prefix for loadModel (Lambda with KINEMA_MODEL_SOURCE=s3): whole
 * objects, streamed into one buffer of their length (no second copy while the chunks are joined), and
 * ranged reads of a file opened for them (neighbour rows, columns): from its part objects when the
 * deploy wrote them (src/core/model-parts.ts), else from the whole object (an older deploy). A missing
 * object resolves null, as ReadModelFile and OpenRemoteModelFile require; a missing part, or any
 * other failure, names the object.
 */
import type { GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { KinemaError } from '../core/errors.ts';
import { limiter } from '../core/limiter.ts';
import { decodePartsIndex, partName, partsIndexName, readFromParts } from '../core/model-parts.ts';
import type { ReadModelFile } from '../core/model.ts';
import type { OpenRemoteModelFile } from '../core/neighbour-lists.ts';

type Sdk = typeof import('@aws-sdk/client-s3');

/** Ranged GETs in flight per instance (S3 serves many at once; more only queue in the socket pool). */
const RANGED_IN_FLIGHT = 16;

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

  // a role without s3:ListBucket (stacks from before the part objects) gets 403 for a missing key:
  // then there are no parts, and the whole object's HEAD below reports a real denial
  const partsIndexOf = async (name: string) => {
    try {
      return await read(partsIndexName(name));
    } catch (error) {
      const status = ((error as Error).cause as { $metadata?: { httpStatusCode?: number } } | undefined)
        ?.$metadata?.httpStatusCode;
      if (status === 403) return null;
      throw error;
    }
  };

  // one bound for the instance's ranged GETs: a column of many parts, sampled blocks, neighbour rows
  const limited = limiter(RANGED_IN_FLIGHT);
  const ranged = (key: string, offset: number, into: Uint8Array, part: boolean) =>
    limited(async () => {
      const { s3, m } = await load();
      const range = `bytes=${offset}-${offset + into.length - 1}`;
      try {
        const object = await s3.send(new m.GetObjectCommand({ Bucket: bucket, Key: key, Range: range }));
        await bodyInto(object, where(key, range), into);
      } catch (error) {
        if (part && notFound(error)) {
          throw new KinemaError(
            'model',
            `model part ${where(key)} is missing`,
            'redeploy the model with `kinema deploy`',
            { cause: error },
          );
        }
        throw error instanceof KinemaError ? error : failed(error, key, range);
      }
    });
  // under model/<content id>/, written whole before the stack points at it (src/deploy/plan.ts)
  const file = (size: number, readInto: (offset: number, into: Uint8Array) => Promise<void>) => ({
    size,
    immutable: true,
    readInto,
    async read(offset: number, length: number) {
      const out = new Uint8Array(length);
      await readInto(offset, out);
      return out;
    },
  });

  // parts when the deploy wrote them (src/core/model-parts.ts); else ranges of the whole object
  const open: OpenRemoteModelFile = async (name) => {
    const indexBytes = await partsIndexOf(name);
    if (indexBytes) {
      const index = decodePartsIndex(indexBytes, name);
      const readInto = (offset: number, into: Uint8Array) =>
        readFromParts(index, offset, into, (part, start, bytes) =>
          ranged(prefix + partName(name, part), start, bytes, true),
        );
      return { ...file(index.size, readInto), parallel: true };
    }
    const { s3, m } = await load();
    const key = prefix + name;
    let size: number;
    try {
      size = (await s3.send(new m.HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength ?? 0;
    } catch (error) {
      if (notFound(error)) return null;
      throw failed(error, key);
    }
    return file(size, (offset, into) => ranged(key, offset, into, false));
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
  await bodyInto(object, where, out);
  return out;
}

/** The body, exactly `into.length` bytes of it, copied chunk by chunk into `into`. */
async function bodyInto(object: GetObjectCommandOutput, where: string, into: Uint8Array): Promise<void> {
  const body = object.Body;
  const length = into.length;
  if (object.ContentLength !== undefined && object.ContentLength !== length) {
    throw new KinemaError('model', `${where}: got ${object.ContentLength} of ${length} bytes`);
  }
  let at = 0;
  if (body && Symbol.asyncIterator in body) {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      if (at + chunk.length > length) throw new KinemaError('model', `${where}: more than ${length} bytes`);
      into.set(chunk, at);
      at += chunk.length;
    }
  } else if (body) {
    const bytes = await body.transformToByteArray();
    if (bytes.length > length) throw new KinemaError('model', `${where}: more than ${length} bytes`);
    into.set(bytes);
    at = bytes.length;
  }
  if (at !== length)
    throw new KinemaError('model', `${where}: the transfer ended at ${at} of ${length} bytes`);
}
