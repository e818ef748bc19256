/**
 * Which grants amount to administrator access: everything (`*`), a whole sensitive service, or one
 * of the privilege-escalation / control actions below. Call with the actions of Allow statements.
 */
import { expandActionsDetailed, serviceActions } from './iam-actions';
import { renderValue } from './intrinsics';

/**
 * Whether a `Resource` value covers every resource an action can act on: `"*"`, a partial ARN
 * ending in a wildcard (`arn:*`, `arn:aws:*`), or an ARN whose resource part is only a wildcard,
 * with or without a resource type (`arn:aws:iam::*:role/*`, `arn:aws:kms:*:*:key/*`,
 * `arn:aws:s3:::*`), or an IAM or KMS ARN with a wildcard inside the type (`role*`, `*role/*`): for an
 * administrator-equivalent action, the same as `"*"`.
 */
export function coversEveryResource(resource: unknown): boolean {
  const rendered = renderValue(resource);
  if (rendered === undefined) return false;
  if (/^[*?]+$/.test(rendered)) return true;
  if (!rendered.startsWith('arn:')) return false;
  // Placeholders (`${AWS::Partition}`) hold colons: mask them before splitting into ARN fields.
  const fields = rendered.replace(/\$\{[^}]*\}/g, '#').split(':');
  if (fields.length < 6) return /[*?]/.test(rendered);
  const resourcePart = fields.slice(5).join(':');
  if (/^([\w.-]+[/:])?[*?]+$/.test(resourcePart)) return true;
  // IAM and KMS resources always start with a type (`role/`, `user/`, `key/`): a wildcard before the type's slash
  // (`role*`, `r*`, `*role/*`, `*`) covers every resource of the type, spelled differently.
  const wildcardAt = resourcePart.search(/[*?]/);
  return ['iam', 'kms'].includes(fields[2]) && wildcardAt >= 0 && !resourcePart.slice(0, wildcardAt).includes('/');
}

/**
 * Services whose every action together controls identity, keys, the organization, stored data or
 * secrets: granting all of one (`iam:*`, `kms:*`, `i?m:*`, ...) is administrator-equivalent.
 * - iam, sts: create or assume any identity with any permission.
 * - kms: rewrite key policies, decrypt everything the key protects, schedule deletion (data loss).
 * - organizations: detach SCPs, move or remove accounts.
 * - s3: read, overwrite or expose every object (`s3:*` on data is total data access).
 * - secretsmanager, ssm: read every secret / parameter; ssm also runs commands on managed instances.
 */
export const SENSITIVE_SERVICES: readonly string[] = ['iam', 'sts', 'kms', 'organizations', 's3', 'secretsmanager', 'ssm'];

/**
 * Actions that on their own let the holder raise its privileges, take over a key or expose data,
 * with why (lower-case names). `iam:PassRole` is listed separately: it is administrator-equivalent
 * only on `Resource: "*"` (pass any role, including an administrator role, to a service it controls).
 * Combinations that need PassRole (lambda:CreateFunction, ec2:RunInstances, ...) are covered by it.
 */
export const PRIVILEGE_ESCALATION_ACTIONS: Readonly<Record<string, string>> = {
  'iam:putrolepolicy': 'writes an inline policy granting any permission to a role',
  'iam:attachrolepolicy': 'attaches any managed policy (e.g. AdministratorAccess) to a role',
  'iam:putuserpolicy': 'writes an inline policy granting any permission to a user',
  'iam:attachuserpolicy': 'attaches any managed policy to a user',
  'iam:putgrouppolicy': 'writes an inline policy granting any permission to a group',
  'iam:attachgrouppolicy': 'attaches any managed policy to a group',
  'iam:createpolicyversion': 'rewrites a managed policy (new default version) to grant anything',
  'iam:setdefaultpolicyversion': 'switches a managed policy to an older, possibly broader, version',
  'iam:updateassumerolepolicy': 'lets any principal (also outside the account) assume a role',
  'iam:createaccesskey': 'creates long-term credentials for another user',
  'iam:createloginprofile': 'sets a console password for a user that has none',
  'iam:updateloginprofile': 'resets another user\'s console password',
  'iam:addusertogroup': 'joins a user to a group with broader permissions',
  'iam:deleterolepermissionsboundary': 'removes the permissions boundary that limits a role',
  'iam:deleteuserpermissionsboundary': 'removes the permissions boundary that limits a user',
  'iam:putrolepermissionsboundary': 'replaces a role\'s permissions boundary with a broader one',
  'iam:putuserpermissionsboundary': 'replaces a user\'s permissions boundary with a broader one',
  'kms:putkeypolicy': 'rewrites a key policy: takes the key over or locks its owners out',
  'kms:creategrant': 'grants any principal use of a key (decrypt) without a policy change',
  'kms:schedulekeydeletion': 'destroys a key and with it every piece of data it encrypts',
  's3:putbucketpolicy': 'rewrites a bucket policy, e.g. to make the bucket public',
  's3:putbucketacl': 'grants access to the bucket through ACLs',
  's3:putbucketpublicaccessblock': 'turns off S3 Block Public Access for a bucket',
  's3:putaccountpublicaccessblock': 'turns off S3 Block Public Access for the whole account',
  'secretsmanager:putresourcepolicy': 'shares a secret with any principal',
  'lambda:addpermission': 'lets any principal (also outside the account) invoke a function',
};

/** Why one pattern set is administrator-equivalent (empty when it is not). */
export function adminEquivalentReasons(actions: readonly unknown[] | undefined, resources?: readonly unknown[]): string[] {
  const patterns = (actions ?? []).filter((a): a is string => typeof a === 'string');
  const reasons: string[] = [];
  if (patterns.some((p) => /^\*+(:\*+)?$/.test(p))) return ['grants every action ("*")'];
  const granted = expandActionsDetailed(patterns).actions;
  for (const service of SENSITIVE_SERVICES) {
    const all = serviceActions(service);
    if (all.length > 0 && all.every((a) => granted.has(a))) reasons.push(`grants every ${service} action ("${service}:*")`);
  }
  for (const [action, why] of Object.entries(PRIVILEGE_ESCALATION_ACTIONS)) {
    const service = action.split(':')[0];
    if (granted.has(action) && !reasons.some((r) => r.includes(`"${service}:*"`))) reasons.push(`${action} ${why}`);
  }
  const anyResource = resources === undefined || resources.some(coversEveryResource);
  if (granted.has('iam:passrole') && anyResource) reasons.push('iam:passrole on every role ("*") passes administrator roles to services it controls');
  return reasons;
}

/**
 * Whether the action patterns (of an Allow) are administrator-equivalent: `*`, every action of a
 * sensitive service, or a privilege-escalation action; `iam:PassRole` counts when `resources` is
 * `"*"` or not given.
 */
export function isAdminEquivalent(actions: readonly unknown[] | undefined, resources?: readonly unknown[]): boolean {
  return adminEquivalentReasons(actions, resources).length > 0;
}
