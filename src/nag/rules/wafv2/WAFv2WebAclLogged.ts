import { defineRule, problemIf } from '../../template/fortress-rule';
import { asList, referencedLogicalId, TemplateResource, TemplateValue } from '../../template/stack-template';

/** Whether `value` refers (by Ref or GetAtt, also inside Fn::Join and other intrinsics) to `logicalId`. */
function mentions(value: TemplateValue, logicalId: string, depth = 0): boolean {
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  if (referencedLogicalId(value) === logicalId) return true;
  return Object.values(value).some((v) => mentions(v, logicalId, depth + 1));
}

/**
 * WAFv2 web ACLs have a LoggingConfiguration with a destination in the same template. cdk-nag's
 * WAFv2LoggingEnabled (HIPAA, NIST, PCI; not AwsSolutions) matches the ACL's logical id or name anywhere in the
 * ResourceArn text and accepts a configuration without destinations.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::WAFv2::WebACL'],
  info: 'The WAF web ACL has no logging configuration with a destination.',
  explanation: 'WAF logs record every inspected request and the rule that matched it: without them, blocked attacks and '
    + 'false positives leave no evidence beyond sampled requests kept three hours.',
  fix: 'Use SecureWebAcl (logs to an encrypted aws-waf-logs- log group), or add an AWS::WAFv2::LoggingConfiguration whose ResourceArn is '
    + 'the web ACL\'s Arn and whose LogDestinationConfigs name an aws-waf-logs- destination.',
  evaluate: (acl) => {
    const logged = acl.template.ofType('AWS::WAFv2::LoggingConfiguration').some((config: TemplateResource) =>
      mentions(config.properties.ResourceArn, acl.logicalId) && asList(config.properties.LogDestinationConfigs).length > 0);
    return problemIf(!logged, 'No AWS::WAFv2::LoggingConfiguration in the template names this web ACL with a log destination.');
  },
});
