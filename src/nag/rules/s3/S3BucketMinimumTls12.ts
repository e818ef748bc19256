import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { asList } from '../policy-documents';
import { bucketPolicyStatements, isGuardRail } from './bucket-policies';

/** Lowest TLS version the bucket may accept. */
const MINIMUM_TLS = 1.2;

/**
 * S3 bucket policies deny requests made with TLS below 1.2 (`NumericLessThan s3:TlsVersion 1.2`),
 * not only requests without TLS.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const denied = bucketPolicyStatements(node).some(
      (s) => isGuardRail(node, s, [], 'bucket', ['s3:TlsVersion']) && deniesTlsBelow(s.Condition?.NumericLessThan?.['s3:TlsVersion']),
    );
    return denied ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

/** A `NumericLessThan` threshold at or above 1.2 denies everything below 1.2. */
function deniesTlsBelow(threshold: unknown): boolean {
  const values = asList(threshold).map(Number);
  return values.length > 0 && values.every((v) => Number.isFinite(v) && v >= MINIMUM_TLS);
}
