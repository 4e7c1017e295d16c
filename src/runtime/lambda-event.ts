/**
 * What API Gateway can send that is not a request the adapter can turn into one: a missing
 * requestContext or rawPath, header, path or query text with lone surrogates (encodeURIComponent throws
 * URIError), a body flagged base64 that is not, fields of the wrong type. Such an event gets a 400 before
 * it reaches hono/aws-lambda.
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** In unicode mode a surrogate pair is one code point, so this matches lone surrogates only. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const isWellFormed = (s: string) => !LONE_SURROGATE.test(s);

/** Why the event cannot be served, or undefined when it can. */
export function malformedEvent(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return 'the event is not an object';
  const e = event as Record<string, unknown>;
  const context = e['requestContext'];
  if (typeof context !== 'object' || context === null) return 'the event has no requestContext';
  const http = (context as Record<string, unknown>)['http'];
  if (e['version'] === '2.0' && (typeof http !== 'object' || http === null)) {
    return 'the event has no requestContext.http';
  }
  if (e['version'] === '2.0' && typeof e['rawPath'] !== 'string') return 'the event has no rawPath';
  const method = (http as Record<string, unknown> | undefined)?.['method'];
  if (method !== undefined && typeof method !== 'string') return 'requestContext.http.method is not a string';
  for (const field of ['rawPath', 'rawQueryString', 'path', 'body', 'httpMethod']) {
    const v = e[field];
    if (v !== undefined && v !== null && typeof v !== 'string') return `${field} is not a string`;
    if (typeof v === 'string' && !isWellFormed(v)) return `${field} is not well-formed text`;
  }
  // every text map an adapter reads: REST (v1) and ALB events carry multi-value queries too
  const maps = ['headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters'];
  for (const field of maps) {
    const bad = badTextMap(e[field]);
    if (bad) return `${field}: ${bad}`;
  }
  if (e['cookies'] !== undefined && !wellFormedList(e['cookies'])) return 'cookies are not well-formed text';
  if (e['isBase64Encoded'] === true && typeof e['body'] === 'string') {
    const body = e['body'].replace(/\s+/g, '');
    if (body.length % 4 === 1 || !BASE64.test(body)) return 'the body is flagged base64 but is not';
  }
  return undefined;
}

// --- internal ---

function badTextMap(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return 'not an object';
  for (const [key, v] of Object.entries(value)) {
    if (!isWellFormed(key)) return 'a name is not well-formed text';
    if (Array.isArray(v) ? !wellFormedList(v) : v !== undefined && v !== null && !wellFormed(v)) {
      return `${key.slice(0, 40)} is not well-formed text`;
    }
  }
  return undefined;
}

function wellFormed(v: unknown): boolean {
  return typeof v === 'string' && isWellFormed(v);
}

function wellFormedList(v: unknown): boolean {
  return Array.isArray(v) && v.every(wellFormed);
}
