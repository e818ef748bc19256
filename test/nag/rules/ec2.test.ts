import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ruleTestStack, violationsOf } from '../rule-harness';

describe('EC2SecurityGroupNoInternetAdminPorts: ingress resources on groups outside the template', () => {
  const RULE = 'EC2SecurityGroupNoInternetAdminPorts';
  const half = (cidrIp: string) => ({ groupId: 'sg-0123456789abcdef0', ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp });

  test('Noncompliance: SSH halves on an imported group, united', () => {
    const stack = ruleTestStack();
    new ec2.CfnSecurityGroupIngress(stack, 'Low', half('0.0.0.0/1'));
    new ec2.CfnSecurityGroupIngress(stack, 'High', half('128.0.0.0/1'));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/High', 'RuleTest/Low']);
  });

  test('Compliance: a quarter only, another group for the next quarter, and ingress judged on its in-template group', () => {
    const stack = ruleTestStack();
    new ec2.CfnSecurityGroupIngress(stack, 'Low', half('0.0.0.0/2'));
    new ec2.CfnSecurityGroupIngress(stack, 'Other', { ...half('64.0.0.0/2'), groupId: 'sg-0fedcba9876543210' });
    const sg = new ec2.CfnSecurityGroup(stack, 'SG', { groupDescription: 'x', vpcId: 'vpc-1' });
    new ec2.CfnSecurityGroupIngress(stack, 'Open', { ...half('0.0.0.0/0'), groupId: sg.attrGroupId });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/SG']);
  });
});
