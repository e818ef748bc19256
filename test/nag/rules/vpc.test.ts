import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ruleTestStack, violationsOf } from '../rule-harness';

describe('VPCFlowLogsAllTraffic', () => {
  const RULE = 'VPCFlowLogsAllTraffic';

  test('Noncompliance 1: no flow log', () => {
    const stack = ruleTestStack();
    new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Vpc']);
  });

  test('Noncompliance 2: REJECT traffic only', () => {
    const stack = ruleTestStack();
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    new ec2.CfnFlowLog(stack, 'Log', { resourceId: vpc.ref, resourceType: 'VPC', trafficType: 'REJECT', logDestinationType: 's3', logDestination: 'arn:aws:s3:::logs' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Vpc']);
  });

  test('Noncompliance 3: ALL traffic, but of another VPC', () => {
    const stack = ruleTestStack();
    new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    const other = new ec2.CfnVPC(stack, 'Other', { cidrBlock: '10.1.0.0/16' });
    new ec2.CfnFlowLog(stack, 'Log', { resourceId: other.ref, resourceType: 'VPC', trafficType: 'ALL', logDestinationType: 's3', logDestination: 'arn:aws:s3:::logs' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Vpc']);
  });

  test('Compliance: ALL traffic of this VPC', () => {
    const stack = ruleTestStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } }, natGateways: 0 });
    expect(vpc).toBeDefined();
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('VPCSubnetNoPublicIpOnLaunch', () => {
  const RULE = 'VPCSubnetNoPublicIpOnLaunch';

  test('Noncompliance 1: the L2 public subnets map public IPs by default', () => {
    const stack = ruleTestStack();
    new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Vpc/PublicSubnet1/Subnet']);
  });

  test('Compliance: mapPublicIpOnLaunch false, and private subnets', () => {
    const stack = ruleTestStack();
    new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 1,
      natGateways: 0,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false },
        { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('VPCInterfaceEndpointNotOpenToWorld', () => {
  const RULE = 'VPCInterfaceEndpointNotOpenToWorld';
  const endpointWith = (peer: ec2.IPeer) => {
    const stack = ruleTestStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const sg = new ec2.SecurityGroup(stack, 'EndpointSg', { vpc });
    sg.addIngressRule(peer, ec2.Port.tcp(443));
    vpc.addInterfaceEndpoint('Ssm', { service: ec2.InterfaceVpcEndpointAwsService.SSM, securityGroups: [sg], open: false });
    return stack;
  };

  test('Noncompliance 1: HTTPS from 0.0.0.0/0', () => {
    expect(violationsOf(endpointWith(ec2.Peer.anyIpv4()), RULE)).toEqual(['RuleTest/Vpc/Ssm/Resource']);
  });

  test('Noncompliance 2: HTTPS from ::/0', () => {
    expect(violationsOf(endpointWith(ec2.Peer.anyIpv6()), RULE)).toEqual(['RuleTest/Vpc/Ssm/Resource']);
  });

  test('Noncompliance 4: two half-internet blocks', () => {
    const stack = endpointWith(ec2.Peer.ipv4('0.0.0.0/1'));
    (stack.node.findChild('EndpointSg') as ec2.SecurityGroup).addIngressRule(ec2.Peer.ipv4('128.0.0.0/1'), ec2.Port.tcp(443));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Vpc/Ssm/Resource']);
  });

  test('Noncompliance 3: a separate ingress resource opening the endpoint\'s group', () => {
    const stack = endpointWith(ec2.Peer.ipv4('10.0.0.0/16'));
    const sg = stack.node.findChild('EndpointSg') as ec2.SecurityGroup;
    new ec2.CfnSecurityGroupIngress(stack, 'Open', { groupId: sg.securityGroupId, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '0.0.0.0/0' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Vpc/Ssm/Resource']);
  });

  test('Compliance: HTTPS from the VPC CIDR; gateway endpoints are not applicable', () => {
    const stack = endpointWith(ec2.Peer.ipv4('10.0.0.0/16'));
    (stack.node.findChild('Vpc') as ec2.Vpc).addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});
