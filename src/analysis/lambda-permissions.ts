import { CandidateTemplate, candidateStrings, hasUnknown, NO_VALUE } from './candidates';

/**
 * Judgments of `AWS::Lambda::Permission` properties (resource-based policy statements of a function), shared by
 * the FortressChecks rules that report them so that each permission is judged once, by one rule.
 */

/**
 * Whether a Lambda permission may be granted to everyone, FAILING CLOSED: some value `Principal` can deploy as is `*`,
 * `*.amazonaws.com` (any service) or not knowable (a parameter, an import), and no `SourceAccount`, `SourceArn` or
 * `PrincipalOrgID` narrows it in every case (the narrowing Lambda documents for `*`): a narrowing value that may be
 * empty, `*`, removed (`AWS::NoValue`) or unknowable narrows nothing. Values are expanded by {@link candidateStrings}.
 *
 * @param template the template (`Parameters`, `Mappings`, `Resources`) the permission is rendered in.
 */
export function isPublicLambdaPermission(properties: Record<string, unknown>, template: CandidateTemplate = {}): boolean {
  const principals = properties.Principal === undefined ? [NO_VALUE] : candidateStrings(properties.Principal, template);
  const everyone = principals.some((p) => p === '*' || p === '*.amazonaws.com' || hasUnknown(p));
  const narrows = (value: unknown) => value !== undefined && value !== null
    && candidateStrings(value, template).every((c) => c !== '' && c !== '*' && c !== NO_VALUE && !hasUnknown(c));
  return everyone && ![properties.SourceAccount, properties.SourceArn, properties.PrincipalOrgID].some(narrows);
}

/**
 * Whether a Lambda permission lets everyone call the function's URL without authentication: a public permission
 * ({@link isPublicLambdaPermission}) for `lambda:InvokeFunctionUrl` (or `lambda:*`, `*`) with
 * `FunctionUrlAuthType: NONE`. Such a permission is what makes an `AuthType: NONE` function URL callable by anyone
 * (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html).
 */
export function isUnauthenticatedFunctionUrlPermission(properties: Record<string, unknown>, template: CandidateTemplate = {}): boolean {
  const action = typeof properties.Action === 'string' ? properties.Action.toLowerCase() : '';
  const coversUrl = action === 'lambda:invokefunctionurl' || action === 'lambda:*' || action === '*';
  return coversUrl && properties.FunctionUrlAuthType === 'NONE' && isPublicLambdaPermission(properties, template);
}

/**
 * Whether an `AWS::Lambda::LayerVersionPermission` may share the layer version with every AWS account, FAILING CLOSED:
 * "An account ID, or * to grant layer usage permission to all accounts in an organization, or all AWS accounts (if
 * organizationId is not specified)":
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-layerversionpermission.html
 *
 * Every value `Principal` and `OrganizationId` can deploy as is expanded ({@link candidateStrings}: `Fn::Sub`,
 * `Fn::Join`, both `Fn::If` branches, a parameter's default and whatever else the deployer passes). The permission is
 * private only when every `Principal` candidate is a 12-digit account id (literal, or `AWS::AccountId`), or else when
 * every `OrganizationId` candidate is a literal `o-...` id: an absent, empty or `AWS::NoValue` organization anywhere
 * (a branch, a parameter default) counts as public.
 *
 * @param template the template (`Parameters`, `Mappings`, `Resources`) the permission is rendered in.
 */
export function isPublicLayerPermission(properties: Record<string, unknown>, template: CandidateTemplate = {}): boolean {
  return layerPermissionExposure(properties, template) !== undefined;
}

/** Why a layer permission may be public (see {@link isPublicLayerPermission}), `undefined` when it is provably not. */
export function layerPermissionExposure(properties: Record<string, unknown>, template: CandidateTemplate = {}): string | undefined {
  const principals = properties.Principal === undefined ? [NO_VALUE] : candidateStrings(properties.Principal, template);
  const others = principals.filter((p) => !ACCOUNT_ID.test(p));
  if (others.length === 0) return undefined;
  const principal = others.includes('*') ? 'Principal "*"' : `Principal ${others.slice(0, 3).map((p) => JSON.stringify(p)).join(' or ')} (not provably an account id)`;
  const orgs = properties.OrganizationId === undefined ? [NO_VALUE] : candidateStrings(properties.OrganizationId, template);
  const badOrgs = orgs.filter((o) => !ORGANIZATION_ID.test(o));
  if (badOrgs.length === 0) return undefined;
  const org = properties.OrganizationId === undefined ? 'no OrganizationId'
    : `OrganizationId that may be ${badOrgs.slice(0, 3).map((o) => (o === NO_VALUE ? 'removed (AWS::NoValue)' : JSON.stringify(o))).join(' or ')}`;
  return `${principal} with ${org}`;
}

/** A 12-digit account id, or the deploying account. */
const ACCOUNT_ID = /^(?:\d{12}|\$\{AWS::AccountId\})$/;
/** An AWS Organizations id: https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html */
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
