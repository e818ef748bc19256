import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as fc from 'fast-check';
import { Acknowledgments, FortressErrors, RestrictedSecurityGroup, SecureVpc } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack } from '../compliance';

function group(publicIngressPorts?: number[]) {
  const stack = propertyTestStack();
  const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 1 });
  return { stack, vpc, sg: new RestrictedSecurityGroup(stack, 'Lb', { vpc, description: 'Public load balancer', publicIngressPorts }) };
}

describe('RestrictedSecurityGroup', () => {
  test('refuses ingress from the internet by default, on any port, IPv4 or IPv6', () => {
    const { sg } = group();
    expect(() => sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443)))
      .toThrow("[cdk-fortress] Stack/Lb: invalid 'addIngressRule': refuses ingress from 0.0.0.0/0 except on the TCP ports in publicIngressPorts [] (got '443')");
    expect(() => sg.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.tcp(443))).toThrow(/refuses ingress from ::\/0/);
    // Other spellings and near-world blocks are the internet too.
    expect(() => sg.addIngressRule(ec2.Peer.ipv6('0::/0'), ec2.Port.tcp(443))).toThrow(/refuses ingress from 0::\/0/);
    expect(() => sg.addIngressRule(ec2.Peer.ipv4('0.0.0.0/1'), ec2.Port.tcp(443))).toThrow(/refuses ingress from 0.0.0.0\/1/);
    expect(() => sg.addIngressRule(ec2.Peer.ipv4('128.0.0.0/1'), ec2.Port.tcp(443))).toThrow(/refuses ingress/);
  });

  test('allows the named public ports only, and checks rules added through connections too', () => {
    const { stack, sg } = group([443]);
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
    expect(() => sg.connections.allowFrom(ec2.Peer.anyIpv4(), ec2.Port.tcp(22))).toThrow(/refuses ingress from 0.0.0.0\/0/);
    expect(() => sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.allTcp())).toThrow(/refuses ingress/);
    sg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(22), 'SSH from the VPC');
    const [resource] = Object.values<any>(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: 'Public load balancer' } }));
    expect(resource.Properties.SecurityGroupIngress.map((r: any) => `${r.CidrIp} ${r.FromPort}`)).toEqual(['0.0.0.0/0 443', '10.0.0.0/16 22']);
    expect(resource.Properties.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32' })]);
    // The declared public port is acknowledged once, on this group only.
    expect(Acknowledgments.list(sg).map((a) => `${a.constructPath} ${a.ruleId}`)).toEqual(['Stack/Lb AwsSolutions-EC23']);
  });

  test('GIVEN a public HTTPS port THEN compliant under all packs', () => {
    const stack = complianceTestStack();
    const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 1 });
    new RestrictedSecurityGroup(stack, 'Lb', { vpc, description: 'Public load balancer', publicIngressPorts: [443] })
      .addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
    expectCompliant(stack);
  });

  test('refuses a blank description and invalid ports', () => {
    const stack = propertyTestStack();
    const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 1 });
    expect(() => new RestrictedSecurityGroup(stack, 'A', { vpc, description: ' ' })).toThrow("[cdk-fortress] Stack/A: invalid 'description': must not be empty or blank");
    expect(() => new RestrictedSecurityGroup(stack, 'B', { vpc, description: 'x', publicIngressPorts: [0] })).toThrow(/invalid 'publicIngressPorts': must be an integer from 1 to 65535/);
  });

  test('property: world ingress on a port outside publicIngressPorts is always refused with the library error', () => {
    const port = fc.integer({ min: 1, max: 65535 });
    fc.assert(fc.property(fc.uniqueArray(port, { maxLength: 3 }), port, (allowed, tried) => {
      const { sg } = group(allowed);
      let error: unknown;
      try { sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(tried)); } catch (e) { error = e; }
      expect(error === undefined).toBe(allowed.includes(tried));
      if (error !== undefined) expect(FortressErrors.isFortressError(error)).toBe(true);
    }), { numRuns: 30 });
  });
});
