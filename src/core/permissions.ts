import { adminEquivalentManagedPolicy } from '../analysis';

/**
 * Actions that administer access itself: whoever holds them can grant themselves (or
 * anyone) more. Never acknowledged automatically, never declared as having no
 * resource-level permissions, never given to a service through a key policy.
 * Lower-case, exact; see {@link isEscalationAction} for the patterns (iam writes, ...).
 */
const ESCALATION_ACTIONS: ReadonlySet<string> = new Set([
  'kms:putkeypolicy', 'kms:creategrant', 'kms:schedulekeydeletion', 'kms:disablekey',
  'kms:replicatekey', 'kms:updateprimaryregion', 'kms:importkeymaterial', 'kms:deleteimportedkeymaterial',
  'kms:createkey', 'kms:retiregrant', 'kms:revokegrant',
  'sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:assumeroot',
  'lambda:addpermission', 'lambda:updatefunctioncode', 's3:putbucketpolicy', 's3:deletebucketpolicy',
  'secretsmanager:putresourcepolicy', 'sqs:addpermission', 'sns:addpermission', 'sns:settopicattributes',
  'ec2:createkeypair', 'ssm:sendcommand', 'ssm:startsession',
]);

/**
 * Whether `action` (exact, or a wildcard pattern) administers access: iam actions other than
 * reads (`Get*`, `List*`, `Generate*`, `Simulate*`), organizations and account writes, and
 * {@link ESCALATION_ACTIONS} such as kms:PutKeyPolicy, kms:CreateGrant and sts:AssumeRole. A
 * wildcard counts when it covers one of them (`kms:Put*`, `kms:Create*`, `iam:*`).
 */
export function isEscalationAction(action: string): boolean {
  const a = action.toLowerCase();
  if (a === '*') return true;
  const [service, name = ''] = a.split(':');
  if (['iam', 'organizations', 'account', 'sso', 'identitystore', 'access-analyzer'].includes(service)) {
    return !/^(get|list|generate|simulate|describe)[a-z]/.test(name);
  }
  if (!a.includes('*')) return ESCALATION_ACTIONS.has(a);
  const pattern = new RegExp(`^${a.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return [...ESCALATION_ACTIONS].some((e) => pattern.test(e));
}

/**
 * KMS actions an AWS service may be allowed on a key through its key policy: using the key
 * (cryptographic operations) and reading its metadata. Key management (kms:PutKeyPolicy,
 * kms:CreateGrant, kms:ScheduleKeyDeletion, aliases, rotation, tags, ...) stays with the stack.
 */
export const KMS_KEY_USE_ACTIONS: readonly string[] = [
  'kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:GenerateMac', 'kms:VerifyMac', 'kms:Sign', 'kms:Verify', 'kms:DescribeKey', 'kms:GetPublicKey',
];

/**
 * Common actions that DO support resource-level permissions (they take an ARN), lower-case: declaring
 * one in `noResourceLevelActions` would allow it on every resource of the account for nothing. Not
 * the Service Authorization Reference: the actions most often granted, to catch the usual mistakes.
 */
export const RESOURCE_LEVEL_ACTIONS: ReadonlySet<string> = new Set([
  's3:getobject', 's3:getobjectversion', 's3:putobject', 's3:deleteobject', 's3:deleteobjectversion', 's3:listbucket',
  's3:listbucketversions', 's3:getbucketlocation', 's3:getbucketpolicy', 's3:abortmultipartupload', 's3:getobjecttagging',
  's3:putobjecttagging', 's3:getbucketacl', 's3:putbucketacl', 's3:getencryptionconfiguration',
  'dynamodb:getitem', 'dynamodb:putitem', 'dynamodb:updateitem', 'dynamodb:deleteitem', 'dynamodb:query', 'dynamodb:scan',
  'dynamodb:batchgetitem', 'dynamodb:batchwriteitem', 'dynamodb:conditioncheckitem', 'dynamodb:describetable',
  'dynamodb:getrecords', 'dynamodb:getsharditerator', 'dynamodb:describestream',
  'sqs:sendmessage', 'sqs:receivemessage', 'sqs:deletemessage', 'sqs:changemessagevisibility', 'sqs:getqueueattributes',
  'sqs:getqueueurl', 'sqs:purgequeue', 'sns:publish', 'sns:subscribe', 'sns:gettopicattributes',
  'kms:encrypt', 'kms:decrypt', 'kms:generatedatakey', 'kms:generatedatakeywithoutplaintext', 'kms:reencryptfrom',
  'kms:reencryptto', 'kms:describekey', 'kms:sign', 'kms:verify', 'kms:getpublickey',
  'lambda:invokefunction', 'lambda:getfunction', 'secretsmanager:getsecretvalue', 'secretsmanager:describesecret',
  'secretsmanager:putsecretvalue', 'ssm:getparameter', 'ssm:getparameters', 'ssm:getparametersbypath', 'ssm:putparameter',
  'logs:createlogstream', 'logs:putlogevents', 'logs:createloggroup', 'states:startexecution', 'events:putevents',
  'kinesis:putrecord', 'kinesis:putrecords', 'kinesis:getrecords', 'kinesis:getsharditerator', 'kinesis:describestream',
  'firehose:putrecord', 'firehose:putrecordbatch', 'ecr:batchgetimage', 'ecr:getdownloadurlforlayer',
  'ecr:batchchecklayeravailability', 'cloudformation:describestacks', 'codebuild:startbuild', 'glue:getjob',
]);

/**
 * AWS managed policies that grant administrator or full access are never attached: a superset of the
 * administrator-equivalent list Fortress-IAMNoAwsManagedAdminPolicy enforces on the template.
 */
export function isAdminOrFullAccessPolicy(policyName: string): boolean {
  const name = policyName.split('/').pop()!;
  return adminEquivalentManagedPolicy(policyName) !== undefined || /^AdministratorAccess/.test(name) || ['PowerUserAccess', 'IAMFullAccess'].includes(name)
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
