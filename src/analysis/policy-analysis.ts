/**
 * Judgments over one policy statement: public access, wildcards, iam:PassRole.
 */
import { adminEquivalentReasons } from './admin-actions';
import { isInternetWideCidrs, parseCidr } from './cidr';
import { arnValue, describeCondition, exactValue, findNarrowing, NarrowingRule, POSITIVE_STRING_OPERATORS, prefixedValue } from './conditions';
import { Finding, finding } from './findings';
import { expandActionsDetailed, matchesAny } from './iam-actions';
import { fixedPrefix, hasWildcard, renderValue } from './intrinsics';
import { isEveryone, NormalizedStatement, normalizePolicy, toStatement } from './policy-statements';

export { principalAccounts, isCrossAccount } from './principals';

const EXACT: NarrowingRule = { operators: ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike'], value: exactValue };
const ARN: NarrowingRule = { operators: POSITIVE_STRING_OPERATORS, value: arnValue };
const USERID: NarrowingRule = {
  operators: ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike'],
  // S3: "a fixed value of aws:userid outside the pattern AROLEID:*": the unique id before ':' must be fixed.
  value: (v) => (!hasWildcard(v) || /^[^:*?]+:/.test(fixedPrefix(v)) ? undefined : `"${v}" does not fix the principal's unique id`),
};
const SOURCE_IP: NarrowingRule = {
  operators: ['IpAddress'],
  value: (v) => (v.startsWith('${') || parseCidr(v) ? undefined : `"${v}" is not a CIDR block`),
  all: (values) => (isInternetWideCidrs(values) ? 'the ranges cover most of the internet' : undefined),
};

/**
 * Condition keys that make a statement with `Principal: "*"` non-public, after the definition of
 * "public" that S3 Block Public Access applies (a policy is non-public when it grants only to fixed
 * principals or under fixed values of these keys, or to a set of CIDRs with aws:SourceIp):
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 * (also reproduced in the SDK reference: https://docs.aws.amazon.com/sdkfornet/v3/apidocs/items/S3/TPublicAccessBlockConfiguration.html).
 * kms:CallerAccount is KMS's own equivalent of aws:PrincipalAccount in key policies.
 * Not included (not in that definition): aws:SourceOrgID, aws:PrincipalOrgPaths, s3:DataAccessPointAccount,
 * s3:x-amz-server-side-encryption-aws-kms-key-id (does not restrict who).
 */
export const PUBLIC_NARROWING_KEYS: Readonly<Record<string, NarrowingRule>> = {
  'aws:principalaccount': EXACT,
  'aws:principalorgid': EXACT,
  'aws:principalarn': ARN,
  'aws:sourceaccount': EXACT,
  'aws:sourcearn': ARN,
  'aws:sourcevpc': EXACT,
  'aws:sourcevpce': EXACT,
  'aws:sourceowner': EXACT,
  'aws:userid': USERID,
  'aws:sourceip': SOURCE_IP,
  'kms:calleraccount': EXACT,
};

/** Whether a statement is public, and why. */
export interface PublicVerdict {
  readonly public: boolean;
  readonly reason: string;
}

function isAllow(s: NormalizedStatement): boolean {
  return s.effect === 'Allow';
}

/**
 * Whether a statement allows anyone: an Allow whose principal is `*` / `{"AWS": "*"}`, or any
 * `NotPrincipal`, that no condition narrows (see PUBLIC_NARROWING_KEYS and `conditions.ts`).
 */
export function isPublicStatement(statement: unknown): PublicVerdict {
  const s = toStatement(statement);
  if (!isAllow(s)) return { public: false, reason: `Effect is ${s.effect}, which grants nothing` };
  let who: string;
  if (s.notPrincipals !== undefined) who = 'NotPrincipal in an Allow admits every principal except those named';
  else if ((s.principals ?? []).some(isEveryone)) who = 'Principal "*" admits every principal, in any account or none';
  else return { public: false, reason: s.principals ? 'names specific principals' : 'has no Principal (identity-based policy)' };
  const { narrowing, rejected } = findNarrowing(s, PUBLIC_NARROWING_KEYS);
  if (narrowing) {
    const values = narrowing.values.map((v) => JSON.stringify(renderValue(v))).join(', ');
    return { public: false, reason: `${who}, but ${describeCondition(narrowing)} narrows it to ${values}` };
  }
  const fix = 'narrow it with a fixed aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalArn, aws:SourceAccount, aws:SourceArn, aws:SourceVpce or similar condition (StringEquals, no IfExists), or name the principals';
  const tail = rejected.length > 0 ? `; conditions that do not narrow: ${rejected.join('; ')}` : '; no condition narrows it';
  return { public: true, reason: `${who}${tail}; ${fix}` };
}

/**
 * Wildcard findings for an Allow: NotAction / NotResource (errors), `*` and administrator-equivalent
 * patterns (errors), other action wildcards with their expansion and `Resource: "*"` (warnings),
 * patterns matching no known action (warnings).
 */
export function wildcardFindings(statement: unknown): Finding[] {
  const s = toStatement(statement);
  if (!isAllow(s)) return [];
  const out: Finding[] = [];
  if (s.notActions) {
    out.push(finding('WILDCARD_NOT_ACTION', 'error', 'Allow with NotAction grants every action except those listed, including actions AWS adds later; list the actions to allow in Action instead.'));
  }
  if (s.notResources) {
    out.push(finding('WILDCARD_NOT_RESOURCE', 'error', 'Allow with NotResource grants access to every resource except those listed; list the resources in Resource instead.'));
  }
  for (const pattern of s.actions ?? []) {
    if (typeof pattern !== 'string') continue;
    const { actions, unmatched } = expandActionsDetailed([pattern]);
    if (unmatched.length > 0) {
      out.push(finding('ACTION_UNKNOWN', 'warning', `Action "${pattern}" matches no action AWS documents; check the spelling and the service prefix.`));
      continue;
    }
    if (!/[*?]/.test(pattern)) continue;
    const admin = adminEquivalentReasons([pattern], s.resources);
    if (/^\*+(:\*+)?$/.test(pattern)) {
      out.push(finding('WILDCARD_ACTION_ALL', 'error', 'Action "*" grants every action of every service (administrator access); name the actions needed.'));
    } else if (admin.length > 0) {
      out.push(finding('WILDCARD_ACTION_ADMIN', 'error', `Action "${pattern}" is administrator-equivalent: ${admin.join('; ')}. Name the actions needed.`));
    } else {
      const sample = [...actions].slice(0, 5).join(', ');
      out.push(finding('WILDCARD_ACTION', 'warning', `Action "${pattern}" expands to ${actions.size} actions (${sample}${actions.size > 5 ? ', ...' : ''}), including any AWS adds later; name the actions needed.`));
    }
  }
  if ((s.resources ?? []).some((r) => r === '*')) {
    out.push(finding('WILDCARD_RESOURCE', 'warning', 'Resource "*" applies to every resource of the granted actions; name the resources (ARNs), or acknowledge it where the actions support no resource-level permissions.'));
  }
  return out;
}

const PASSED_TO_SERVICE: Readonly<Record<string, NarrowingRule>> = {
  'iam:passedtoservice': { operators: ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike'], value: prefixedValue },
};

/** Whether an Allow statement grants iam:PassRole (any spelling or wildcard that matches it, or a NotAction that does not exclude it). */
export function grantsPassRole(statement: unknown): boolean {
  const s = toStatement(statement);
  if (!isAllow(s)) return false;
  if (s.notActions) return !matchesAny(s.notActions, 'iam:PassRole');
  return matchesAny(s.actions, 'iam:PassRole');
}

/**
 * iam:PassRole findings: on `Resource: "*"` / NotResource (error: any role, including administrator
 * roles, can be handed to a service), on role wildcards (warning), and without an
 * `iam:PassedToService` condition with fixed values (error).
 */
export function passRoleFindings(statement: unknown): Finding[] {
  const s = toStatement(statement);
  if (!grantsPassRole(s)) return [];
  const out: Finding[] = [];
  const resources = s.resources ?? [];
  if (s.notResources || resources.some((r) => r === '*')) {
    out.push(finding('PASSROLE_ANY_ROLE', 'error', 'iam:PassRole on every role lets the holder hand any role, including administrator roles, to a service it controls; name the role ARNs.'));
  } else {
    const wide = resources.filter((r) => hasWildcard(r));
    if (wide.length > 0) {
      out.push(finding('PASSROLE_WILDCARD_ROLE', 'warning', `iam:PassRole on role patterns ${wide.map((r) => JSON.stringify(renderValue(r))).join(', ')} covers roles created later; name the role ARNs.`));
    }
  }
  const { narrowing, rejected } = findNarrowing(s, PASSED_TO_SERVICE);
  if (!narrowing) {
    const why = rejected.length > 0 ? ` (${rejected.join('; ')})` : '';
    out.push(finding('PASSROLE_NO_SERVICE_CONDITION', 'error', `iam:PassRole without an iam:PassedToService condition lets the role be passed to any service${why}; add StringEquals {"iam:PassedToService": "<service>.amazonaws.com"}.`));
  }
  return out;
}

/** Every statement-level finding of a policy document (public access as error, wildcards, PassRole). */
export function policyFindings(document: unknown): Finding[] {
  const out: Finding[] = [];
  for (const s of normalizePolicy(document)) {
    const pub = isPublicStatement(s);
    if (pub.public) out.push(finding('PUBLIC_STATEMENT', 'error', `${s.sid ? `Statement ${s.sid}: ` : ''}${pub.reason}.`));
    out.push(...wildcardFindings(s), ...passRoleFindings(s));
  }
  return out;
}
