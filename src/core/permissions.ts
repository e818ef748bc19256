/**
 * Wildcard action families that aws-cdk-lib's L2 grants use (`bucket.grantRead`,
 * `key.grantEncrypt`, `table.grantReadData`, key administration, ...). Each is a
 * family of related actions AWS defines on one resource type; the grant scopes
 * it to the named resource. Used to acknowledge the matching `AwsSolutions-IAM5`
 * findings on LeastPrivilegeRole policies, never to allow `*` or `service:*`.
 */
export const CDK_GRANT_ACTION_FAMILIES: ReadonlySet<string> = new Set([
  // aws-s3 perms
  's3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:PutObject*', 's3:DeleteObject*', 's3:Abort*',
  // aws-kms encrypt/decrypt grants (also used by S3, DynamoDB, SQS, SNS grants)
  'kms:GenerateDataKey*', 'kms:ReEncrypt*',
  // aws-kms key administration grant
  'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*',
  'kms:Disable*', 'kms:Get*', 'kms:Delete*',
]);

/** AWS managed policies that grant administrator or full access are never attached. */
export function isAdminOrFullAccessPolicy(policyName: string): boolean {
  const name = policyName.split('/').pop()!;
  return /^AdministratorAccess/.test(name) || ['PowerUserAccess', 'IAMFullAccess'].includes(name)
    || /FullAccess(V\d+|_v\d+)?$/i.test(name) || /^job-function\/.*Administrator/.test(policyName);
}

/** `*` or `service:*`: every action, or every action of a service. */
export function isServiceWideAction(action: string): boolean {
  return action === '*' || /^[A-Za-z0-9-]+:\*$/.test(action);
}

/** Actions that pass a role to a service: `iam:PassRole` and wildcards covering it. */
export function coversPassRole(action: string): boolean {
  const pattern = new RegExp(`^${action.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return pattern.test('iam:passrole');
}

/** Metadata that marks a scope whose roles must all carry the default permissions boundary. */
export const DEFAULT_BOUNDARY_METADATA = 'cdk-fortress:default-permissions-boundary';

/** Condition keys that tie a service principal's use of a trust or key policy to this account or its resources. */
export const CONFUSED_DEPUTY_CONDITION_KEYS: readonly RegExp[] = [
  /^aws:sourceaccount$/i, /^aws:sourcearn$/i, /^aws:sourceorgid$/i, /^aws:sourceorgpaths$/i,
];

/**
 * Services that assume roles handed to them with iam:PassRole (execution roles, instance profiles, task
 * roles) and do not send aws:SourceAccount or aws:SourceArn when they do: a positive condition on a key
 * that is absent evaluates false and would stop the role from working. Only a principal allowed
 * iam:PassRole in this account can make them use the role, which already rules out confused deputies.
 */
export const PASS_ROLE_ONLY_SERVICES: ReadonlySet<string> = new Set([
  'lambda.amazonaws.com', 'edgelambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com',
]);
