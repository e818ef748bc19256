import { isPublicLambdaPermission, isUnauthenticatedFunctionUrlPermission } from '../../../analysis';
import { defineRule, RuleProblem } from '../../template/fortress-rule';

/**
 * Lambda functions are not invocable by everyone: no `AWS::Lambda::Permission` for Principal `*`
 * without a source account, source ARN or organization, failing closed on values the template cannot decide
 * (`isPublicLambdaPermission`). Function URLs without authentication (the URL and its
 * `FunctionUrlAuthType: NONE` permission) are `LambdaFunctionUrlAuthRequired`'s, judged there only.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::Lambda::Permission'],
  info: 'The Lambda function can be invoked by anyone.',
  explanation: 'A public function runs with its role\'s permissions for every caller on the internet, and every invocation is billed to you.',
  fix: 'Name the principal and set sourceAccount/sourceArn (or principalOrgId); put public HTTP endpoints behind API Gateway or CloudFront with authentication and AWS WAF. Acknowledge on the permission only for a deliberate public webhook.',
  evaluate: (resource): RuleProblem[] => {
    const p = resource.properties;
    if (isUnauthenticatedFunctionUrlPermission(p, resource.template.json)) return [];
    return isPublicLambdaPermission(p, resource.template.json) ? [{ detail: `Principal ${JSON.stringify(p.Principal)} with no SourceAccount, SourceArn or PrincipalOrgID.` }] : [];
  },
});
