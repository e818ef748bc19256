import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { FortressError } from '../core/fortress-error';
import { PASS_ROLE_ONLY_SERVICES } from '../core/permissions';

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
 * accounts and IAM principals. Options that do not fit the kind are refused.
 */
export function conditionedTrust(path: string, scope: IConstruct, assumedBy: iam.IPrincipal, options: TrustOptions): iam.IPrincipal {
  const principal = assumedBy.policyFragment.principalJson;
  // A ServicePrincipal renders its name lazily (region-specific names): read it from the principal itself.
  const services: string[] = assumedBy instanceof iam.ServicePrincipal ? [assumedBy.service] : principal.Service ?? [];
  const aws = principal.AWS ?? [];
  const everyone = aws.includes('*') || Object.values<unknown[]>(principal).some((values) => values.includes('*'));
  if (everyone) {
    throw FortressError.invalidProp(path, 'assumedBy', 'must name accounts, roles or services; a role trusted by every AWS principal ("*") can be assumed from any account');
  }
  const isService = services.length > 0 && aws.length === 0;
  const conditions: Record<string, Record<string, unknown>> = {};
  if (isService) {
    for (const prop of ['requireMfa', 'maxMfaAge', 'externalId'] as const) {
      if (options[prop] !== undefined) throw FortressError.invalidProp(path, prop, 'applies to accounts and IAM principals, not service principals');
    }
    // Default: on, except for services that only ever assume roles passed to them (they send no source context).
    const protect = options.confusedDeputyProtection ?? !services.every((service) => PASS_ROLE_ONLY_SERVICES.has(service));
    if (protect) {
      conditions.StringEquals = { 'aws:SourceAccount': Stack.of(scope).account };
      if (options.trustSourceArn) conditions.ArnLike = { 'aws:SourceArn': options.trustSourceArn };
    } else if (options.trustSourceArn) {
      throw FortressError.invalidProp(path, 'trustSourceArn', 'requires confusedDeputyProtection (it is a confused-deputy condition)');
    }
  } else {
    if (options.trustSourceArn) throw FortressError.invalidProp(path, 'trustSourceArn', 'applies to service principals only');
    if (options.maxMfaAge && !options.requireMfa) throw FortressError.invalidProp(path, 'maxMfaAge', 'requires requireMfa: true');
    if (options.requireMfa) {
      conditions.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
      if (options.maxMfaAge) conditions.NumericLessThan = { 'aws:MultiFactorAuthAge': options.maxMfaAge.toSeconds() };
    }
    if (options.externalId) conditions.StringEquals = { 'sts:ExternalId': options.externalId };
  }
  return Object.keys(conditions).length > 0 ? new iam.PrincipalWithConditions(assumedBy, conditions) : assumedBy;
}
