import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CfnSubnet } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance, NagRules } from 'cdk-nag';

/**
 * No subnet assigns public IPv4 addresses on launch: instances are reachable from the internet only through
 * a load balancer or an explicitly attached Elastic IP.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnSubnet)) return NagRuleCompliance.NOT_APPLICABLE;
    return NagRules.resolveIfPrimitive(node, node.mapPublicIpOnLaunch) === true ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
