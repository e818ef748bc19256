import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { FortressError } from '../core/fortress-error';
import { PASS_ROLE_ONLY_SERVICES } from '../core/permissions';
import { PropChecks } from '../core/prop-checks';

/** Trust options of a LeastPrivilegeRole (see LeastPrivilegeRoleProps). */
export interface TrustOptions {
  readonly confusedDeputyProtection?: boolean;
  readonly trustSourceArn?: string;
  readonly requireMfa?: boolean;
  readonly maxMfaAge?: Duration;
  readonly externalId?: string;
}

/**
 * `assumedBy` with the trust conditions that fit its kind: confused-deputy
 * protection for service principals; MFA, MFA age and external id for
 * accounts and IAM principals. Options that do not fit the kind are refused: MFA and an
 * external id make a trust unusable for services, federated principals (only sts:AssumeRole
 * callers send them), service-linked roles, and trusts mixing services with accounts.
 */
export function conditionedTrust(path: string, scope: IConstruct, assumedBy: iam.IPrincipal, options: TrustOptions): iam.IPrincipal {
  const principal = assumedBy.policyFragment.principalJson;
  // A ServicePrincipal renders its name lazily (region-specific names): read it from the principal itself.
  const services: string[] = assumedBy instanceof iam.ServicePrincipal ? [assumedBy.service] : principal.Service ?? [];
  const aws: string[] = principal.AWS ?? [];
  const federated: string[] = principal.Federated ?? [];
  const everyone = aws.includes('*') || Object.values<unknown[]>(principal).some((values) => values.includes('*'));
  if (everyone) {
    throw FortressError.invalidProp(path, 'assumedBy', 'must name accounts, roles or services; a role trusted by every AWS principal ("*") can be assumed from any account');
  }
  const isService = services.length > 0 && aws.length === 0 && federated.length === 0;
  const conditions: Record<string, Record<string, unknown>> = {};
  const refuseAssumeRoleOptions = (why: string) => {
    for (const prop of ['requireMfa', 'maxMfaAge', 'externalId'] as const) {
      if (options[prop] !== undefined && options[prop] !== false) throw FortressError.invalidProp(path, prop, why);
    }
  };
  if (isService) {
    refuseAssumeRoleOptions('applies to accounts and IAM principals, not service principals: an AWS service never presents MFA or an external id, so the role could never be assumed');
    // Default: on, except for services that only ever assume roles passed to them (they send no source context).
    const protect = options.confusedDeputyProtection ?? !services.every((service) => PASS_ROLE_ONLY_SERVICES.has(service));
    if (protect) {
      conditions.StringEquals = { 'aws:SourceAccount': Stack.of(scope).account };
      if (options.trustSourceArn !== undefined) {
        new PropChecks(path).satisfies('trustSourceArn', options.trustSourceArn, (v) => /^arn:[^:]*:[^:]*:/.test(v), 'an ARN (pattern) such as arn:aws:events:eu-west-1:111122223333:rule/*');
        conditions.ArnLike = { 'aws:SourceArn': options.trustSourceArn };
      }
    } else if (options.trustSourceArn) {
      throw FortressError.invalidProp(path, 'trustSourceArn', 'requires confusedDeputyProtection (it is a confused-deputy condition)');
    }
    return Object.keys(conditions).length > 0 ? new iam.PrincipalWithConditions(assumedBy, conditions) : assumedBy;
  }
  if (options.trustSourceArn) throw FortressError.invalidProp(path, 'trustSourceArn', 'applies to service principals only');
  if (federated.length > 0) {
    refuseAssumeRoleOptions('applies to accounts and IAM principals, not federated (web identity, OIDC or SAML) principals: '
      + 'AssumeRoleWithWebIdentity and AssumeRoleWithSAML carry neither MFA context nor an external id, so the role could never be assumed; '
      + 'require MFA in the identity provider and condition the trust on its claims instead');
  }
  if (services.length > 0) {
    refuseAssumeRoleOptions('applies to accounts and IAM principals only, and this trust mixes them with services: the condition would bind '
      + `${services.map((x) => Stack.of(scope).resolve(x)).join(', ')} too, which never present MFA or an external id; use one role for the service and one for the accounts`);
  }
  const serviceLinked = aws.filter((a) => typeof a === 'string' && /:role\/aws-service-role\//.test(a));
  if (serviceLinked.length > 0) {
    refuseAssumeRoleOptions(`applies to people and partner accounts, not service-linked roles (${serviceLinked.join(', ')}): `
      + 'the AWS service using them never presents MFA or an external id, so the role could never be assumed');
  }
  if (options.maxMfaAge && !options.requireMfa) throw FortressError.invalidProp(path, 'maxMfaAge', 'requires requireMfa: true');
  if (options.requireMfa) {
    conditions.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
    if (options.maxMfaAge) conditions.NumericLessThan = { 'aws:MultiFactorAuthAge': options.maxMfaAge.toSeconds() };
  }
  if (options.externalId) conditions.StringEquals = { 'sts:ExternalId': options.externalId };
  return Object.keys(conditions).length > 0 ? new iam.PrincipalWithConditions(assumedBy, conditions) : assumedBy;
}

/** Actions a trust policy may allow: assuming the role, and the session options that go with it. */
const TRUST_ACTIONS = new Set([
  'sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext',
]);

/**
 * What makes a trust policy statement (as rendered, JSON) unacceptable for a LeastPrivilegeRole,
 * or `undefined` when it is acceptable: wildcard or non-sts actions, NotAction, NotPrincipal,
 * Resource or NotResource, and wildcard principals. Deny statements only ever narrow trust.
 */
export function trustStatementProblem(json: any): string | undefined {
  if (json?.Effect === 'Deny') return undefined;
  if (json?.NotAction !== undefined) return 'must not use NotAction: it allows every action except those listed';
  if (json?.NotPrincipal !== undefined) return 'must not use NotPrincipal: it trusts every principal except those listed';
  if (json?.NotResource !== undefined || json?.Resource !== undefined) return 'must not name resources (NotResource, Resource): a trust policy applies to the role itself';
  const actions: unknown[] = [json?.Action ?? []].flat();
  const wildcards = actions.filter((a) => typeof a === 'string' && a.includes('*'));
  if (wildcards.length > 0) return `must name actions, not ${wildcards.join(', ')}`;
  const other = actions.filter((a) => typeof a !== 'string' || !TRUST_ACTIONS.has(a.toLowerCase()));
  if (other.length > 0) return `must allow only sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity or sts:SetContext (not ${other.map(String).join(', ')})`;
  const principal = json?.Principal;
  const values: unknown[] = principal === undefined ? [] : typeof principal === 'string' ? [principal] : Object.values<unknown>(principal).flat();
  if (principal === undefined) return 'must name a principal';
  if (values.some((v) => typeof v === 'string' && v.includes('*'))) {
    return 'must name accounts, roles or services; a wildcard principal ("*") can be assumed from any account';
  }
  return undefined;
}
