import { Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { FortressErrors, SecureVpc, SecureVpcProps } from '../../src';
import { addTierNetworkAcls, DEFAULT_PUBLIC_DENIED_TCP_PORTS } from '../../src/ec2/network-acls';
import { complianceTestStack, expectCompliant, propertyTestStack } from '../compliance';

/** One line per entry, in rule-number order: "in 100 allow all 10.0.0.0/16". */
function aclRules(stack: Stack, acl: string, egress: boolean): string[] {
  return Object.values<any>(Template.fromStack(stack).findResources('AWS::EC2::NetworkAclEntry'))
    .map((e) => e.Properties)
    .filter((p) => JSON.stringify(p.NetworkAclId).includes(acl) && (p.Egress === true) === egress)
    .sort((a, b) => a.RuleNumber - b.RuleNumber)
    .map((p) => {
      const proto = ({ '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' } as Record<string, string>)[String(p.Protocol)];
      const ports = p.PortRange ? ` ${p.PortRange.From}${p.PortRange.To === p.PortRange.From ? '' : `-${p.PortRange.To}`}` : '';
      const icmp = p.Icmp ? ` type ${p.Icmp.Type} code ${p.Icmp.Code}` : '';
      const peer = typeof (p.CidrBlock ?? p.Ipv6CidrBlock) === 'string' ? (p.CidrBlock ?? p.Ipv6CidrBlock) : 'vpc-ipv6';
      return `${egress ? 'out' : 'in'} ${p.RuleNumber} ${p.RuleAction} ${proto}${ports}${icmp} ${peer}`;
    });
}

function vpcWithAcls(props: SecureVpcProps = {}): Stack {
  const stack = propertyTestStack();
  new SecureVpc(stack, 'Vpc', { networkAcls: true, ...props });
  return stack;
}

describe('SecureVpc network ACLs', () => {
  const stack = vpcWithAcls();

  test('GIVEN networkAcls THEN one ACL per tier', () => {
    Template.fromStack(stack).resourceCountIs('AWS::EC2::NetworkAcl', 3);
  });

  test('public tier: the VPC first, sensitive TCP ports denied from the internet, then web, TCP/UDP return traffic and path MTU ICMP', () => {
    expect(aclRules(stack, 'PublicAcl', false)).toEqual([
      'in 100 allow all 10.0.0.0/16',
      'in 110 deny tcp 1433-1434 0.0.0.0/0',
      'in 120 deny tcp 1521 0.0.0.0/0',
      'in 130 deny tcp 2049 0.0.0.0/0',
      'in 140 deny tcp 2375-2376 0.0.0.0/0',
      'in 150 deny tcp 3306 0.0.0.0/0',
      'in 160 deny tcp 3309 0.0.0.0/0',
      'in 170 deny tcp 3389 0.0.0.0/0',
      'in 180 deny tcp 4333 0.0.0.0/0',
      'in 190 deny tcp 5432 0.0.0.0/0',
      'in 200 deny tcp 6379 0.0.0.0/0',
      'in 210 deny tcp 11211 0.0.0.0/0',
      'in 220 deny tcp 27017 0.0.0.0/0',
      'in 300 allow tcp 443 0.0.0.0/0',
      'in 310 allow tcp 80 0.0.0.0/0',
      'in 320 allow tcp 1024-65535 0.0.0.0/0',
      'in 330 allow udp 1024-65535 0.0.0.0/0',
      'in 340 allow icmp type 3 code 4 0.0.0.0/0',
    ]);
    expect(aclRules(stack, 'PublicAcl', true)).toEqual(['out 100 allow all 0.0.0.0/0']);
  });

  test('public tier stays within the default quota of 20 inbound rules', () => {
    expect(aclRules(stack, 'PublicAcl', false).length).toBeLessThanOrEqual(20);
  });

  test('private tier: the VPC, and UDP (DNS, NTP, QUIC) as well as TCP replies through NAT, and fragmentation-needed ICMP', () => {
    expect(aclRules(stack, 'PrivateAcl', false)).toEqual([
      'in 100 allow all 10.0.0.0/16',
      'in 300 allow tcp 1024-65535 0.0.0.0/0',
      'in 310 allow udp 1024-65535 0.0.0.0/0',
      'in 320 allow icmp type 3 code 4 0.0.0.0/0',
    ]);
    expect(aclRules(stack, 'PrivateAcl', true)).toEqual(['out 100 allow all 0.0.0.0/0']);
  });

  test('isolated tier: the VPC, plus HTTPS to the gateway endpoints with its return traffic and path MTU ICMP', () => {
    expect(aclRules(stack, 'IsolatedAcl', false)).toEqual([
      'in 100 allow all 10.0.0.0/16',
      'in 300 allow tcp 1024-65535 0.0.0.0/0',
      'in 320 allow icmp type 3 code 4 0.0.0.0/0',
    ]);
    expect(aclRules(stack, 'IsolatedAcl', true)).toEqual([
      'out 100 allow all 10.0.0.0/16',
      'out 300 allow tcp 443 0.0.0.0/0',
      'out 320 allow icmp type 3 code 4 0.0.0.0/0',
    ]);
  });

  test('isolated tier without gateway endpoints talks to the VPC only', () => {
    const noEndpoints = vpcWithAcls({ gatewayEndpoints: false });
    expect(aclRules(noEndpoints, 'IsolatedAcl', false)).toEqual(['in 100 allow all 10.0.0.0/16']);
    expect(aclRules(noEndpoints, 'IsolatedAcl', true)).toEqual(['out 100 allow all 10.0.0.0/16']);
  });

  test('networkAclDeniedPorts replaces the deny list, adjacent ports sharing a rule; [] denies nothing', () => {
    const custom = vpcWithAcls({ networkAclDeniedPorts: [8081, 8080, 9000] });
    expect(aclRules(custom, 'PublicAcl', false).filter((r) => r.includes('deny'))).toEqual([
      'in 110 deny tcp 8080-8081 0.0.0.0/0', 'in 120 deny tcp 9000 0.0.0.0/0',
    ]);
    const none = vpcWithAcls({ networkAclDeniedPorts: [] });
    expect(aclRules(none, 'PublicAcl', false).filter((r) => r.includes('deny'))).toEqual([]);
  });

  test('the default deny list covers the ports cdk-nag EC2RestrictedCommonPorts names above 1023', () => {
    expect(DEFAULT_PUBLIC_DENIED_TCP_PORTS).toEqual(expect.arrayContaining([3306, 3309, 3389, 4333]));
  });

  test('a dual-stack VPC gets ::/0 twins, with ICMPv6 packet-too-big for path MTU discovery', () => {
    const dual = propertyTestStack();
    const vpc = new ec2.Vpc(dual, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 1, natGateways: 1 });
    addTierNetworkAcls(vpc, {
      ipv4Cidr: '10.0.0.0/16', ipv6Cidr: Fn.select(0, vpc.vpcIpv6CidrBlocks), privateEgress: true, gatewayEndpoints: false, publicDeniedTcpPorts: [3389],
    });
    expect(aclRules(dual, 'PrivateAcl', false)).toEqual([
      'in 100 allow all 10.0.0.0/16', 'in 101 allow all vpc-ipv6',
      'in 300 allow tcp 1024-65535 0.0.0.0/0', 'in 301 allow tcp 1024-65535 ::/0',
      'in 310 allow udp 1024-65535 0.0.0.0/0', 'in 311 allow udp 1024-65535 ::/0',
      'in 320 allow icmp type 3 code 4 0.0.0.0/0', 'in 321 allow icmpv6 type 2 code 0 ::/0',
    ]);
    expect(aclRules(dual, 'PublicAcl', false)).toContain('in 111 deny tcp 3389 ::/0');
    expect(aclRules(dual, 'PublicAcl', true)).toEqual(['out 100 allow all 0.0.0.0/0', 'out 101 allow all ::/0']);
  });

  test.each<[string, SecureVpcProps, string]>([
    ['denied ports without ACLs', { networkAclDeniedPorts: [3389] }, "invalid 'networkAclDeniedPorts': requires networkAcls: true"],
    ['a denied port below the ephemeral range', { networkAcls: true, networkAclDeniedPorts: [22] }, "invalid 'networkAclDeniedPorts': must be an integer from 1024 to 65535 (got 22)"],
    ['more deny rules than the quota leaves', { networkAcls: true, networkAclDeniedPorts: Array.from({ length: 15 }, (_, i) => 2000 + i * 2) },
      "invalid 'networkAclDeniedPorts': must fit in 14 rules"],
  ])('refuses %s', (_name, props, message) => {
    const s = propertyTestStack();
    let error: unknown;
    try { new SecureVpc(s, 'Vpc', props); } catch (e) { error = e; }
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/Vpc: ${message}`);
  });

  test.each<[string, SecureVpcProps]>([
    ['defaults', {}],
    ['isolated only, no gateway endpoints, no denies', { privateEgress: false, gatewayEndpoints: false, networkAclDeniedPorts: [] }],
  ])('GIVEN network ACLs with %s THEN compliant under all packs', (_name, props) => {
    const s = complianceTestStack();
    new SecureVpc(s, 'Vpc', { networkAcls: true, maxAzs: 2, ...props });
    expectCompliant(s);
  });
});
