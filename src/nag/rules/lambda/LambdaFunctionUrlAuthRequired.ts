import { isUnauthenticatedFunctionUrlPermission } from '../../../analysis';
import { defineRule, RuleProblem } from '../../template/fortress-rule';

/**
 * Lambda function URLs require IAM authentication: no `AWS::Lambda::Url` with `AuthType: NONE`, and no
 * `AWS::Lambda::Permission` letting everyone call a function URL with `FunctionUrlAuthType: NONE` (which is
 * what opens such a URL, also to a URL defined outside this template). Other public permissions are
 * `LambdaFunctionNotPublic`'s. No cdk-nag pack enables its `LambdaFunctionUrlAuth` rule.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::Lambda::Url', 'AWS::Lambda::Permission'],
  info: 'The Lambda function URL can be called without authentication.',
  explanation: 'A function URL with AuthType NONE is a public HTTPS endpoint: anyone on the internet runs the function with its role\'s permissions, '
    + 'with no WAF, throttling per caller or authentication in front, and every call is billed to you.',
  fix: 'Use FunctionUrlAuthType.AWS_IAM and grantInvokeUrl() to the callers (SecureFunction refuses AuthType NONE), or put the function behind API Gateway '
    + 'or CloudFront with authentication and AWS WAF. Acknowledge on the URL and its permission only for a deliberate public webhook that verifies a signature itself.',
  evaluate: (resource): RuleProblem[] => {
    const p = resource.properties;
    if (resource.type === 'AWS::Lambda::Url') {
      return p.AuthType === 'AWS_IAM' ? [] : [{ detail: `The function URL has AuthType ${JSON.stringify(p.AuthType)}, not AWS_IAM.` }];
    }
    return isUnauthenticatedFunctionUrlPermission(p, resource.template.json)
      ? [{ detail: `Permission ${JSON.stringify(p.Action)} for Principal ${JSON.stringify(p.Principal)} with FunctionUrlAuthType NONE.` }]
      : [];
  },
});
