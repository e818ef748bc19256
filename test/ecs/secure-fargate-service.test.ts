import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import * as fc from 'fast-check';
import {
  AccessLogsBucket, Acknowledgments, FortressErrors, LeastPrivilegeRole, RestrictedSecurityGroup, SecureCluster, SecureFargateService,
  SecureFargateTaskDefinition, SecureLogGroup, SecureVpc,
} from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');
const logicalId = (stack: Stack, c: { node: { defaultChild?: any } }) => stack.getLogicalId(c.node.defaultChild);
/** Acknowledgments outside the VPC and the shared access-log bucket (asserted in their own tests). */
const ownAcknowledgments = (acks: Array<{ constructPath: string; ruleId: string }>) => acks
  .filter((a) => !a.constructPath.startsWith('Stack/Vpc') && !a.constructPath.startsWith('Stack/FortressAccessLogs'))
  .map((a) => `${a.constructPath} ${a.ruleId}`);

/** The acknowledgments a SecureFargateService with a SecureFargateTaskDefinition pulling from ECR makes (documented in the README). */
const DEFAULT_ACKNOWLEDGMENTS = [
  'Stack/Task/ExecutionRole/Permissions1 AwsSolutions-IAM5[Resource::*]',
];

/** A cluster in a SecureVpc (one AZ, private subnets behind one NAT gateway). */
function clusterIn(stack: Stack): SecureCluster {
  return new SecureCluster(stack, 'Cluster', { vpc: new SecureVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }) });
}

/** A SecureFargateTaskDefinition with one container pulling from an ECR repository. */
function taskIn(stack: Stack, options: Partial<ecs.ContainerDefinitionOptions> = {}): SecureFargateTaskDefinition {
  const taskDefinition = new SecureFargateTaskDefinition(stack, 'Task');
  const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'web');
  taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromEcrRepository(repository, 'v1'), portMappings: [{ containerPort: 8080 }], ...options });
  return taskDefinition;
}

describe('SecureFargateTaskDefinition', () => {
  test('GIVEN addContainer with an image only THEN read-only root, user 1000, awslogs to its SecureLogGroup', () => {
    const stack = propertyTestStack();
    const taskDefinition = taskIn(stack);
    expect(taskDefinition.logGroup).toBeInstanceOf(SecureLogGroup);
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      ContainerDefinitions: [Match.objectLike({
        Name: 'app',
        ReadonlyRootFilesystem: true,
        User: '1000',
        Privileged: Match.absent(),
        Environment: Match.absent(),
        LogConfiguration: { LogDriver: 'awslogs', Options: Match.objectLike({ 'awslogs-group': { Ref: logicalId(stack, taskDefinition.logGroup as SecureLogGroup) }, 'awslogs-stream-prefix': 'app' }) },
      })],
    });
  });

  test('GIVEN defaults THEN task and execution roles are LeastPrivilegeRoles without AWS managed policies', () => {
    const stack = propertyTestStack();
    const taskDefinition = taskIn(stack);
    expect(taskDefinition.taskRole).toBeInstanceOf(LeastPrivilegeRole);
    expect(taskDefinition.executionRole).toBeInstanceOf(LeastPrivilegeRole);
    expect(taskDefinition.taskRole.node.path).toBe('Stack/Task/TaskRole');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 2);
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    template.resourcePropertiesCountIs('AWS::IAM::Policy', {}, 0);
  });

  test('GIVEN an ECR image THEN the execution role may pull from that repository only, and write to its log group only', () => {
    const stack = propertyTestStack();
    const taskDefinition = taskIn(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: logicalId(stack, taskDefinition.executionRole as iam.Role) }],
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecr:eu-west-1:111122223333:repository/web']] } },
          { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
          { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logicalId(stack, taskDefinition.logGroup as SecureLogGroup), 'Arn'] } },
        ],
      },
    });
  });

  test('GIVEN a Secrets Manager secret THEN it is passed as a secret and readable by the execution role only', () => {
    const stack = propertyTestStack();
    const secret = new secretsmanager.Secret(stack, 'Db');
    taskIn(stack, { secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secret) }, environment: { LOG_LEVEL: 'info' } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        Secrets: [{ Name: 'DB_PASSWORD', ValueFrom: { Ref: logicalId(stack, secret) } }],
        Environment: [{ Name: 'LOG_LEVEL', Value: 'info' }],
      })],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: logicalId(stack, secret) } }]) },
    });
  });

  test('GIVEN addContainerWithWritableRootFilesystem THEN writable for that container only, acknowledged with the reason', () => {
    const stack = propertyTestStack();
    const taskDefinition = taskIn(stack);
    taskDefinition.addContainerWithWritableRootFilesystem('legacy', { image: IMAGE },
      'The legacy image rewrites its configuration under /etc at start-up; it is being rebuilt to read a mounted volume instead.');
    const containers = Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition');
    const definitions = Object.values(containers)[0].Properties.ContainerDefinitions;
    expect(definitions.map((c: any) => [c.Name, c.ReadonlyRootFilesystem])).toEqual([['app', true], ['legacy', false]]);
    expect(Acknowledgments.list(taskDefinition).map((a) => `${a.constructPath} ${a.ruleId}`))
      .toContain('Stack/Task Fortress-ECSTaskDefinitionReadOnlyRootFilesystem[legacy]');
  });

  test('GIVEN a container added around addContainer, a secret added with addEnvironment, or an escape hatch, THEN synthesis fails with the library error', () => {
    const stack = propertyTestStack();
    const taskDefinition = taskIn(stack);
    new ecs.ContainerDefinition(stack, 'Sneaky', { taskDefinition, image: IMAGE, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 's' }) });
    expect(() => Template.fromStack(stack)).toThrow(/\[cdk-fortress\] Stack\/Task: invalid 'container Sneaky': must be hardened: User is not set/);

    const third = propertyTestStack();
    taskIn(third).defaultContainer!.addEnvironment('DB_PASSWORD', 'hunter2');
    expect(() => Template.fromStack(third)).toThrow(/invalid 'container app': must be hardened: plain environment variable DB_PASSWORD/);

    const other = propertyTestStack();
    const td = taskIn(other);
    (td.node.defaultChild as ecs.CfnTaskDefinition).addPropertyOverride('ContainerDefinitions.0.User', '0');
    expect(() => Template.fromStack(other)).toThrow(/invalid 'container app': must be hardened: User "0" is root/);
  });
});

describe('SecureFargateService', () => {
  test('GIVEN { cluster, taskDefinition } THEN private subnets, no public IP, latest platform, circuit breaker with rollback, no ECS Exec', () => {
    const stack = propertyTestStack();
    const cluster = clusterIn(stack);
    const service = new SecureFargateService(stack, 'Web', { cluster, taskDefinition: taskIn(stack) });
    const vpc = cluster.vpc;
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      PlatformVersion: 'LATEST',
      EnableExecuteCommand: false,
      DesiredCount: 1,
      DeploymentConfiguration: Match.objectLike({
        DeploymentCircuitBreaker: { Enable: true, Rollback: true }, MinimumHealthyPercent: 100, MaximumPercent: 200,
      }),
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          AssignPublicIp: 'DISABLED',
          Subnets: vpc.privateSubnets.map((s) => ({ Ref: logicalId(stack, s as ec2.Subnet) })),
          SecurityGroups: [{ 'Fn::GetAtt': [logicalId(stack, service.connections.securityGroups[0] as ec2.SecurityGroup), 'GroupId'] }],
        },
      },
    });
    expect(service).toBeInstanceOf(ecs.FargateService);
  });

  test('GIVEN defaults THEN a RestrictedSecurityGroup with no ingress and HTTPS-only egress', () => {
    const stack = propertyTestStack();
    const service = new SecureFargateService(stack, 'Web', { cluster: clusterIn(stack), taskDefinition: taskIn(stack) });
    expect(service.connections.securityGroups).toHaveLength(1);
    expect(service.connections.securityGroups[0]).toBeInstanceOf(RestrictedSecurityGroup);
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Tasks of the ECS service Stack/Web',
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 })],
    });
  });

  test('GIVEN an id with characters EC2 refuses in descriptions THEN the security group description is sanitized', () => {
    const stack = propertyTestStack();
    new SecureFargateService(stack, 'Web "v2"?', { cluster: clusterIn(stack), taskDefinition: taskIn(stack) });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', { GroupDescription: 'Tasks of the ECS service Stack/Web -v2--' });
  });

  test('drop-in: an ALB target group registers it, and its security group admits the load balancer only', () => {
    const stack = propertyTestStack();
    const cluster = clusterIn(stack);
    const service = new SecureFargateService(stack, 'Web', { cluster, taskDefinition: taskIn(stack) });
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc: cluster.vpc, internetFacing: false });
    const listener = alb.addListener('Http', { port: 80, open: false });
    const targetGroup = new elbv2.ApplicationTargetGroup(stack, 'Targets', { vpc: cluster.vpc, port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.IP });
    service.attachToApplicationTargetGroup(targetGroup);
    listener.addTargetGroups('Web', { targetGroups: [targetGroup] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Service', {
      LoadBalancers: [{ ContainerName: 'app', ContainerPort: 8080, TargetGroupArn: { Ref: logicalId(stack, targetGroup) } }],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [logicalId(stack, service.connections.securityGroups[0] as ec2.SecurityGroup), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [logicalId(stack, alb.connections.securityGroups[0] as ec2.SecurityGroup), 'GroupId'] },
      FromPort: 8080,
      ToPort: 8080,
    });
  });

  test('drop-in: listener.addTargets with loadBalancerTarget', () => {
    const stack = propertyTestStack();
    const cluster = clusterIn(stack);
    const service = new SecureFargateService(stack, 'Web', { cluster, taskDefinition: taskIn(stack) });
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc: cluster.vpc });
    alb.addListener('Http', { port: 80, open: false }).addTargets('Web', {
      port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targets: [service.loadBalancerTarget({ containerName: 'app', containerPort: 8080 })],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'ip', Port: 8080 });
  });

  test('GIVEN enableExecuteCommand THEN the task role gets the Session Manager channels, the session log group and the session key', () => {
    const stack = propertyTestStack();
    const cluster = clusterIn(stack);
    const taskDefinition = taskIn(stack);
    new SecureFargateService(stack, 'Web', { cluster, taskDefinition, enableExecuteCommand: true });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Service', { EnableExecuteCommand: true });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: logicalId(stack, taskDefinition.taskRole as iam.Role) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'], Resource: '*' }),
          Match.objectLike({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: { 'Fn::GetAtt': [logicalId(stack, cluster.executeCommandKey as any), 'Arn'] } }),
        ]),
      },
    });
  });

  test('GIVEN a container added after the service exists THEN it is in the template (nothing is rendered early)', () => {
    const stack = propertyTestStack();
    const taskDefinition = taskIn(stack);
    new SecureFargateService(stack, 'Web', { cluster: clusterIn(stack), taskDefinition });
    taskDefinition.addContainer('sidecar', { image: IMAGE });
    const definitions = Object.values(Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition'))[0].Properties.ContainerDefinitions;
    expect(definitions.map((c: any) => c.Name)).toEqual(['app', 'sidecar']);
  });

  test('GIVEN a plain FargateTaskDefinition with LeastPrivilegeRoles and hardened containers THEN accepted; a container added later fails synthesis', () => {
    const stack = propertyTestStack();
    const role = (id: string) => new LeastPrivilegeRole(stack, id, { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Plain', { taskRole: role('TaskRole'), executionRole: role('ExecRole') });
    taskDefinition.addContainer('app', { image: IMAGE, user: 'app', readonlyRootFilesystem: true, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app', logGroup: new SecureLogGroup(stack, 'Logs') }) });
    new SecureFargateService(stack, 'Web', { cluster: clusterIn(stack), taskDefinition });
    taskDefinition.addContainer('late', { image: IMAGE, privileged: true, user: 'app', readonlyRootFilesystem: true, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'late' }) });
    expect(() => Template.fromStack(stack)).toThrow(/\[cdk-fortress\] Stack\/Plain: invalid 'container late': must be hardened: Privileged is true/);
  });
});

describe('SecureFargateService compliance (all six packs + FortressChecks)', () => {
  test('GIVEN { cluster, taskDefinition } THEN no unacknowledged error, and exactly the documented acknowledgments', () => {
    const stack = complianceTestStack();
    new SecureFargateService(stack, 'Web', { cluster: clusterIn(stack), taskDefinition: taskIn(stack) });
    expect(ownAcknowledgments(expectCompliant(stack).acknowledgments)).toEqual(DEFAULT_ACKNOWLEDGMENTS);
  });

  test('GIVEN ECS Exec, plain environment and a writable container THEN compliant, with exactly these acknowledgments', () => {
    const stack = complianceTestStack();
    const taskDefinition = taskIn(stack, { environment: { LOG_LEVEL: 'info' } });
    taskDefinition.addContainerWithWritableRootFilesystem('legacy', { image: IMAGE },
      'The legacy image rewrites its configuration under /etc at start-up; it is being rebuilt to read a mounted volume instead.');
    new SecureFargateService(stack, 'Web', { cluster: clusterIn(stack), taskDefinition, enableExecuteCommand: true });
    expect(ownAcknowledgments(expectCompliant(stack).acknowledgments)).toEqual([
      'Stack/Task AwsSolutions-ECS2',
      'Stack/Task Fortress-ECSTaskDefinitionReadOnlyRootFilesystem[legacy]',
      'Stack/Task/ExecutionRole/Permissions1 AwsSolutions-IAM5[Resource::*]',
      'Stack/Task/TaskRole/Permissions1 AwsSolutions-IAM5[Resource::*]',
      'Stack/Task/TaskRole/Permissions1 AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:eu-west-1:111122223333:log-group:<ClusterExecuteCommandLogs605F1E7B>:*]',
    ]);
  });

  test('GIVEN a compliant internet-facing ALB in front THEN the whole path is compliant', () => {
    const stack = complianceTestStack();
    const cluster = clusterIn(stack);
    const service = new SecureFargateService(stack, 'Web', { cluster, taskDefinition: taskIn(stack) });
    const lbGroup = new RestrictedSecurityGroup(stack, 'AlbSg', { vpc: cluster.vpc, description: 'Public HTTPS load balancer', publicIngressPorts: [443] });
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc: cluster.vpc, internetFacing: true, securityGroup: lbGroup, dropInvalidHeaderFields: true, deletionProtection: true });
    alb.logAccessLogs(AccessLogsBucket.of(stack), 'alb');
    const acl = new wafv2.CfnWebACL(stack, 'Acl', {
      defaultAction: { allow: {} },
      scope: 'REGIONAL',
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true },
      rules: [{
        name: 'common',
        priority: 0,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true },
      }],
    });
    const wafLogs = new SecureLogGroup(stack, 'WafLogs', { logGroupName: 'aws-waf-logs-web' });
    new wafv2.CfnLoggingConfiguration(stack, 'AclLogging', {
      resourceArn: acl.attrArn,
      logDestinationConfigs: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: wafLogs.logGroupName, arnFormat: 'arn:aws:logs:region:account:log-group:name' as any })],
    });
    new wafv2.CfnWebACLAssociation(stack, 'AclAssociation', { resourceArn: alb.loadBalancerArn, webAclArn: acl.attrArn });
    alb.addListener('Https', {
      port: 443,
      certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555')],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    }).addTargets('Web', { port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targets: [service] });
    expect(ownAcknowledgments(expectCompliant(stack).acknowledgments)).toEqual([
      'Stack/AlbSg AwsSolutions-EC23',
      ...DEFAULT_ACKNOWLEDGMENTS,
    ]);
  });

  test('property: random valid props always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      desiredCount: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      minHealthyPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      maxHealthyPercent: fc.option(fc.integer({ min: 100, max: 200 }), { nil: undefined }),
      platformVersion: fc.constantFrom(undefined, ecs.FargatePlatformVersion.LATEST, ecs.FargatePlatformVersion.VERSION1_4),
      allowAllOutbound: fc.constantFrom(undefined, true, false),
      user: fc.constantFrom(undefined, '1000', '1000:1000', 'app', 'nobody'),
      enableExecuteCommand: fc.boolean(),
      grace: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
    }), (p) => {
      const stack = complianceTestStack();
      new SecureFargateService(stack, 'Web', {
        cluster: clusterIn(stack),
        taskDefinition: taskIn(stack, { user: p.user }),
        desiredCount: p.desiredCount,
        minHealthyPercent: p.minHealthyPercent,
        maxHealthyPercent: p.maxHealthyPercent,
        platformVersion: p.platformVersion,
        allowAllOutbound: p.allowAllOutbound,
        enableExecuteCommand: p.enableExecuteCommand,
        healthCheckGracePeriod: p.grace === undefined ? undefined : Duration.seconds(p.grace),
      });
      expectCompliant(stack);
    }), { numRuns: 5 });
  });
});

describe('SecureFargateTaskDefinition refuses unsafe containers with the library error', () => {
  const attempt = (options: (stack: Stack) => any): unknown => {
    const stack = propertyTestStack();
    const taskDefinition = new SecureFargateTaskDefinition(stack, 'Task');
    try {
      taskDefinition.addContainer('app', options(stack));
    } catch (e) {
      if (taskDefinition.node.tryFindChild('app') !== undefined) throw new Error('app was refused but left constructs behind');
      return e;
    }
    return undefined;
  };

  test.each<[string, (stack: Stack) => any, string]>([
    ['privileged', () => ({ image: IMAGE, privileged: true }), "[cdk-fortress] Stack/Task/app: invalid 'privileged': must not be true"],
    ['user root', () => ({ image: IMAGE, user: 'root' }), "invalid 'user': must be a non-root user"],
    ['user 0', () => ({ image: IMAGE, user: '0' }), "invalid 'user': must be a non-root user"],
    ['user 0:0', () => ({ image: IMAGE, user: '0:0' }), "invalid 'user'"],
    ['user root with a group', () => ({ image: IMAGE, user: 'root:app' }), "invalid 'user'"],
    ['an empty user', () => ({ image: IMAGE, user: '' }), "invalid 'user'"],
    ['a writable root file system without a reason', () => ({ image: IMAGE, readonlyRootFilesystem: false }), "invalid 'readonlyRootFilesystem': must not be false"],
    ['an own log driver', () => ({ image: IMAGE, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'x' }) }), "invalid 'logging': is set by the task definition"],
    ['a password in the environment', () => ({ image: IMAGE, environment: { DB_PASSWORD: 'hunter2' } }), "invalid 'environment.DB_PASSWORD': must not carry a secret"],
    ['an API key in the environment', () => ({ image: IMAGE, environment: { apiKey: 'x' } }), "invalid 'environment.apiKey'"],
    ['a token in the environment', () => ({ image: IMAGE, environment: { SLACK_TOKEN: 'x' } }), "invalid 'environment.SLACK_TOKEN'"],
    ['an access key id as a value', () => ({ image: IMAGE, environment: { CONFIG: 'AKIAIOSFODNN7EXAMPLE' } }), "invalid 'environment.CONFIG'"],
    ['a private key as a value', () => ({ image: IMAGE, environment: { TLS: '-----BEGIN PRIVATE KEY-----' } }), "invalid 'environment.TLS'"],
    ['no image', () => ({}), "invalid 'image': is required"],
    ['no options', () => undefined, "invalid 'props': are required"],
  ])('%s', (_name, options, message) => {
    const error = attempt(options);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(message);
  });

  test('a writable root file system with a non-explaining reason is refused', () => {
    const stack = propertyTestStack();
    const taskDefinition = new SecureFargateTaskDefinition(stack, 'Task');
    expect(() => taskDefinition.addContainerWithWritableRootFilesystem('app', { image: IMAGE }, 'TODO')).toThrow(/\[cdk-fortress\] Stack\/Task\/app: invalid 'reason'/);
  });

  test.each<[string, (stack: Stack) => any, string]>([
    ['a plain task role', (s) => ({ taskRole: new iam.Role(s, 'R', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }) }), "invalid 'taskRole': must be a LeastPrivilegeRole"],
    ['an imported execution role', (s) => ({ executionRole: iam.Role.fromRoleName(s, 'R', 'ecsTaskExecutionRole') }), "invalid 'executionRole': must be a LeastPrivilegeRole"],
    ['0.3 vCPU', () => ({ cpu: 300 }), "invalid 'cpu'"],
    ['256 MiB', () => ({ memoryLimitMiB: 256 }), "invalid 'memoryLimitMiB'"],
    ['10 GiB of ephemeral storage', () => ({ ephemeralStorageGiB: 10 }), "invalid 'ephemeralStorageGiB'"],
    ['a family with spaces', () => ({ family: 'my family' }), "invalid 'family'"],
    ['a log group and a key ring', (s) => ({ logGroup: new SecureLogGroup(s, 'L'), keyRing: {} }), "invalid 'logGroup': cannot be combined with 'keyRing'"],
  ])('task definition props: %s', (_name, props, message) => {
    const error = rejectionOf('Task', props, (stack, id, p) => new SecureFargateTaskDefinition(stack, id, p));
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/Task: ${message}`);
  });
});

describe('SecureFargateService rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Web: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Web', props, (stack, id, p) => new SecureFargateService(stack, id, p));
  const base = (s: Stack) => ({ cluster: clusterIn(s), taskDefinition: taskIn(s) });
  const plainTask = (s: Stack, options: Partial<ecs.ContainerDefinitionOptions>) => {
    const role = (id: string) => new LeastPrivilegeRole(s, id, { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const td = new ecs.FargateTaskDefinition(s, 'Plain', { taskRole: role('TaskRole'), executionRole: role('ExecRole') });
    td.addContainer('app', { image: IMAGE, user: '1000', readonlyRootFilesystem: true, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app' }), ...options });
    return td;
  };

  test.each<[string, (stack: Stack) => any, string]>([
    ['no props', () => undefined, "invalid 'cluster': is required"],
    ['no task definition', (s) => ({ cluster: clusterIn(s) }), "invalid 'taskDefinition': is required"],
    ['a cluster that is not one', (s) => ({ cluster: 'default', taskDefinition: taskIn(s) }), "invalid 'cluster': must be an ecs.ICluster"],
    ['an EC2 task definition', (s) => ({ cluster: clusterIn(s), taskDefinition: new ecs.Ec2TaskDefinition(s, 'Ec2') }), "invalid 'taskDefinition': must be Fargate-compatible"],
    ['a plain task definition (plain iam.Role task role)', (s) => ({ cluster: clusterIn(s), taskDefinition: new ecs.FargateTaskDefinition(s, 'Plain') }),
      "invalid 'taskDefinition.taskRole': must be a LeastPrivilegeRole"],
    ['a privileged container', (s) => ({ cluster: clusterIn(s), taskDefinition: plainTask(s, { privileged: true }) }), 'container app: Privileged is true'],
    ['a container running as root', (s) => ({ cluster: clusterIn(s), taskDefinition: plainTask(s, { user: '0:0' }) }), 'container app: User "0:0" is root'],
    ['a writable root file system', (s) => ({ cluster: clusterIn(s), taskDefinition: plainTask(s, { readonlyRootFilesystem: false }) }), 'ReadonlyRootFilesystem is not true'],
    ['a password in the environment', (s) => ({ cluster: clusterIn(s), taskDefinition: plainTask(s, { environment: { PASSWORD: 'x' } }) }), 'plain environment variable PASSWORD'],
    ['logs to no driver', (s) => ({ cluster: clusterIn(s), taskDefinition: plainTask(s, { logging: undefined }) }), 'not to CloudWatch Logs (awslogs)'],
    ['public subnets', (s) => ({ ...base(s), vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }), "invalid 'vpcSubnets': must select private or isolated subnets"],
    ['public subnets named by group', (s) => ({ ...base(s), vpcSubnets: { subnetGroupName: 'Public' } }), "invalid 'vpcSubnets': must not select public subnets"],
    ['platform version 1.3.0', (s) => ({ ...base(s), platformVersion: ecs.FargatePlatformVersion.VERSION1_3 }), "invalid 'platformVersion': must be LATEST or 1.4.0 and later"],
    ['an unknown platform version', (s) => ({ ...base(s), platformVersion: '9.9.9' }), "invalid 'platformVersion'"],
    ['a negative desired count', (s) => ({ ...base(s), desiredCount: -1 }), "invalid 'desiredCount'"],
    ['minHealthyPercent over 100', (s) => ({ ...base(s), minHealthyPercent: 150 }), "invalid 'minHealthyPercent'"],
    ['maxHealthyPercent under 100', (s) => ({ ...base(s), maxHealthyPercent: 50 }), "invalid 'maxHealthyPercent'"],
    ['a service name with spaces', (s) => ({ ...base(s), serviceName: 'web service' }), "invalid 'serviceName'"],
    ['no security groups', (s) => ({ ...base(s), securityGroups: [] }), "invalid 'securityGroups'"],
    ['security groups and allowAllOutbound', (s) => ({ ...base(s), securityGroups: [new ec2.SecurityGroup(s, 'Sg', { vpc: (s.node.findChild('Vpc') as ec2.IVpc) })], allowAllOutbound: true }),
      "invalid 'securityGroups': cannot be combined with 'allowAllOutbound'"],
    ['ECS Exec on a cluster without encrypted session logging', (s) => ({
      cluster: new ecs.Cluster(s, 'Plain', { vpc: new SecureVpc(s, 'Vpc', { maxAzs: 1, natGateways: 1 }) }), taskDefinition: taskIn(s), enableExecuteCommand: true,
    }), "invalid 'enableExecuteCommand': requires a cluster that encrypts ECS Exec sessions"],
    ['ECS Exec as a string', (s) => ({ ...base(s), enableExecuteCommand: 'yes' }), "invalid 'enableExecuteCommand': must be true or false"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(message.startsWith('invalid') ? PREFIX + message : message);
  });
});
