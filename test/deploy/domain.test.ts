import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KinemaError } from '../../src/core/errors.ts';
import { checkDomain, requestsCertificate } from '../../src/deploy/domain.ts';

const ARN = (region: string) =>
  `arn:aws:acm:${region}:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789`;
const refused = (pattern: RegExp) => (error: unknown) =>
  error instanceof KinemaError && error.code === 'bad-input' && pattern.test(error.message);

test('a given certificate must be an ACM ARN in us-east-1, wherever the stack goes', () => {
  const domain = { name: 'movies.example.com', certificateArn: ARN('us-east-1') };
  for (const region of ['us-east-1', 'eu-west-1', undefined]) checkDomain(domain, region);
  assert.throws(
    () => checkDomain({ ...domain, certificateArn: ARN('eu-west-1') }, 'us-east-1'),
    refused(
      /certificate arn:aws:acm:eu-west-1:\S+ is in eu-west-1, but CloudFront only uses ACM certificates from us-east-1/,
    ),
  );
  // a hosted zone as well does not change where the given certificate must be
  assert.throws(
    () => checkDomain({ ...domain, hostedZoneId: 'Z1', certificateArn: ARN('eu-central-1') }, 'us-east-1'),
    refused(/is in eu-central-1/),
  );
  for (const bad of [
    'arn:aws:iam::123456789012:server-certificate/x',
    'us-east-1',
    'arn:aws:acm:us-east-1:1:certificate/x',
  ]) {
    assert.throws(
      () => checkDomain({ ...domain, certificateArn: bad }, 'us-east-1'),
      refused(/is not an ACM certificate ARN/),
    );
  }
});

test('a certificate the stack requests is made in its region: only us-east-1 will do', () => {
  const domain = { name: 'movies.example.com', hostedZoneId: 'Z0123' };
  assert.ok(requestsCertificate(domain));
  checkDomain(domain, 'us-east-1');
  assert.throws(
    () => checkDomain(domain, 'eu-west-1'),
    refused(
      /requests the certificate for movies\.example\.com in the region it is deployed to \(eu-west-1\)/,
    ),
  );
  assert.throws(() => checkDomain(domain, undefined), refused(/\(none is set\)/));
  assert.throws(
    () => checkDomain(domain, 'eu-west-1'),
    (error: unknown) =>
      /--region us-east-1, or pass --certificate-arn/.test((error as KinemaError).hint ?? ''),
  );
});

test('no custom domain needs nothing; a domain needs a hosted zone or a certificate', () => {
  checkDomain(undefined, 'ap-southeast-2');
  assert.ok(!requestsCertificate(undefined));
  assert.ok(
    !requestsCertificate({ name: 'm.example.com', hostedZoneId: 'Z1', certificateArn: ARN('us-east-1') }),
  );
  assert.throws(
    () => checkDomain({ name: 'm.example.com' }, 'us-east-1'),
    refused(/custom domain m\.example\.com needs --hosted-zone or --certificate-arn/),
  );
});
