import { defineRule, problemIf } from '../../template/fortress-rule';

/** No subnet assigns public IPv4 addresses on launch. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::EC2::Subnet'],
  info: 'The subnet assigns public IPv4 addresses to instances on launch.',
  explanation: 'Instances should be reachable from the internet only through a load balancer or a deliberately attached Elastic IP.',
  fix: 'Use SecureVpc (mapPublicIpOnLaunch false on every tier) or set mapPublicIpOnLaunch: false on the subnet configuration.',
  evaluate: (r) => problemIf(r.properties.MapPublicIpOnLaunch === true || r.properties.MapPublicIpOnLaunch === 'true', 'MapPublicIpOnLaunch is true.'),
});
