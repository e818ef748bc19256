import { perContainer } from './ecs-containers';
import { describeRootUser, isRootUser } from '../../../analysis/container-definitions';
import { defineRule } from '../../template/fortress-rule';

/** Every container of a task definition names a non-root user. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  info: 'A container of the ECS task definition runs as root (User absent, root, 0, or root/0 with a group).',
  explanation: 'A process running as root in a container can modify the image\'s binaries and, with a kernel or runtime flaw, '
    + 'escape to the host. The standard packs check the user only for host networking (ECSTaskDefinitionUserForHostMode).',
  fix: 'Set user to a non-root uid (e.g. user: \'1000\', or \'1000:1000\') that the image supports; SecureFargateTaskDefinition defaults to 1000 and refuses root.',
  evaluate: (taskDefinition) => perContainer(taskDefinition, (c) => (isRootUser(c?.User) ? `${describeRootUser(c?.User)}.` : undefined)),
});
