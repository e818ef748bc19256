import { defineRule, problemIf } from '../../template/fortress-rule';
import { refersTo } from '../../template/stack-template';

/** VPCs have a flow log that captures ALL traffic, so investigations see what got in and what was tried. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::EC2::VPC'],
  info: 'The VPC has no flow log capturing ALL traffic.',
  explanation: 'A flow log of ACCEPT or REJECT traffic only misses half of an investigation: what was allowed in, or what was tried.',
  fix: 'Use SecureVpc (ALL-traffic flow logs by default) or add a flow log with trafficType ALL.',
  evaluate: (vpc) => problemIf(!vpc.template.ofType('AWS::EC2::FlowLog').some((log) => log.properties.ResourceType === 'VPC'
    && refersTo(log.properties.ResourceId, vpc.logicalId)
    && log.properties.TrafficType === 'ALL'), 'No AWS::EC2::FlowLog in the template logs ALL traffic of this VPC.'),
});
