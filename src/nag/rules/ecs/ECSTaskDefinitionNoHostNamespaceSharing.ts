import { defineRule } from '../../template/fortress-rule';

/** No task definition shares the host's process (PID) or IPC namespace (Security Hub ECS.3). */
export default defineRule(__filename, {
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  info: 'The ECS task definition shares the host\'s process (PidMode host) or IPC (IpcMode host) namespace.',
  explanation: 'Sharing the host\'s PID namespace lets containers see and signal every process of the instance; sharing its IPC namespace '
    + 'exposes the host\'s shared memory. No standard pack checks either.',
  fix: 'Remove pidMode / ipcMode host (use task, or leave them unset).',
  evaluate: (taskDefinition) => (['PidMode', 'IpcMode'] as const)
    .filter((prop) => String(taskDefinition.properties[prop] ?? '').toLowerCase() === 'host')
    .map((prop) => ({ detail: `${prop} is host.`, finding: prop === 'PidMode' ? 'pid' : 'ipc' })),
});
