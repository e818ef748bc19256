import { bucketPolicyStatements, isGuardRail } from './bucket-policies';
import { defineRule, problemIf } from '../../template/fortress-rule';
import { asList } from '../../template/stack-template';

/** Lowest TLS version the bucket may accept. */
const MINIMUM_TLS = 1.2;

/**
 * S3 bucket policies deny requests made with TLS below 1.2 (`NumericLessThan s3:TlsVersion 1.2`),
 * not only requests without TLS.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The S3 bucket policy does not deny requests that use TLS below 1.2.',
  explanation: 'Requiring HTTPS (aws:SecureTransport) still admits TLS 1.0 and 1.1, which have known weaknesses.',
  fix: 'Use EncryptedBucket, or set enforceSSL: true with minimumTLSVersion: 1.2 (a Deny on s3:* for every principal with NumericLessThan s3:TlsVersion 1.2 on the bucket and its objects).',
  evaluate: (bucket) => problemIf(!bucketPolicyStatements(bucket).some(
    (s) => isGuardRail(bucket, s, [], 'bucket', ['s3:TlsVersion']) && deniesTlsBelow(s.Condition?.NumericLessThan?.['s3:TlsVersion']),
  ), 'No bucket policy statement denies TLS below 1.2 for every principal on the bucket and its objects.'),
});

/** A `NumericLessThan` threshold at or above 1.2 denies everything below 1.2. */
function deniesTlsBelow(threshold: unknown): boolean {
  const values = asList(threshold).map(Number);
  return values.length > 0 && values.every((v) => Number.isFinite(v) && v >= MINIMUM_TLS);
}
