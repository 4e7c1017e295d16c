/** API Gateway events for tests of the Lambda handler. */
import type { LambdaEvent } from 'hono/aws-lambda';

/** An API Gateway HTTP API (payload 2.0) event, as CloudFront → API Gateway delivers it. */
export function apiEvent(path: string, query = '', headers: Record<string, string> = {}, method = 'GET') {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers: { host: 'abc123.execute-api.us-east-1.amazonaws.com', accept: 'application/json', ...headers },
    body: null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authentication: null,
      authorizer: {},
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '25/Nov/2026:07:00:00 +0000',
      timeEpoch: 1795590000000,
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
    },
  } satisfies LambdaEvent;
}
