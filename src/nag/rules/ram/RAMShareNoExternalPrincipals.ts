import { renderValue } from '../../../analysis';
import { defineRule, RuleProblem } from '../../template/fortress-rule';
import { asList } from '../../template/stack-template';

/**
 * AWS RAM resource shares stay inside the organization: `AllowExternalPrincipals` is `false`. CloudFormation's default
 * is `true` ("A value of true lets you share with individual AWS accounts that are not in your organization ... The
 * default value is true"), so a share that does not say so, or says it through a parameter, can reach any account:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ram-resourceshare.html
 * With `false`, RAM refuses principals outside the organization, so the principals listed need no separate check.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::RAM::ResourceShare'],
  info: 'The RAM resource share allows principals outside the organization.',
  explanation: 'AllowExternalPrincipals defaults to true: subnets, Transit Gateways, Route 53 resolver rules, License Manager configurations '
    + 'or private CAs shared that way can be associated with any AWS account, and the sharing survives the account leaving the organization.',
  fix: 'Set AllowExternalPrincipals: false (ram.CfnResourceShare allowExternalPrincipals: false) and share with the organization or '
    + 'OU ARNs; acknowledge on the share only for a named partner account that cannot join the organization.',
  evaluate: (r): RuleProblem[] => {
    const allow = r.properties.AllowExternalPrincipals;
    if (allow === false || (typeof allow === 'string' && allow.toLowerCase() === 'false')) return [];
    // Account ids and IAM ARNs can be outside the organization; organization and OU ARNs cannot.
    const individual = asList(r.properties.Principals).map((p) => renderValue(p) ?? JSON.stringify(p))
      .filter((p) => !/^arn:[^:]*:organizations::/.test(p));
    const setting = allow === undefined ? 'is not set (CloudFormation\'s default is true)' : `is ${JSON.stringify(allow)}`;
    return [{
      detail: `AllowExternalPrincipals ${setting}${individual.length > 0 ? `; principals that may be outside the organization: ${individual.join(', ')}` : ''}.`,
    }];
  },
});
