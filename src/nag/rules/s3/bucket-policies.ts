import { Stack } from 'aws-cdk-lib';
import { CfnBucket, CfnBucketPolicy } from 'aws-cdk-lib/aws-s3';
import { NagRules } from 'cdk-nag';
import { asList, isAnyPrincipal, ResolvedStatement, resolvedStatements } from '../policy-documents';

/**
 * Resolved statements of every bucket policy in the bucket's stack that is attached to `bucket`
 * (matched by logical id or by literal bucket name).
 */
export function bucketPolicyStatements(bucket: CfnBucket): ResolvedStatement[] {
  const stack = Stack.of(bucket);
  const name = stack.resolve(bucket.bucketName);
  const refs = [NagRules.resolveResourceFromIntrinsic(bucket, bucket.ref), ...(name === undefined ? [] : [name])];
  return stack.node
    .findAll()
    .filter((c): c is CfnBucketPolicy => c instanceof CfnBucketPolicy)
    .filter((policy) => refs.includes(NagRules.resolveResourceFromIntrinsic(policy, policy.bucket)))
    .flatMap((policy) => resolvedStatements(policy, policy.policyDocument));
}

/**
 * Whether a Deny statement applies to every principal, to `actions` (or all S3 actions), on exactly
 * the bucket's `scope` (`bucket`: the bucket and all objects; `objects`: all objects), with no
 * condition keys beyond `conditionKeys`: a guard rail that no Allow can override or sidestep.
 */
export function isGuardRail(bucket: CfnBucket, statement: ResolvedStatement, actions: string[], scope: 'bucket' | 'objects', conditionKeys: string[]): boolean {
  if (statement.Effect !== 'Deny' || !isAnyPrincipal(statement.Principal)) return false;
  const stated = asList(statement.Action).map((a) => String(a).toLowerCase());
  if (!stated.some((a) => a === '*' || a === 's3:*' || actions.map((x) => x.toLowerCase()).includes(a))) return false;
  const keys = Object.values(statement.Condition ?? {}).flatMap((c) => Object.keys(c ?? {}));
  if (keys.some((k) => !conditionKeys.includes(k))) return false;
  const resources = asList(statement.Resource).map((r) => JSON.stringify(r));
  const arns = bucketArns(bucket);
  const coversObjects = resources.some((r) => arns.objects.includes(r));
  const coversBucket = resources.some((r) => arns.bucket.includes(r));
  return coversObjects && (scope === 'objects' || coversBucket);
}

/** The exact forms (as JSON) a policy uses for this bucket's ARN and its objects' ARN (`<arn>/*`). */
function bucketArns(bucket: CfnBucket): { bucket: string[]; objects: string[] } {
  const logicalId = NagRules.resolveResourceFromIntrinsic(bucket, bucket.ref);
  const getAtt = { 'Fn::GetAtt': [logicalId, 'Arn'] };
  const name = Stack.of(bucket).resolve(bucket.bucketName);
  const literal = typeof name === 'string' ? [`arn:aws:s3:::${name}`] : [];
  return {
    bucket: [getAtt, ...literal].map((r) => JSON.stringify(r)),
    objects: [{ 'Fn::Join': ['', [getAtt, '/*']] }, ...literal.map((a) => `${a}/*`)].map((r) => JSON.stringify(r)),
  };
}
