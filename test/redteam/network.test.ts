import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { InsecureCase, insecureSuite, workload } from './harness';
import { SecureVpc } from '../../src';

// GIVEN ingress that opens an administration, database or any non-web port to most of the internet,
// however the ranges are split and wherever the rules are declared, THEN synthesis fails on the group.

function group(app: App, ingress: ec2.CfnSecurityGroup.IngressProperty[] = []): { stack: Stack; sg: ec2.CfnSecurityGroup } {
  const stack = workload(app);
  const vpc = new SecureVpc(stack, 'V');
  const sg = new ec2.CfnSecurityGroup(stack, 'SG', { groupDescription: 'workload', vpcId: vpc.vpcId, securityGroupIngress: ingress });
  return { stack, sg };
}
const tcp = (port: number, cidrIp: string, toPort = port) => ({ ipProtocol: 'tcp', fromPort: port, toPort, cidrIp });

const cases: InsecureCase[] = [
  {
    name: 'SSH open as 0.0.0.0/1 + 128.0.0.0/1 (two inline rules)',
    build: (app) => { group(app, [tcp(22, '0.0.0.0/1'), tcp(22, '128.0.0.0/1')]); },
    expectRule: 'Fortress-EC2SecurityGroupNoInternetAdminPorts',
    expectPath: 'W/SG',
  },
  {
    name: 'SSH open as 0.0.0.0/1 inline + 128.0.0.0/1 in a separate CfnSecurityGroupIngress',
    build: (app) => {
      const { stack, sg } = group(app, [tcp(22, '0.0.0.0/1')]);
      new ec2.CfnSecurityGroupIngress(stack, 'Half', { groupId: sg.attrGroupId, ...tcp(22, '128.0.0.0/1') });
    },
    expectRule: 'Fortress-EC2SecurityGroupNoInternetAdminPorts',
    expectPath: 'W/SG',
  },
  {
    name: 'SSH open to ::/1 + 8000::/1',
    build: (app) => { group(app, [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv6: '::/1' }, { ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv6: '8000::/1' }]); },
    expectRule: 'Fortress-EC2SecurityGroupNoInternetAdminPorts',
    expectPath: 'W/SG',
  },
  {
    name: 'all traffic (protocol -1) from 0.0.0.0/0',
    build: (app) => { group(app, [{ ipProtocol: '-1', cidrIp: '0.0.0.0/0' }]); },
    expectRule: 'Fortress-EC2SecurityGroupNoInternetAdminPorts',
    expectPath: 'W/SG',
  },
  {
    name: 'RDP 3389 from 0.0.0.0/0 through the L2',
    build: (app) => {
      const stack = workload(app);
      const sg = new ec2.SecurityGroup(stack, 'SG', { vpc: new SecureVpc(stack, 'V'), allowAllOutbound: false });
      sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389));
    },
    expectRule: 'Fortress-EC2SecurityGroupNoInternetAdminPorts',
    expectPath: 'W/SG/Resource',
  },
  {
    name: 'PostgreSQL 5432 inside a port range 5000-6000',
    build: (app) => { group(app, [tcp(5000, '0.0.0.0/0', 6000)]); },
    expectRule: 'Fortress-EC2SecurityGroupNoInternetAdminPorts',
    expectPath: 'W/SG',
  },
  {
    name: 'SSH as protocol number "6" split into four /2 ranges',
    build: (app) => { group(app, ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'].map((cidrIp) => ({ ipProtocol: '6', fromPort: 22, toPort: 22, cidrIp }))); },
    expectRule: 'Fortress-EC2SecurityGroupNoInternetAdminPorts',
    expectPath: 'W/SG',
  },
  {
    name: 'MySQL 3306 from ::/0',
    build: (app) => { group(app, [{ ipProtocol: 'tcp', fromPort: 3306, toPort: 3306, cidrIpv6: '::/0' }]); },
    expectRule: 'Fortress-EC2SecurityGroupNoInternetAdminPorts',
    expectPath: 'W/SG',
  },
  {
    name: 'a non-web port (8080) from the internet',
    build: (app) => { group(app, [tcp(8080, '0.0.0.0/0')]); },
    expectRule: 'Fortress-EC2SecurityGroupNoInternetIngress',
    expectPath: 'W/SG',
  },
  {
    name: 'SSH halves as separate ingress resources on an imported security group',
    build: (app) => {
      const stack = workload(app);
      new ec2.CfnSecurityGroupIngress(stack, 'Low', { groupId: 'sg-0123456789abcdef0', ...tcp(22, '0.0.0.0/1') });
      new ec2.CfnSecurityGroupIngress(stack, 'High', { groupId: 'sg-0123456789abcdef0', ...tcp(22, '128.0.0.0/1') });
    },
    expectRule: 'Fortress-EC2SecurityGroupNoInternetAdminPorts',
    expectPath: 'W/Low',
  },
];

insecureSuite('red team: network reach', cases);
