import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as fc from 'fast-check';
import { Acknowledgments, FortressChecks, FortressErrors, RestrictedSecurityGroup, SecureVpc } from '../../src';
import { ADMIN_AND_DATABASE_PORTS } from '../../src/core/sensitive-ports';
import { complianceTestStack, expectCompliant, propertyTestApp, propertyTestStack } from '../compliance';

function group(publicIngressPorts?: number[]) {
  const stack = propertyTestStack();
  const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 1 });
  return { stack, vpc, sg: new RestrictedSecurityGroup(stack, 'Lb', { vpc, description: 'Public load balancer', publicIngressPorts }) };
}

describe('RestrictedSecurityGroup', () => {
  test('refuses ingress from the internet by default, on any port, IPv4 or IPv6', () => {
    const { sg } = group();
    expect(() => sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443)))
      .toThrow("[cdk-fortress] Stack/Lb: invalid 'addIngressRule': refuses ingress from 0.0.0.0/0 on TCP 443: set publicIngressPorts: [443] to open it to the internet");
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
    expect(() => new RestrictedSecurityGroup(stack, 'B', { vpc, description: 'Ports', publicIngressPorts: [0] })).toThrow(/invalid 'publicIngressPorts': must be an integer from 1 to 65535/);
  });

  test('the error says which prop to set: a default (open) ALB listener on 443, then one on 80', () => {
    const { stack, vpc, sg } = group();
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true, securityGroup: sg });
    expect(() => alb.addListener('Https', { port: 443, protocol: elbv2.ApplicationProtocol.HTTP, defaultAction: elbv2.ListenerAction.fixedResponse(404) }))
      .toThrow(/refuses ingress from 0.0.0.0\/0 on TCP 443: set publicIngressPorts: \[443\] to open it to the internet \(load balancer listeners open their port by default; pass open: false/);
    const withHttps = group([443]);
    expect(() => withHttps.sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80))).toThrow(/set publicIngressPorts: \[443, 80\]/);
    expect(() => withHttps.sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.allTcp()))
      .toThrow(/except on single TCP ports listed in publicIngressPorts; admit a narrower peer/);
    expect(() => withHttps.sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.udp(443))).toThrow(/single TCP ports/);
  });

  test.each<[string, string, string]>([
    ['one character (cdk-nag AwsSolutions-EC27 wants 2)', 'x', "invalid 'description': must be a string of 2 to 255 characters (got 'x')"],
    ['over 255 characters', 'a'.repeat(256), "invalid 'description': must be a string of 2 to 255 characters"],
    ['characters EC2 refuses', "the team's database", "invalid 'description': must be letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only"],
  ])('refuses a description of %s', (_name, description, message) => {
    const stack = propertyTestStack();
    const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 1 });
    let error: unknown;
    try { new RestrictedSecurityGroup(stack, 'Sg', { vpc, description }); } catch (e) { error = e; }
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/Sg: ${message}`);
    expect(stack.node.tryFindChild('Sg')).toBeUndefined();
  });

  test('accepts descriptions of exactly 2 and 255 characters', () => {
    const stack = propertyTestStack();
    const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 1 });
    new RestrictedSecurityGroup(stack, 'A', { vpc, description: 'Db' });
    new RestrictedSecurityGroup(stack, 'B', { vpc, description: 'a'.repeat(255) });
  });

  test('public ports beyond 80 and 443 draw a synth warning; web ports do not', () => {
    const { stack } = group([443, 8443, 8883]);
    Annotations.fromStack(stack).hasWarning('/Stack/Lb', Match.stringLikeRegexp('publicIngressPorts \\[8443, 8883\\] go beyond the web ports 80 and 443'));
    const web = group([80, 443]);
    Annotations.fromStack(web.stack).hasNoWarning('/Stack/Lb', Match.stringLikeRegexp('publicIngressPorts'));
  });

  test('JavaScript callers omitting required props get the library error naming the path and prop, never a TypeError', () => {
    const stack = propertyTestStack();
    const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 1 });
    const attempts: Array<[() => unknown, string]> = [
      [() => new RestrictedSecurityGroup(stack, 'NoProps', undefined as any), "[cdk-fortress] Stack/NoProps: invalid 'props': is required: pass { vpc, description }"],
      [() => new RestrictedSecurityGroup(stack, 'NullProps', null as any), "[cdk-fortress] Stack/NullProps: invalid 'props': is required"],
      [() => new RestrictedSecurityGroup(stack, 'NoVpc', { description: 'Database' } as any), "[cdk-fortress] Stack/NoVpc: invalid 'vpc': is required: the VPC the security group belongs to"],
      [() => new RestrictedSecurityGroup(stack, 'NoDescription', { vpc } as any), "[cdk-fortress] Stack/NoDescription: invalid 'description': is required: what the security group protects"],
      [() => new RestrictedSecurityGroup(stack, 'NumberDescription', { vpc, description: 42 } as any), "[cdk-fortress] Stack/NumberDescription: invalid 'description'"],
    ];
    for (const [attempt, message] of attempts) {
      let error: unknown;
      try { attempt(); } catch (e) { error = e; }
      expect(error).not.toBeInstanceOf(TypeError);
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toContain(message);
    }
  });

  describe('allowEndpointsEgress', () => {
    function endpointsEgress(context: Record<string, unknown> = {}) {
      const stack = new Stack(propertyTestApp({ context }), 'Stack', { env: { account: '111122223333', region: 'eu-west-1' } });
      const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 1, interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SSM] });
      const sg = new RestrictedSecurityGroup(stack, 'App', { vpc, description: 'Application tasks' });
      sg.allowEndpointsEgress();
      sg.allowEndpointsEgress(); // idempotent
      return { stack, vpc };
    }

    test('HTTPS to the S3 and DynamoDB prefix lists looked up for the region, and to each interface endpoint of a SecureVpc', () => {
      // GIVEN the context lookups answered (as cdk.context.json would after the first synth)
      const missing = ((endpointsEgress().stack.node.root as App).synth().manifest.missing ?? []).filter((m: any) => m.props.typeName === 'AWS::EC2::PrefixList');
      expect(missing.map((m: any) => m.props.propertyMatch.PrefixListName).sort()).toEqual(['com.amazonaws.eu-west-1.dynamodb', 'com.amazonaws.eu-west-1.s3']);
      const context = Object.fromEntries(missing.map((m: any) => [m.key, [{ PrefixListId: m.props.propertyMatch.PrefixListName.endsWith('.s3') ? 'pl-6da54004' : 'pl-6fa54006' }]]));
      // WHEN
      const { stack, vpc } = endpointsEgress(context);
      // THEN
      const egress = Object.values<any>(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroupEgress')).map((r) => r.Properties);
      expect(egress.filter((e) => e.DestinationPrefixListId).map((e) => [e.DestinationPrefixListId, e.FromPort, e.ToPort, e.Description])).toEqual([
        ['pl-6da54004', 443, 443, 'HTTPS to the s3 gateway endpoint'],
        ['pl-6fa54006', 443, 443, 'HTTPS to the dynamodb gateway endpoint'],
      ]);
      const endpointGroup = stack.resolve(vpc.interfaceEndpoints[0].connections.securityGroups[0].securityGroupId);
      const toGroups = egress.filter((e) => e.DestinationSecurityGroupId);
      expect(toGroups.map((e) => [e.DestinationSecurityGroupId, e.FromPort])).toEqual([[endpointGroup, 443]]);
      expect(egress).toHaveLength(3);
    });

    test('no prefix lists when the SecureVpc has no gateway endpoints', () => {
      const stack = propertyTestStack();
      const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 1, gatewayEndpoints: false });
      new RestrictedSecurityGroup(stack, 'App', { vpc, description: 'Application tasks' }).allowEndpointsEgress();
      Template.fromStack(stack).resourceCountIs('AWS::EC2::SecurityGroupEgress', 0);
    });

    test('an environment-agnostic stack cannot look up the prefix lists: the library error says to set env', () => {
      const stack = new Stack(undefined, 'Agnostic');
      const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 1 });
      expect(() => new RestrictedSecurityGroup(stack, 'App', { vpc, description: 'Application tasks' }).allowEndpointsEgress())
        .toThrow("[cdk-fortress] Agnostic/App: invalid 'allowEndpointsEgress': needs the stack's account and region (set env on the stack)");
    });

    test('with allowAllOutbound it adds nothing and warns', () => {
      const stack = propertyTestStack();
      const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 1 });
      new RestrictedSecurityGroup(stack, 'App', { vpc, description: 'Application tasks', allowAllOutbound: true }).allowEndpointsEgress();
      Annotations.fromStack(stack).hasWarning('/Stack/App', Match.stringLikeRegexp('allowEndpointsEgress\\(\\) adds nothing'));
      Template.fromStack(stack).resourceCountIs('AWS::EC2::SecurityGroupEgress', 0);
    });

    test('GIVEN endpoints egress THEN compliant under all packs', () => {
      const stack = complianceTestStack();
      const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 1, interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER] });
      new RestrictedSecurityGroup(stack, 'App', { vpc, description: 'Application tasks' }).allowEndpointsEgress();
      expectCompliant(stack);
    });
  });

  test('property: world ingress on a port outside publicIngressPorts is always refused with the library error', () => {
    const port = fc.integer({ min: 1, max: 65535 });
    const declarable = port.filter((p) => !ADMIN_AND_DATABASE_PORTS.some(([protocol, admin]) => protocol === 'tcp' && admin === p));
    fc.assert(fc.property(fc.uniqueArray(declarable, { maxLength: 3 }), port, (allowed, tried) => {
      const { sg } = group(allowed);
      let error: unknown;
      try { sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(tried)); } catch (e) { error = e; }
      expect(error === undefined).toBe(allowed.includes(tried));
      if (error !== undefined) expect(FortressErrors.isFortressError(error)).toBe(true);
    }), { numRuns: 30 });
  });
});

describe('RestrictedSecurityGroup and the internet-ingress rules', () => {
  const vpcOf = (stack: Stack) => new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });

  test.each([22, 3389, 5432, 6379])('GIVEN publicIngressPorts with admin or database port %d THEN the library refuses it (never acknowledgeable)', (port) => {
    const stack = new Stack();
    expect(() => new RestrictedSecurityGroup(stack, 'Sg', { vpc: vpcOf(stack), description: 'Public listener', publicIngressPorts: [443, port] }))
      .toThrow(/invalid 'publicIngressPorts': must not open .* to the internet.*cannot be acknowledged/);
  });

  test('GIVEN a declared non-web port THEN exactly that port is acknowledged, and a port added by escape hatch is still reported', () => {
    const stack = new Stack(undefined, 'Stack', { env: { account: '111122223333', region: 'eu-west-1' } });
    const sg = new RestrictedSecurityGroup(stack, 'Sg', { vpc: vpcOf(stack), description: 'Public MQTT listener', publicIngressPorts: [8883] });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(8883), 'MQTT over TLS');
    expect(Acknowledgments.list(sg).map((a) => a.ruleId)).toContain('Fortress-EC2SecurityGroupNoInternetIngress[tcp/8883]');
    const violations = (): string[] => new FortressChecks().validateScope(stack).violations.map((v) => v.ruleName);
    expect(violations()).not.toContain('Fortress-EC2SecurityGroupNoInternetIngress[tcp/8883]');
    (sg.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupIngress.1', { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIp: '0.0.0.0/0' });
    expect(violations()).toContain('Fortress-EC2SecurityGroupNoInternetIngress[tcp/8080]');
  });
});
