/** JSON request bodies for the POST routes: a size bound, the content type, an object at the top. */
import { bodyLimit } from 'hono/body-limit';
import { KinemaError } from '../../core/errors.ts';
import { formatBytes } from '../../core/format-bytes.ts';

/** Refuses a body over `maxSize` bytes before it is read. */
export function jsonBodyLimit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new KinemaError('bad-input', `request body is larger than ${formatBytes(maxSize)}`);
    },
  });
}

export async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  if (!request.headers.get('content-type')?.includes('application/json')) {
    throw new KinemaError('bad-input', 'expected a JSON body (Content-Type: application/json)');
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new KinemaError('bad-input', 'request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new KinemaError('bad-input', 'request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}
