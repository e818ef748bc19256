import { defineRule, problemIf } from '../../template/fortress-rule';

/** No ECS service assigns public IP addresses to its tasks (Security Hub ECS.2). */
export default defineRule(__filename, {
  resourceTypes: ['AWS::ECS::Service'],
  info: 'The ECS service assigns public IP addresses to its tasks.',
  explanation: 'A task with a public IP address is reachable from the internet as far as its security group allows, bypassing the load '
    + 'balancer (and its WAF, TLS policy and access logs). No standard pack checks it.',
  fix: 'Set assignPublicIp: false and place the tasks in private subnets (SecureFargateService does), reaching the internet through a load balancer.',
  evaluate: (service) => {
    const assign = service.properties.NetworkConfiguration?.AwsvpcConfiguration?.AssignPublicIp;
    return problemIf(typeof assign === 'string' && assign.toUpperCase() === 'ENABLED', 'AwsvpcConfiguration.AssignPublicIp is ENABLED.');
  },
});
