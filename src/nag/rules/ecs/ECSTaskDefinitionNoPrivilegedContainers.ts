import { perContainer } from './ecs-containers';
import { isPrivileged } from '../../../analysis/container-definitions';
import { defineRule } from '../../template/fortress-rule';

/** No container of a task definition runs privileged (Security Hub ECS.4). */
export default defineRule(__filename, {
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  info: 'A container of the ECS task definition runs in privileged mode.',
  explanation: 'A privileged container has every capability of its host: a compromise of the container is a compromise of the instance '
    + 'and of every other task on it. Fargate refuses privileged containers; EC2 tasks run them. AwsSolutions and the other packs only '
    + 'check privileged mode for host networking.',
  fix: 'Remove privileged: true; use SecureFargateTaskDefinition, which refuses it. Add single Linux capabilities instead, if one is really needed.',
  evaluate: (taskDefinition) => perContainer(taskDefinition, (c) => (isPrivileged(c) ? 'Privileged is true.' : undefined)),
});
