import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Acknowledgments, FortressChecks, SecureCluster, SecureFargateService, SecureFargateTaskDefinition } from '../../../src';
import { suggestedConstruct } from '../../../src/baseline/construct-suggestions';
import { ruleTestStack } from '../rule-harness';

/** Construct paths violating `rule`, whatever the finding (per-container rules report `Fortress-<Rule>[<container>]`). */
function violationsOf(stack: Stack, rule: string): string[] {
  const id = `${FortressChecks.PACK_NAME}-${rule}`;
  return new FortressChecks().validateScope(stack).violations
    .filter((v) => v.ruleName === id || v.ruleName.startsWith(`${id}[`))
    .flatMap((v) => v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId ?? '<unknown>'))
    .sort();
}

/** The rule ids (with findings) reported for `rule`. */
function findingsOf(stack: Stack, rule: string): string[] {
  const id = `${FortressChecks.PACK_NAME}-${rule}`;
  return new FortressChecks().validateScope(stack).violations.map((v) => v.ruleName).filter((n) => n === id || n.startsWith(`${id}[`)).sort();
}

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');
const logging = ecs.LogDrivers.awsLogs({ streamPrefix: 'app' });

/** A plain Fargate task definition with one container of `options` (hardened unless overridden). */
function taskWith(options: Partial<ecs.ContainerDefinitionOptions> = {}) {
  const stack = ruleTestStack();
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('app', { image: IMAGE, user: '1000', readonlyRootFilesystem: true, logging, ...options });
  const cfn = taskDefinition.node.defaultChild as ecs.CfnTaskDefinition;
  return { stack, taskDefinition, cfn };
}

describe('ECSTaskDefinitionNoPrivilegedContainers', () => {
  const RULE = 'ECSTaskDefinitionNoPrivilegedContainers';

  test('Noncompliance 1: privileged: true', () => {
    expect(violationsOf(taskWith({ privileged: true }).stack, RULE)).toEqual(['RuleTest/Task/Resource']);
  });

  test('Noncompliance 2: Privileged set by an escape hatch, as the string CloudFormation accepts', () => {
    const { stack, cfn } = taskWith();
    cfn.addPropertyOverride('ContainerDefinitions.0.Privileged', 'true');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Task/Resource']);
  });

  test('Noncompliance 3: the second of two containers, on an EC2 task definition', () => {
    const stack = ruleTestStack();
    const td = new ecs.Ec2TaskDefinition(stack, 'Task');
    td.addContainer('a', { image: IMAGE, memoryLimitMiB: 256, user: '1000', readonlyRootFilesystem: true, logging });
    td.addContainer('b', { image: IMAGE, memoryLimitMiB: 256, user: '1000', readonlyRootFilesystem: true, logging, privileged: true });
    expect(findingsOf(stack, RULE)).toEqual(['Fortress-ECSTaskDefinitionNoPrivilegedContainers[b]']);
  });

  test('Compliance: privileged false or absent', () => {
    expect(violationsOf(taskWith({ privileged: false }).stack, RULE)).toEqual([]);
    expect(violationsOf(taskWith().stack, RULE)).toEqual([]);
  });
});

describe('ECSTaskDefinitionNoHostEscape', () => {
  const RULE = 'ECSTaskDefinitionNoHostEscape';

  /** An EC2 task definition (where host paths and capabilities are allowed) with one hardened container. */
  function ec2Task(options: Partial<ecs.ContainerDefinitionOptions> = {}) {
    const stack = ruleTestStack();
    const td = new ecs.Ec2TaskDefinition(stack, 'Task');
    const container = td.addContainer('app', { image: IMAGE, memoryLimitMiB: 256, user: '1000', readonlyRootFilesystem: true, logging, ...options });
    return { stack, td, container, cfn: td.node.defaultChild as ecs.CfnTaskDefinition };
  }

  test('Noncompliance: SYS_ADMIN added through the L2', () => {
    const stack = ruleTestStack();
    const linuxParameters = new ecs.LinuxParameters(stack, 'Linux');
    linuxParameters.addCapabilities(ecs.Capability.SYS_ADMIN);
    const td = new ecs.Ec2TaskDefinition(stack, 'Task');
    td.addContainer('app', { image: IMAGE, memoryLimitMiB: 256, user: '1000', readonlyRootFilesystem: true, logging, linuxParameters });
    expect(findingsOf(stack, RULE)).toEqual(['Fortress-ECSTaskDefinitionNoHostEscape[app]']);
  });

  test.each([['ALL'], ['SYS_MODULE'], ['SYS_PTRACE'], ['cap_sys_admin']])('Noncompliance: the capability %s added by an escape hatch', (capability) => {
    const { stack, cfn } = ec2Task();
    cfn.addPropertyOverride('ContainerDefinitions.0.LinuxParameters', { Capabilities: { Add: [capability] } });
    expect(findingsOf(stack, RULE)).toEqual(['Fortress-ECSTaskDefinitionNoHostEscape[app]']);
  });

  test.each([['/'], ['/var/run/docker.sock'], ['/proc/'], ['/etc']])('Noncompliance: a bind mount of the host path %s', (sourcePath) => {
    const { stack, td, container } = ec2Task();
    td.addVolume({ name: 'host', host: { sourcePath } });
    container.addMountPoints({ sourceVolume: 'host', containerPath: '/host', readOnly: true });
    expect(findingsOf(stack, RULE)).toEqual(['Fortress-ECSTaskDefinitionNoHostEscape[app]']);
  });

  test.each([['seccomp:unconfined'], ['apparmor=unconfined'], ['label:disable']])('Noncompliance: the security option %s, set by an escape hatch', (option) => {
    const { stack, cfn } = ec2Task();
    cfn.addPropertyOverride('ContainerDefinitions.0.DockerSecurityOptions', [option]);
    expect(findingsOf(stack, RULE)).toEqual(['Fortress-ECSTaskDefinitionNoHostEscape[app]']);
  });

  test('Compliance: a harmless capability, a named volume, a host data directory, no security options', () => {
    const { stack, td, container, cfn } = ec2Task();
    cfn.addPropertyOverride('ContainerDefinitions.0.LinuxParameters', { Capabilities: { Add: ['NET_BIND_SERVICE'], Drop: ['ALL'] } });
    td.addVolume({ name: 'scratch' });
    td.addVolume({ name: 'data', host: { sourcePath: '/mnt/data' } });
    container.addMountPoints({ sourceVolume: 'scratch', containerPath: '/tmp', readOnly: false }, { sourceVolume: 'data', containerPath: '/data', readOnly: true });
    expect(violationsOf(stack, RULE)).toEqual([]);
    expect(violationsOf(taskWith().stack, RULE)).toEqual([]);
  });
});

describe('ECSTaskDefinitionNonRootUser', () => {
  const RULE = 'ECSTaskDefinitionNonRootUser';

  test.each([
    ['absent', undefined],
    ['root', 'root'],
    ['ROOT in capitals', 'ROOT'],
    ['0', '0'],
    ['0:0', '0:0'],
    ['root with a group', 'root:app'],
    ['uid 0 with a non-root group', '0:1000'],
    ['00', '00'],
    ['empty', ''],
  ])('Noncompliance: user %s', (_name, user) => {
    const { stack, cfn } = taskWith();
    cfn.addPropertyOverride('ContainerDefinitions.0.User', user);
    if (user === undefined) cfn.addPropertyDeletionOverride('ContainerDefinitions.0.User');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Task/Resource']);
  });

  test.each(['1000', '1000:1000', 'app', 'nobody', '10', 'app:0'])('Compliance: user %s', (user) => {
    expect(violationsOf(taskWith({ user }).stack, RULE)).toEqual([]);
  });

  test('Compliance: acknowledged for one named container only', () => {
    const stack = ruleTestStack();
    const td = new ecs.FargateTaskDefinition(stack, 'Task');
    td.addContainer('sidecar', { image: IMAGE, readonlyRootFilesystem: true, logging });
    td.addContainer('app', { image: IMAGE, readonlyRootFilesystem: true, logging });
    Acknowledgments.acknowledge(td, 'Fortress-ECSTaskDefinitionNonRootUser[sidecar]', 'The vendor sidecar image drops all privileges itself after binding its port, verified in the image review.');
    // The finding of the other container stays.
    expect(findingsOf(stack, RULE)).toEqual(['Fortress-ECSTaskDefinitionNonRootUser[app]']);
  });
});

describe('ECSTaskDefinitionReadOnlyRootFilesystem', () => {
  const RULE = 'ECSTaskDefinitionReadOnlyRootFilesystem';

  test('Noncompliance 1: absent', () => {
    expect(violationsOf(taskWith({ readonlyRootFilesystem: undefined }).stack, RULE)).toEqual(['RuleTest/Task/Resource']);
  });

  test('Noncompliance 2: false', () => {
    expect(violationsOf(taskWith({ readonlyRootFilesystem: false }).stack, RULE)).toEqual(['RuleTest/Task/Resource']);
  });

  test('Noncompliance 3: a SecureFargateTaskDefinition turned writable by an escape hatch', () => {
    const stack = ruleTestStack();
    const td = new SecureFargateTaskDefinition(stack, 'Task');
    td.addContainer('app', { image: IMAGE });
    (td.node.defaultChild as ecs.CfnTaskDefinition).addPropertyOverride('ContainerDefinitions.0.ReadonlyRootFilesystem', false);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Task/Resource']);
  });

  test('Compliance: true, or writable with a reasoned exception for that container', () => {
    expect(violationsOf(taskWith().stack, RULE)).toEqual([]);
    const stack = ruleTestStack();
    const td = new SecureFargateTaskDefinition(stack, 'Task');
    td.addContainerWithWritableRootFilesystem('legacy', { image: IMAGE },
      'The legacy image rewrites its configuration under /etc at start-up; it is being rebuilt to read a mounted volume instead.');
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('ECSTaskDefinitionNoPlaintextSecrets', () => {
  const RULE = 'ECSTaskDefinitionNoPlaintextSecrets';

  test.each([
    ['DB_PASSWORD', 'hunter2'],
    ['api_key', 'abc'],
    ['STRIPE_APIKEY', 'abc'],
    ['GITHUB_TOKEN', 'abc'],
    ['CLIENT_SECRET', 'abc'],
    ['TLS_PRIVATE_KEY', 'abc'],
    ['AWS_ACCESS_KEY_ID', 'abc'],
    ['DB_CREDENTIALS', 'abc'],
    ['SETTING', 'AKIAIOSFODNN7EXAMPLE'],
    ['CERT', '-----BEGIN RSA PRIVATE KEY-----\nMIIE'],
    ['DB_URL', '{{resolve:secretsmanager:db:SecretString:url}}'],
  ])('Noncompliance: %s', (name, value) => {
    expect(violationsOf(taskWith({ environment: { [name]: value } }).stack, RULE)).toEqual(['RuleTest/Task/Resource']);
  });

  test('Noncompliance: added by an escape hatch', () => {
    const { stack, cfn } = taskWith();
    cfn.addPropertyOverride('ContainerDefinitions.0.Environment', [{ Name: 'PASSWORD', Value: 'x' }]);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Task/Resource']);
  });

  test('Compliance: plain configuration, and secrets passed as secrets', () => {
    const { stack, taskDefinition } = taskWith({ environment: { LOG_LEVEL: 'info', PORT: '8080', KEY_PREFIX: 'x', DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db' } });
    taskDefinition.addContainer('other', {
      image: IMAGE,
      user: '1000',
      readonlyRootFilesystem: true,
      logging,
      secrets: { DB_PASSWORD: ecs.Secret.fromSsmParameter(ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Db', { parameterName: 'db' })) },
    });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('ECSTaskDefinitionNoHostNetworking', () => {
  const RULE = 'ECSTaskDefinitionNoHostNetworking';

  test('Noncompliance 1: an EC2 task definition with host networking', () => {
    const stack = ruleTestStack();
    new ecs.Ec2TaskDefinition(stack, 'Task', { networkMode: ecs.NetworkMode.HOST })
      .addContainer('app', { image: IMAGE, memoryLimitMiB: 256, user: '1000', readonlyRootFilesystem: true, logging, privileged: true });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Task/Resource']);
  });

  test('Noncompliance 2: a Fargate task definition switched to host by an escape hatch', () => {
    const { stack, cfn } = taskWith();
    cfn.addPropertyOverride('NetworkMode', 'host');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Task/Resource']);
  });

  test('Compliance: awsvpc and bridge', () => {
    expect(violationsOf(taskWith().stack, RULE)).toEqual([]);
    const stack = ruleTestStack();
    new ecs.Ec2TaskDefinition(stack, 'Task', { networkMode: ecs.NetworkMode.BRIDGE });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('ECSTaskDefinitionNoHostNamespaceSharing', () => {
  const RULE = 'ECSTaskDefinitionNoHostNamespaceSharing';

  test('Noncompliance 1: pidMode host', () => {
    const stack = ruleTestStack();
    new ecs.Ec2TaskDefinition(stack, 'Task', { pidMode: ecs.PidMode.HOST });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Task/Resource']);
  });

  test('Noncompliance 2: ipcMode host by an escape hatch', () => {
    const { stack, cfn } = taskWith();
    cfn.addPropertyOverride('IpcMode', 'host');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Task/Resource']);
  });

  test('Compliance: task or unset', () => {
    const stack = ruleTestStack();
    new ecs.Ec2TaskDefinition(stack, 'Task', { pidMode: ecs.PidMode.TASK, ipcMode: ecs.IpcMode.TASK });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('ECSServiceNoPublicIp', () => {
  const RULE = 'ECSServiceNoPublicIp';
  const serviceWith = (assignPublicIp: boolean) => {
    const { stack, taskDefinition } = taskWith();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
    const service = new ecs.FargateService(stack, 'Service', { cluster, taskDefinition, assignPublicIp, minHealthyPercent: 100 });
    return { stack, service };
  };

  test('Noncompliance 1: assignPublicIp true', () => {
    expect(violationsOf(serviceWith(true).stack, RULE)).toEqual(['RuleTest/Service/Service']);
  });

  test('Noncompliance 2: enabled by an escape hatch', () => {
    const { stack, service } = serviceWith(false);
    (service.node.defaultChild as ecs.CfnService).addPropertyOverride('NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', 'ENABLED');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Service/Service']);
  });

  test('Compliance: assignPublicIp false', () => {
    expect(violationsOf(serviceWith(false).stack, RULE)).toEqual([]);
  });
});

describe('ECSServiceFargatePlatformVersionCurrent', () => {
  const RULE = 'ECSServiceFargatePlatformVersionCurrent';
  const serviceOn = (platformVersion?: ecs.FargatePlatformVersion) => {
    const { stack, taskDefinition } = taskWith();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const service = new ecs.FargateService(stack, 'Service', { cluster: new ecs.Cluster(stack, 'Cluster', { vpc }), taskDefinition, platformVersion, minHealthyPercent: 100 });
    return { stack, service };
  };

  test('Noncompliance 1: pinned to 1.3.0', () => {
    expect(violationsOf(serviceOn(ecs.FargatePlatformVersion.VERSION1_3).stack, RULE)).toEqual(['RuleTest/Service/Service']);
  });

  test('Noncompliance 2: a SecureFargateService pinned back by an escape hatch', () => {
    const stack = ruleTestStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const taskDefinition = new SecureFargateTaskDefinition(stack, 'Task');
    taskDefinition.addContainer('app', { image: IMAGE });
    const service = new SecureFargateService(stack, 'Service', { cluster: new SecureCluster(stack, 'Cluster', { vpc }), taskDefinition });
    (service.node.defaultChild as ecs.CfnService).addPropertyOverride('PlatformVersion', '1.0.0');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Service/Service']);
  });

  test('Compliance: LATEST, 1.4.0 or unset', () => {
    for (const version of [ecs.FargatePlatformVersion.LATEST, ecs.FargatePlatformVersion.VERSION1_4, undefined]) {
      expect(violationsOf(serviceOn(version).stack, RULE)).toEqual([]);
    }
  });
});

describe('ECSClusterExecuteCommandEncrypted', () => {
  const RULE = 'ECSClusterExecuteCommandEncrypted';

  test('Noncompliance 1: a plain cluster (no KMS key, sessions logged to the task log only)', () => {
    const stack = ruleTestStack();
    new ecs.Cluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc', { natGateways: 0 }) });
    expect(findingsOf(stack, RULE)).toEqual(['Fortress-ECSClusterExecuteCommandEncrypted[kms]', 'Fortress-ECSClusterExecuteCommandEncrypted[logging]']);
  });

  test('Noncompliance 2: a key, but logging NONE', () => {
    const stack = ruleTestStack();
    new ecs.Cluster(stack, 'Cluster', {
      vpc: new ec2.Vpc(stack, 'Vpc', { natGateways: 0 }),
      executeCommandConfiguration: { kmsKey: new kms.Key(stack, 'Key'), logging: ecs.ExecuteCommandLogging.NONE },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cluster/Resource']);
  });

  test('Noncompliance 3: OVERRIDE to a log group without encryption enforced', () => {
    const stack = ruleTestStack();
    new ecs.Cluster(stack, 'Cluster', {
      vpc: new ec2.Vpc(stack, 'Vpc', { natGateways: 0 }),
      executeCommandConfiguration: {
        kmsKey: new kms.Key(stack, 'Key'),
        logging: ecs.ExecuteCommandLogging.OVERRIDE,
        logConfiguration: { cloudWatchLogGroup: new logs.LogGroup(stack, 'Logs') },
      },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cluster/Resource']);
  });

  test('Noncompliance 4: a SecureCluster whose key is removed by an escape hatch', () => {
    const stack = ruleTestStack();
    const cluster = new SecureCluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc', { natGateways: 0 }) });
    (cluster.node.defaultChild as ecs.CfnCluster).addPropertyDeletionOverride('Configuration.ExecuteCommandConfiguration.KmsKeyId');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cluster/Resource']);
  });

  test('Compliance: SecureCluster', () => {
    const stack = ruleTestStack();
    new SecureCluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc', { natGateways: 0 }) });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('the ECS rules on SecureFargateService defaults', () => {
  test('Compliance: no ECS finding', () => {
    const stack = ruleTestStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const cluster = new SecureCluster(stack, 'Cluster', { vpc });
    const taskDefinition = new SecureFargateTaskDefinition(stack, 'Task');
    taskDefinition.addContainer('app', { image: IMAGE });
    new SecureFargateService(stack, 'Service', { cluster, taskDefinition });
    for (const rule of ['ECSTaskDefinitionNoPrivilegedContainers', 'ECSTaskDefinitionNonRootUser', 'ECSTaskDefinitionReadOnlyRootFilesystem',
      'ECSTaskDefinitionNoPlaintextSecrets', 'ECSTaskDefinitionNoHostNetworking', 'ECSTaskDefinitionNoHostNamespaceSharing', 'ECSServiceNoPublicIp',
      'ECSServiceFargatePlatformVersionCurrent', 'ECSClusterExecuteCommandEncrypted']) {
      expect([rule, violationsOf(stack, rule)]).toEqual([rule, []]);
    }
  });
});

describe('findings on plain aws-cdk-lib ECS constructs name the construct to use instead', () => {
  test.each([
    ['AwsSolutions-ECS2', 'SecureFargateTaskDefinition'],
    ['AwsSolutions-ECS7', 'SecureFargateTaskDefinition'],
    ['HIPAA.Security-ECSTaskDefinitionUserForHostMode', 'SecureFargateTaskDefinition'],
    ['Fortress-ECSTaskDefinitionNonRootUser[app]', 'SecureFargateTaskDefinition'],
    ['AwsSolutions-ECS4', 'SecureCluster'],
    ['Fortress-ECSClusterExecuteCommandEncrypted[kms]', 'SecureCluster'],
    ['Fortress-ECSServiceNoPublicIp', 'SecureFargateService'],
  ])('%s: %s', (ruleId, construct) => {
    expect(suggestedConstruct(ruleId)).toBe(construct);
  });
});
