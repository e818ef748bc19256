import { defineRule, problemIf } from '../../template/fortress-rule';

/** Platform versions before 1.4.0 (Linux): without the security fixes and features of the current one. */
const OUTDATED = ['1.0.0', '1.1.0', '1.2.0', '1.3.0'];

/** Fargate services run on the latest platform version, or 1.4.0 (Security Hub ECS.10). */
export default defineRule(__filename, {
  resourceTypes: ['AWS::ECS::Service'],
  info: 'The Fargate service is pinned to a platform version before 1.4.0.',
  explanation: 'Fargate platform versions carry the kernel, container runtime and agent of the tasks: old versions miss security fixes and '
    + 'features such as encrypted ephemeral storage with a customer-managed key and ECS Exec. No standard pack checks it.',
  fix: 'Leave platformVersion unset or set FargatePlatformVersion.LATEST (SecureFargateService does).',
  evaluate: (service) => problemIf(typeof service.properties.PlatformVersion === 'string' && OUTDATED.includes(service.properties.PlatformVersion),
    `PlatformVersion is ${service.properties.PlatformVersion}.`),
});
