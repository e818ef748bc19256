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
  const refs = bucketReferences(bucket);
  return stack.node
    .findAll()
    .filter((c): c is CfnBucketPolicy => c instanceof CfnBucketPolicy)
    .filter((policy) => refs.includes(NagRules.resolveResourceFromIntrinsic(policy, policy.bucket)))
    .flatMap((policy) => resolvedStatements(policy, policy.policyDocument));
}

/**
 * Whether a statement denies every S3 action to every principal on the bucket and all its objects:
 * the shape of a guard-rail statement that no Allow can override.
 */
export function deniesEverythingOnBucket(bucket: CfnBucket, statement: ResolvedStatement): boolean {
  if (statement.Effect !== 'Deny' || !isAnyPrincipal(statement.Principal)) return false;
  const actions = asList(statement.Action).map((a) => String(a).toLowerCase());
  if (!actions.includes('*') && !actions.includes('s3:*')) return false;
  const refs = bucketReferences(bucket);
  const resources = asList(statement.Resource).map((r) => JSON.stringify(r));
  const mentionsBucket = (r: string) => refs.some((ref) => ref !== undefined && r.includes(String(ref)));
  const coversBucket = resources.some((r) => mentionsBucket(r) && !r.includes('/*'));
  const coversObjects = resources.some((r) => mentionsBucket(r) && r.includes('/*'));
  return coversBucket && coversObjects;
}

/** The ways a policy can name this bucket: its logical id and, when literal, its name. */
function bucketReferences(bucket: CfnBucket): unknown[] {
  const logicalId = NagRules.resolveResourceFromIntrinsic(bucket, bucket.ref);
  const name = Stack.of(bucket).resolve(bucket.bucketName);
  return name === undefined ? [logicalId] : [logicalId, name];
}
