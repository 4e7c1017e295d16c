/**
 * A custom domain's rules, checked before any AWS call or copy (the CLI asks first, and the plan
 * again): CloudFront only takes ACM certificates from us-east-1, so a given certificate must be there,
 * and a stack that requests its own (--hosted-zone, no --certificate-arn) must be deployed there.
 */
import { KinemaError } from '../core/errors.ts';

export const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

export interface CustomDomain {
  name: string;
  hostedZoneId?: string;
  certificateArn?: string;
}

/** The stack requests and validates a certificate itself, in the region it is deployed to. */
export function requestsCertificate(domain: CustomDomain | undefined): boolean {
  return domain !== undefined && !domain.certificateArn && Boolean(domain.hostedZoneId);
}

/** `region`: where the stack goes (undefined: none given or configured). */
export function checkDomain(domain: CustomDomain | undefined, region: string | undefined): void {
  if (!domain) return;
  const arn = domain.certificateArn;
  if (arn) {
    const arnRegion = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[\w-]+$/.exec(arn)?.[1];
    if (arnRegion === undefined) {
      throw new KinemaError(
        'bad-input',
        `--certificate-arn ${arn} is not an ACM certificate ARN`,
        'it looks like arn:aws:acm:us-east-1:123456789012:certificate/…',
      );
    }
    if (arnRegion !== CLOUDFRONT_CERTIFICATE_REGION) {
      throw new KinemaError(
        'bad-input',
        `certificate ${arn} is in ${arnRegion}, but CloudFront only uses ACM certificates from us-east-1`,
        'request or import the certificate in us-east-1, or drop --certificate-arn and let the stack request one (--hosted-zone, --region us-east-1)',
      );
    }
    return;
  }
  if (!domain.hostedZoneId) {
    throw new KinemaError(
      'bad-input',
      `custom domain ${domain.name} needs --hosted-zone or --certificate-arn`,
      'with a hosted zone the stack requests and validates a certificate',
    );
  }
  if (region !== CLOUDFRONT_CERTIFICATE_REGION) {
    throw new KinemaError(
      'bad-input',
      `the stack requests the certificate for ${domain.name} in the region it is deployed to (${region ?? 'none is set'}), but CloudFront only uses ACM certificates from us-east-1`,
      'deploy with --region us-east-1, or pass --certificate-arn of a certificate in us-east-1',
    );
  }
}
