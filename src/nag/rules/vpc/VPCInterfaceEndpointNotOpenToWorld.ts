import { isInternetWide } from '../../../core/cidr';
import { defineRule, problemIf } from '../../template/fortress-rule';
import { asList, referencedLogicalId, TemplateResource } from '../../template/stack-template';

/**
 * Interface VPC endpoints' security groups admit no traffic from the whole internet, inline or
 * through separate ingress resources.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::EC2::VPCEndpoint'],
  info: 'A security group of the interface VPC endpoint admits traffic from the internet.',
  explanation: 'Interface endpoints serve the VPC; their security groups should admit HTTPS from the VPC CIDR (or named security groups) only.',
  fix: 'Use SecureVpc interface endpoints, or restrict the endpoint security group\'s ingress to the VPC CIDR.',
  evaluate: (endpoint) => {
    if (endpoint.properties.VpcEndpointType !== 'Interface') return [];
    const groups = new Set(asList(endpoint.properties.SecurityGroupIds).map(referencedLogicalId).filter((id): id is string => id !== undefined));
    const opensToWorld = (rule: any) => isInternetWide(rule?.CidrIp) || isInternetWide(rule?.CidrIpv6);
    const template = endpoint.template;
    const open = [...groups].some((id) => asList(template.resource(id)?.properties.SecurityGroupIngress).some(opensToWorld))
      || template.ofType('AWS::EC2::SecurityGroupIngress').some((ingress: TemplateResource) =>
        groups.has(referencedLogicalId(ingress.properties.GroupId) ?? '') && opensToWorld(ingress.properties));
    return problemIf(open, 'An endpoint security group admits an internet-wide CIDR.');
  },
});
