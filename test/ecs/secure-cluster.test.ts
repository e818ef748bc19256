import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { FortressErrors, KeyPurpose, KmsKeyRing, SecureCluster, SecureLogGroup, SecureVpc } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const logicalId = (stack: Stack, c: { node: { defaultChild?: any } }) => stack.getLogicalId(c.node.defaultChild);
/** A VPC for tests: SecureVpc in one AZ, without NAT (isolated subnets only) (the cluster only needs a VPC). */
const vpcOf = (stack: Stack) => new SecureVpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, privateEgress: false });
/** Acknowledgments outside the VPC (SecureVpc's own are asserted in its tests). */
const ownAcknowledgments = (acks: Array<{ constructPath: string; ruleId: string }>) =>
  acks.filter((a) => !a.constructPath.startsWith('Stack/Vpc')).map((a) => `${a.constructPath} ${a.ruleId}`);

describe('SecureCluster', () => {
  test('GIVEN only a VPC THEN Container Insights enhanced', () => {
    const stack = propertyTestStack();
    const cluster = new SecureCluster(stack, 'Cluster', { vpc: vpcOf(stack) });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enhanced' }],
    });
    expect(cluster).toBeInstanceOf(ecs.Cluster);
  });

  test('GIVEN only a VPC THEN ECS Exec sessions are encrypted with the ring logs key and logged (OVERRIDE) to an encrypted log group', () => {
    const stack = propertyTestStack();
    const cluster = new SecureCluster(stack, 'Cluster', { vpc: vpcOf(stack) });
    const key = KmsKeyRing.of(stack).key(KeyPurpose.LOGS);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Cluster', {
      Configuration: {
        ExecuteCommandConfiguration: {
          KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] },
          Logging: 'OVERRIDE',
          LogConfiguration: {
            CloudWatchEncryptionEnabled: true,
            CloudWatchLogGroupName: { Ref: logicalId(stack, cluster.executeCommandLogGroup as logs.LogGroup) },
          },
        },
      },
    });
    expect(cluster.executeCommandKey).toBe(key);
    expect(cluster.executeCommandConfiguration?.logging).toBe(ecs.ExecuteCommandLogging.OVERRIDE);
  });

  test('GIVEN only a VPC THEN the session log group is a SecureLogGroup: ring logs key, one year, retained', () => {
    const stack = propertyTestStack();
    const cluster = new SecureCluster(stack, 'Cluster', { vpc: vpcOf(stack) });
    expect(cluster.executeCommandLogGroup).toBeInstanceOf(SecureLogGroup);
    expect(cluster.executeCommandLogGroup.node.path).toBe('Stack/Cluster/ExecuteCommandLogs');
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, KmsKeyRing.of(stack).key(KeyPurpose.LOGS)), 'Arn'] } },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('GIVEN only a VPC THEN the Fargate capacity providers are enabled, and no VPC is created', () => {
    const stack = propertyTestStack();
    new SecureCluster(stack, 'Cluster', { vpc: vpcOf(stack) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', { CapacityProviders: ['FARGATE', 'FARGATE_SPOT'] });
    template.resourceCountIs('AWS::EC2::VPC', 1);
  });

  test('GIVEN an own session key and retention THEN both are used', () => {
    const stack = propertyTestStack();
    const key = new kms.Key(stack, 'ExecKey', { enableKeyRotation: true });
    new SecureCluster(stack, 'Cluster', { vpc: vpcOf(stack), executeCommandKey: key, executeCommandLogRetention: logs.RetentionDays.TWO_YEARS, containerInsights: ecs.ContainerInsights.ENABLED });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
      Configuration: { ExecuteCommandConfiguration: Match.objectLike({ KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] } }) },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
  });
});

describe('SecureCluster compliance (all six packs + FortressChecks)', () => {
  test('GIVEN only a VPC THEN no unacknowledged error, and no acknowledgment of its own', () => {
    const stack = complianceTestStack();
    new SecureCluster(stack, 'Cluster', { vpc: vpcOf(stack) });
    expect(ownAcknowledgments(expectCompliant(stack).acknowledgments)).toEqual([]);
  });

  test('property: random valid props always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      insights: fc.constantFrom(undefined, ecs.ContainerInsights.ENABLED, ecs.ContainerInsights.ENHANCED),
      retention: fc.constantFrom(undefined, logs.RetentionDays.THREE_MONTHS, logs.RetentionDays.ONE_YEAR, logs.RetentionDays.TEN_YEARS),
      fargate: fc.constantFrom(undefined, true, false),
      name: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), { nil: undefined }),
      ownRing: fc.boolean(),
    }), (p) => {
      const stack = complianceTestStack();
      new SecureCluster(stack, 'Cluster', {
        vpc: vpcOf(stack),
        containerInsights: p.insights,
        executeCommandLogRetention: p.retention,
        enableFargateCapacityProviders: p.fargate,
        clusterName: p.name,
        keyRing: p.ownRing ? new KmsKeyRing(stack, 'Ring') : undefined,
      });
      expectCompliant(stack);
    }), { numRuns: 5 });
  });
});

describe('SecureCluster rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Cluster: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Cluster', props, (stack, id, p) => new SecureCluster(stack, id, p));

  test.each<[string, (stack: Stack) => any, string]>([
    ['no props', () => undefined, "invalid 'vpc': is required"],
    ['no VPC', () => ({}), "invalid 'vpc': is required"],
    ['a VPC that is not one', () => ({ vpc: 'vpc-123' }), "invalid 'vpc': must be an ec2.IVpc"],
    ['Container Insights disabled', (s) => ({ vpc: vpcOf(s), containerInsights: ecs.ContainerInsights.DISABLED }), "invalid 'containerInsights': must be ENHANCED or ENABLED"],
    ['an unknown Container Insights level', (s) => ({ vpc: vpcOf(s), containerInsights: 'max' }), "invalid 'containerInsights'"],
    ['a cluster name with spaces', (s) => ({ vpc: vpcOf(s), clusterName: 'my cluster' }), "invalid 'clusterName'"],
    ['a cluster name over 255 characters', (s) => ({ vpc: vpcOf(s), clusterName: 'c'.repeat(256) }), "invalid 'clusterName'"],
    ['a key and a key ring', (s) => ({ vpc: vpcOf(s), executeCommandKey: new kms.Key(s, 'K'), keyRing: KmsKeyRing.of(s) }), "invalid 'executeCommandKey': cannot be combined with 'keyRing'"],
    ['a key that is not one', (s) => ({ vpc: vpcOf(s), executeCommandKey: 'alias/aws/ssm' }), "invalid 'executeCommandKey': must be a customer-managed KMS key"],
    ['a key ring that is not one', (s) => ({ vpc: vpcOf(s), keyRing: {} }), "invalid 'keyRing': must be a KmsKeyRing"],
    ['session logs kept forever', (s) => ({ vpc: vpcOf(s), executeCommandLogRetention: logs.RetentionDays.INFINITE }), "invalid 'executeCommandLogRetention'"],
    ['a retention CloudWatch does not offer', (s) => ({ vpc: vpcOf(s), executeCommandLogRetention: 2 }), "invalid 'executeCommandLogRetention'"],
    ['capacity providers as a string', (s) => ({ vpc: vpcOf(s), enableFargateCapacityProviders: 'yes' }), "invalid 'enableFargateCapacityProviders': must be true or false"],
    ['props that are not an object', () => 42, "invalid 'props': must be an object"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });

  test('an imported VPC is accepted (drop-in)', () => {
    expect(attempt((s) => ({ vpc: ec2.Vpc.fromVpcAttributes(s, 'Imported', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a'] }) }))).toBeUndefined();
  });
});
