import { asList, canonical, isAnyPrincipal, statementsOf, TemplateStatement } from '../../template/policy-document';
import { refersTo, TemplateResource } from '../../template/stack-template';

/**
 * Statements of every `AWS::S3::BucketPolicy` in the bucket's template attached to `bucket`
 * (by `Ref`, or by the bucket's literal name). A policy in another stack is not seen: such a
 * policy is judged where it is defined, by the rules on bucket policies.
 */
export function bucketPolicyStatements(bucket: TemplateResource): TemplateStatement[] {
  const names = typeof bucket.properties.BucketName === 'string' ? [bucket.properties.BucketName] : [];
  return bucket.template.ofType('AWS::S3::BucketPolicy')
    .filter((policy) => refersTo(policy.properties.Bucket, bucket.logicalId, names))
    .flatMap((policy) => statementsOf(policy.properties.PolicyDocument));
}

/**
 * Whether a Deny statement applies to every principal, to `actions` (or all S3 actions), on exactly
 * the bucket's `scope` (`bucket`: the bucket and all objects; `objects`: all objects), with no
 * condition keys beyond `conditionKeys`: a guard rail that no Allow can override or sidestep.
 */
export function isGuardRail(bucket: TemplateResource, statement: TemplateStatement, actions: string[], scope: 'bucket' | 'objects', conditionKeys: string[]): boolean {
  if (statement.Effect !== 'Deny' || !isAnyPrincipal(statement.Principal) || statement.NotAction !== undefined) return false;
  const stated = asList(statement.Action).map((a) => String(a).toLowerCase());
  if (!stated.some((a) => a === '*' || a === 's3:*' || actions.map((x) => x.toLowerCase()).includes(a))) return false;
  const keys = Object.values(statement.Condition ?? {}).flatMap((c) => Object.keys(c ?? {}));
  if (keys.some((k) => !conditionKeys.includes(k))) return false;
  const resources = asList(statement.Resource).map(canonical);
  const arns = bucketArns(bucket);
  const coversObjects = resources.some((r) => arns.objects.includes(r));
  const coversBucket = resources.some((r) => arns.bucket.includes(r));
  return coversObjects && (scope === 'objects' || coversBucket);
}

/** The exact forms (canonical JSON) a policy uses for this bucket's ARN and its objects' ARN (`<arn>/*`). */
function bucketArns(bucket: TemplateResource): { bucket: string[]; objects: string[] } {
  const getAtt = { 'Fn::GetAtt': [bucket.logicalId, 'Arn'] };
  const name = bucket.properties.BucketName;
  const literal = typeof name === 'string' ? [`arn:aws:s3:::${name}`] : [];
  return {
    bucket: [getAtt, ...literal].map(canonical),
    objects: [{ 'Fn::Join': ['', [getAtt, '/*']] }, ...literal.map((a) => `${a}/*`)].map(canonical),
  };
}
