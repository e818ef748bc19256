import { perContainer } from './ecs-containers';
import { hasReadOnlyRootFilesystem } from '../../../analysis/container-definitions';
import { defineRule } from '../../template/fortress-rule';

/** Every container of a task definition has a read-only root file system (Security Hub ECS.5). */
export default defineRule(__filename, {
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  info: 'A container of the ECS task definition has a writable root file system.',
  explanation: 'A writable root file system lets an attacker who gains code execution persist tools or change the application\'s binaries and '
    + 'configuration. No standard pack checks it.',
  fix: 'Set readonlyRootFilesystem: true and mount a volume for paths the application writes (e.g. /tmp); SecureFargateTaskDefinition '
    + 'sets it, and addContainerWithWritableRootFilesystem(id, options, reason) records a reasoned exception for one container.',
  evaluate: (taskDefinition) => perContainer(taskDefinition, (c) => (hasReadOnlyRootFilesystem(c) ? undefined : 'ReadonlyRootFilesystem is not true.')),
});
