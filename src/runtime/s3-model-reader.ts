/**
 * Reads a model folder from an S3 prefix for loadModel (Lambda with KINEMA_MODEL_SOURCE=s3). Resolves
 * null for a missing object, as ReadModelFile requires.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { KinemaError } from '../core/errors.ts';
import type { ReadModelFile } from '../core/model.ts';

/** The SDK is imported on first use: the Lambda runtime provides it, and bundle-mode never loads it. */
export function s3Reader(bucket: string, prefix: string, client?: S3Client): ReadModelFile {
  let sdk: Promise<{ client: S3Client; GetObject: typeof import('@aws-sdk/client-s3').GetObjectCommand }>;
  const load = () =>
    (sdk ??= import('@aws-sdk/client-s3').then((m) => ({
      client: client ?? new m.S3Client({}),
      GetObject: m.GetObjectCommand,
    })));
  return async (name) => {
    const { client: s3, GetObject } = await load();
    const key = prefix + name;
    try {
      const object = await s3.send(new GetObject({ Bucket: bucket, Key: key }));
      return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return null;
      throw new KinemaError(
        'model',
        `cannot read s3://${bucket}/${key}: ${(error as Error).message}`,
        undefined,
        {
          cause: error,
        },
      );
    }
  };
}
