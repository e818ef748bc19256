/**
 * Judgments of `AWS::Lambda::Permission` properties (resource-based policy statements of a function), shared by
 * the FortressChecks rules that report them so that each permission is judged once, by one rule.
 */

/**
 * Whether a Lambda permission is granted to everyone: `Principal` `*` (or `*.amazonaws.com`, any service) with no
 * `SourceAccount`, `SourceArn` or `PrincipalOrgID` narrowing it (the narrowing Lambda documents for `*`).
 */
export function isPublicLambdaPermission(properties: Record<string, unknown>): boolean {
  const everyone = properties.Principal === '*' || properties.Principal === '*.amazonaws.com';
  const narrowed = [properties.SourceAccount, properties.SourceArn, properties.PrincipalOrgID].some((v) => v !== undefined && v !== null && v !== '' && v !== '*');
  return everyone && !narrowed;
}

/**
 * Whether a Lambda permission lets everyone call the function's URL without authentication: a public permission
 * ({@link isPublicLambdaPermission}) for `lambda:InvokeFunctionUrl` (or `lambda:*`, `*`) with
 * `FunctionUrlAuthType: NONE`. Such a permission is what makes an `AuthType: NONE` function URL callable by anyone
 * (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html).
 */
export function isUnauthenticatedFunctionUrlPermission(properties: Record<string, unknown>): boolean {
  const action = typeof properties.Action === 'string' ? properties.Action.toLowerCase() : '';
  const coversUrl = action === 'lambda:invokefunctionurl' || action === 'lambda:*' || action === '*';
  return coversUrl && properties.FunctionUrlAuthType === 'NONE' && isPublicLambdaPermission(properties);
}

/**
 * Whether an `AWS::Lambda::LayerVersionPermission` shares the layer version with every AWS account: `Principal` `*`
 * with no `OrganizationId`. "An account ID, or * to grant layer usage permission to all accounts in an organization,
 * or all AWS accounts (if organizationId is not specified)":
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-layerversionpermission.html
 */
export function isPublicLayerPermission(properties: Record<string, unknown>): boolean {
  const org = properties.OrganizationId;
  return properties.Principal === '*' && (org === undefined || org === null || org === '' || org === '*');
}
