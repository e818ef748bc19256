import { defineRule, problemIf } from '../../template/fortress-rule';

/** No task definition uses the host network mode. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  info: 'The ECS task definition uses the host network mode.',
  explanation: 'With host networking, containers share the instance\'s network stack: they can bind any host port, reach the instance metadata '
    + 'service and see other tasks\' traffic, and no task-level security group applies. The standard packs only check the user and '
    + 'privileged flag of host-mode containers; awsvpc gives every task its own network interface and security group.',
  fix: 'Use networkMode awsvpc (Fargate always does: SecureFargateTaskDefinition / ecs.FargateTaskDefinition).',
  evaluate: (taskDefinition) => problemIf(String(taskDefinition.properties.NetworkMode ?? '').toLowerCase() === 'host', 'NetworkMode is host.'),
});
