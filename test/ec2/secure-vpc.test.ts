import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EncryptedBucket, FlowLogDestinationKind, KeyPurpose, KmsKeyRing, SecureVpc } from '../../src';
import { propertyTestStack } from '../compliance';

const resourcesOf = (stack: Stack, type: string) => Object.values<any>(Template.fromStack(stack).findResources(type));

describe('SecureVpc defaults', () => {
  const stack = propertyTestStack();
  new SecureVpc(stack, 'Vpc');
  const template = Template.fromStack(stack);
  const logsKey = stack.getLogicalId(KmsKeyRing.of(stack).key(KeyPurpose.LOGS).node.defaultChild as kms.CfnKey);

  test('10.0.0.0/16 with DNS support and hostnames', () => {
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true });
  });

  test('three tiers across three AZs, and no subnet maps public IPs on launch', () => {
    const subnets = resourcesOf(stack, 'AWS::EC2::Subnet');
    expect(subnets).toHaveLength(9);
    const byTier = (tier: string) => subnets.filter((s) => JSON.stringify(s.Properties.Tags).includes(`"${tier}"`));
    expect(byTier('Public').map((s) => s.Properties.CidrBlock)).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(byTier('Private')).toHaveLength(3);
    expect(byTier('Isolated')).toHaveLength(3);
    expect(subnets.filter((s) => s.Properties.MapPublicIpOnLaunch === true)).toEqual([]);
    expect(byTier('Public').every((s) => s.Properties.MapPublicIpOnLaunch === false)).toBe(true);
  });

  test('one NAT gateway', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test('the default security group is stripped of its rules (aws-cdk-lib custom resource)', () => {
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });

  test('flow logs capture ALL traffic to a log group encrypted with the logs key, kept one year, retained', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs', LogFormat: Match.absent(),
    });
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [logsKey, 'Arn'] } },
    });
  });

  test('the flow-log role can be assumed only by VPC Flow Logs of this account and write only to its log group', () => {
    const role = resourcesOf(stack, 'AWS::IAM::Role').find((r) => JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('vpc-flow-logs'));
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':vpc-flow-log/*']] } },
    });
    const [policy] = resourcesOf(stack, 'AWS::IAM::ManagedPolicy');
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^VpcFlowLogs/), 'Arn'] },
    }]);
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('free S3 and DynamoDB gateway endpoints, no interface endpoints', () => {
    const endpoints = resourcesOf(stack, 'AWS::EC2::VPCEndpoint');
    expect(endpoints.map((e) => e.Properties.VpcEndpointType)).toEqual(['Gateway', 'Gateway']);
    expect(JSON.stringify(endpoints)).toContain('.s3');
    expect(JSON.stringify(endpoints)).toContain('.dynamodb');
  });

  test('no network ACLs unless asked for', () => {
    template.resourceCountIs('AWS::EC2::NetworkAcl', 0);
  });
});

describe('SecureVpc options', () => {
  test('NAT per AZ, two AZs, custom CIDR and masks', () => {
    const stack = propertyTestStack();
    new SecureVpc(stack, 'Vpc', { cidr: '172.16.0.0/20', maxAzs: 2, natGateways: 2, publicSubnetCidrMask: 26, privateSubnetCidrMask: 23, isolatedSubnetCidrMask: 25 });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.resourceCountIs('AWS::EC2::Subnet', 6);
    template.hasResourceProperties('AWS::EC2::Subnet', { CidrBlock: '172.16.0.0/26' });
  });

  test('ipAddresses as in ec2.Vpc; the deprecated cidr still works', () => {
    const stack = propertyTestStack();
    new SecureVpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('172.20.0.0/16') });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '172.20.0.0/16' });
    const legacy = propertyTestStack();
    new SecureVpc(legacy, 'Vpc', { cidr: '172.21.0.0/16', interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SSM] });
    Template.fromStack(legacy).hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '172.21.0.0/16' });
    Template.fromStack(legacy).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '172.21.0.0/16', FromPort: 443 })],
    });
  });

  test('an IPAM allocation: rules use the VPC CIDR attribute, since no literal block is known', () => {
    const stack = propertyTestStack();
    new SecureVpc(stack, 'Vpc', {
      ipAddresses: ec2.IpAddresses.awsIpamAllocation({ ipv4IpamPoolId: 'ipam-pool-1', ipv4NetmaskLength: 20, defaultSubnetIpv4NetmaskLength: 24 }),
      maxAzs: 2,
      privateSubnetCidrMask: 24,
      networkAcls: true,
      interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SSM],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPC', { Ipv4IpamPoolId: 'ipam-pool-1', Ipv4NetmaskLength: 20 });
    template.hasResourceProperties('AWS::EC2::NetworkAclEntry', { RuleNumber: 100, Egress: false, CidrBlock: { 'Fn::GetAtt': [Match.anyValue(), 'CidrBlock'] } });
  });

  test('explicit availabilityZones: one subnet per tier in each, and no fewer-AZs warning', () => {
    const stack = propertyTestStack();
    new SecureVpc(stack, 'Vpc', { availabilityZones: ['eu-west-1a', 'eu-west-1c'] });
    const subnets = resourcesOf(stack, 'AWS::EC2::Subnet');
    expect(subnets).toHaveLength(6);
    expect([...new Set(subnets.map((s) => s.Properties.AvailabilityZone))].sort()).toEqual(['eu-west-1a', 'eu-west-1c']);
    Annotations.fromStack(stack).hasNoWarning('/Stack/Vpc', Match.stringLikeRegexp('AZs are known'));
  });

  test('the endpoints it adds are exposed: gateway endpoints, and interface endpoints with their security groups', () => {
    const stack = propertyTestStack();
    const vpc = new SecureVpc(stack, 'Vpc', { interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SSM] });
    expect(vpc.gatewayEndpoints).toHaveLength(2);
    expect(vpc.interfaceEndpoints.map((e) => e.node.id)).toEqual(['ssmEndpoint']);
    expect(vpc.interfaceEndpoints[0].connections.securityGroups).toHaveLength(1);
    expect(new SecureVpc(stack, 'Bare', { gatewayEndpoints: false, cidr: '10.1.0.0/16' }).gatewayEndpoints).toEqual([]);
  });

  test('isolated-only: no private tier, no NAT gateway', () => {
    const stack = propertyTestStack();
    new SecureVpc(stack, 'Vpc', { privateEgress: false });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Subnet', 6);
  });

  test('flow logs to a new EncryptedBucket under the logs key, with delivery allowed for this account only', () => {
    const stack = propertyTestStack();
    const vpc = new SecureVpc(stack, 'Vpc', { flowLogDestination: FlowLogDestinationKind.S3, flowLogExtendedFields: true });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      LogDestinationType: 's3', TrafficType: 'ALL', LogFormat: Match.stringLikeRegexp('^\\$\\{version\\} .*\\$\\{tcp-flags\\}.*\\$\\{traffic-path\\}$'),
    });
    expect(vpc.flowLogBucket).toBeInstanceOf(EncryptedBucket);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    const policy = JSON.stringify(resourcesOf(stack, 'AWS::S3::BucketPolicy'));
    expect(policy).toContain('delivery.logs.amazonaws.com');
    expect(policy).toContain('AWSLogs/111122223333/*');
  });

  test('flow logs to a bucket of your own, and a custom retention in CloudWatch', () => {
    const stack = propertyTestStack();
    const bucket = new EncryptedBucket(stack, 'Central');
    new SecureVpc(stack, 'Vpc', { flowLogDestination: FlowLogDestinationKind.S3, flowLogBucket: bucket });
    expect(stack.node.findChild('Vpc').node.tryFindChild('FlowLogBucket')).toBeUndefined();
    const other = propertyTestStack();
    new SecureVpc(other, 'Vpc', { flowLogRetention: logs.RetentionDays.TEN_YEARS });
    Template.fromStack(other).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 3653 });
  });

  test('an imported flow-log bucket is used, with a warning to allow delivery there', () => {
    const stack = propertyTestStack();
    new SecureVpc(stack, 'Vpc', { flowLogDestination: FlowLogDestinationKind.S3, flowLogBucket: s3.Bucket.fromBucketName(stack, 'Logs', 'central-flow-logs') });
    Annotations.fromStack(stack).hasWarning('/Stack/Vpc', Match.stringLikeRegexp('allow delivery.logs.amazonaws.com'));
  });

  test('interface endpoints with private DNS and a security group admitting HTTPS from the VPC CIDR only', () => {
    const stack = propertyTestStack();
    new SecureVpc(stack, 'Vpc', { interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SSM, ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER] });
    const interfaces = resourcesOf(stack, 'AWS::EC2::VPCEndpoint').filter((e) => e.Properties.VpcEndpointType === 'Interface');
    expect(interfaces).toHaveLength(2);
    expect(interfaces.every((e) => e.Properties.PrivateDnsEnabled === true)).toBe(true);
    const groups = resourcesOf(stack, 'AWS::EC2::SecurityGroup').filter((g) => g.Properties.GroupDescription.includes('interface endpoint'));
    expect(groups).toHaveLength(2);
    for (const group of groups) {
      expect(group.Properties.SecurityGroupIngress).toEqual([{ CidrIp: '10.0.0.0/16', Description: 'HTTPS from the VPC only', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 }]);
    }
  });

  // Network ACL rules: test/ec2/secure-vpc-network-acls.test.ts

  test('a flow-log bucket under another key of the app: log delivery is allowed on that key', () => {
    const stack = propertyTestStack();
    const key = new kms.Key(stack, 'Other', { enableKeyRotation: true });
    new SecureVpc(stack, 'Vpc', { flowLogDestination: FlowLogDestinationKind.S3, flowLogBucket: new EncryptedBucket(stack, 'Logs', { encryptionKey: key }) });
    const keyId = stack.getLogicalId(key.node.defaultChild as kms.CfnKey);
    const policy = JSON.stringify(Template.fromStack(stack).toJSON().Resources[keyId].Properties.KeyPolicy);
    expect(policy).toContain('delivery.logs.amazonaws.com');
    expect(policy).toContain('AllowVendedLogDeliveryForThisAccount');
  });

  test('an environment-agnostic stack warns when fewer AZs than maxAzs are known', () => {
    const stack = new Stack(undefined, 'Agnostic');
    new SecureVpc(stack, 'Vpc');
    Annotations.fromStack(stack).hasWarning('/Agnostic/Vpc', Match.stringLikeRegexp('only 2 AZs are known for this stack \\(maxAzs is 3\\)'));
  });

  test('gateway endpoints can be left out', () => {
    const stack = propertyTestStack();
    new SecureVpc(stack, 'Vpc', { gatewayEndpoints: false });
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPCEndpoint', 0);
  });
});
