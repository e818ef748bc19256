import { App, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { securityGroup, writeAssembly } from './assembly-fixture';
import { Acknowledgments, EncryptedBucket, SecurityReview } from '../../src';

const ENV = { account: '111122223333', region: 'eu-west-1' };

function inventory(review: SecurityReview): any {
  return JSON.parse(review.toJson());
}

describe('SecurityReview.of', () => {
  function workload(): Stack {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Api', { env: ENV });
    const bucket = new EncryptedBucket(stack, 'Data');
    const role = new iam.Role(stack, 'Partner', {
      assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('lambda.amazonaws.com'), new iam.AccountPrincipal('444455556666')),
    });
    bucket.grantRead(role);
    role.addToPolicy(new iam.PolicyStatement({ actions: ['ec2:*'], resources: ['*'] }));
    const open = new s3.Bucket(stack, 'Website', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY, enforceSSL: false });
    open.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [open.arnForObjects('*')] }));
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
    vpc.addFlowLog('FlowLog');
    const sg = new ec2.SecurityGroup(stack, 'Ssh', { vpc });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
    Acknowledgments.acknowledge(open, 'AwsSolutions-S10', 'The website bucket serves public pages only over the CDN, which enforces TLS for every viewer.');
    return stack;
  }

  test('exposure: internet-wide ports, public resource policies, cross-account trust, public subnets', () => {
    const exposure = inventory(SecurityReview.of(workload())).stacks[0].exposure;
    expect(exposure.map((e: any) => `${e.path} ${e.kind} ${e.subject}`)).toEqual([
      'Api/Partner cross-account-trust account 444455556666',
      'Api/Ssh internet-ingress tcp 22 ipv4',
      'Api/Vpc/PublicSubnet1/Subnet public-ip-on-launch AWS::EC2::Subnet',
      'Api/Website/Policy public-policy everyone',
    ]);
    expect(exposure[3].actions).toEqual(['s3:GetObject']);
  });

  test('identity: who assumes each role, actions expanded per resource, large wildcards kept as written', () => {
    const roles = inventory(SecurityReview.of(workload())).stacks[0].roles;
    const partner = roles.find((r: any) => r.path === 'Api/Partner');
    expect(partner.trustedBy).toEqual(['account:444455556666', 'service:lambda.amazonaws.com']);
    expect(partner.grants.find((g: any) => g.resource === '*').actions).toEqual(['ec2:*']);
    expect(partner.grants.find((g: any) => g.resource === '${Api/Data.Arn}').actions).toContain('s3:GetObject');
  });

  test('data protection, logging, acknowledgments', () => {
    const stack = inventory(SecurityReview.of(workload())).stacks[0];
    const data = stack.dataProtection.find((d: any) => d.path === 'Api/Data');
    expect(data).toEqual({
      path: 'Api/Data',
      type: 'AWS::S3::Bucket',
      encryption: 'customer-managed Api/FortressKeyRing/DataKey',
      tlsEnforced: true,
      versioning: 'Enabled',
      deletionPolicy: 'Retain',
    });
    expect(stack.dataProtection.find((d: any) => d.path === 'Api/Website')).toMatchObject({ encryption: 'AES256', tlsEnforced: false, versioning: 'off', deletionPolicy: 'Retain' });
    expect(stack.logging).toContainEqual({ path: 'Api/Data', kind: 'access-logs', state: 'on (to ${Api/FortressAccessLogs})' });
    expect(stack.logging).toContainEqual({ path: 'Api/Vpc/FlowLog/FlowLog', kind: 'flow-log', state: 'on (ALL of ${Api/Vpc})' });
    expect(stack.acknowledgments).toContainEqual({
      path: 'Api/Website',
      namespace: 'Annotation',
      pack: 'AwsSolutions',
      ruleId: 'AwsSolutions-S10',
      reason: 'The website bucket serves public pages only over the CDN, which enforces TLS for every viewer.',
    });
  });

  test('stable and hash-free: two synths give the same JSON, with construct paths instead of logical ids', () => {
    const first = SecurityReview.of(workload()).toJson();
    expect(SecurityReview.of(workload()).toJson()).toBe(first);
    expect(first).not.toMatch(/[a-z][0-9A-F]{8}\b/);
    expect(first).not.toMatch(/[0-9a-f]{64}/);
  });

  test('Stages, nested stacks, and a scope below the App', () => {
    const app = new App();
    const prod = new Stage(app, 'Prod', { env: ENV });
    const parent = new Stack(prod, 'Parent');
    const child = new NestedStack(parent, 'Child');
    new EncryptedBucket(child, 'Archive');
    new Stack(app, 'Other', { env: ENV });
    expect(SecurityReview.of(prod).stackNames).toEqual(['Prod/Parent', 'Prod/Parent/Child']);
    expect(SecurityReview.of(parent).stackNames).toEqual(['Prod/Parent', 'Prod/Parent/Child']);
    const nested = inventory(SecurityReview.of(prod)).stacks[1];
    expect(nested.dataProtection.map((d: any) => d.path)).toContain('Prod/Parent/Child/Archive');
    const whole = SecurityReview.fromAssembly(app.synth().directory);
    expect(whole.stackNames).toEqual(['Other', 'Prod/Parent', 'Prod/Parent/Child']);
  });

  test('refuses a scope without a stack', () => {
    const app = new App();
    expect(() => SecurityReview.of(app)).toThrow(/no stack templates/);
    expect(() => SecurityReview.of(undefined as any)).toThrow(/must be a Stage, an App or a Stack/);
  });
});

describe('SecurityReview.fromAssembly', () => {
  test('unacknowledged findings come from the validation report, on the stack that holds them', () => {
    const dir = writeAssembly({ Web: { Resources: securityGroup('Web', 'Lb', []) }, Data: { Resources: {} } }, {
      metadata: { Web: { '/Web': [], '/Web/Lb/Resource': [{ type: 'aws:cdk:acknowledged-rules', data: { 'Fortress::Fortress-EC2X': 'Reviewed: the group admits only the load balancer, which terminates TLS.' } }] } },
      validationReport: {
        pluginReports: [{ pluginName: 'AwsSolutions', violations: [{ ruleName: 'AwsSolutions-EC23', severity: 'error', description: 'open ingress', violatingConstructs: [{ constructPath: 'Web/Lb/Resource' }] }] }],
      },
    });
    const review = SecurityReview.fromAssembly(dir);
    expect(review.stackNames).toEqual(['Data', 'Web']);
    expect(review.findingCount).toBe(1);
    expect(review.acknowledgmentCount).toBe(1);
    const web = inventory(review).stacks[1];
    expect(web.findings).toEqual([{ path: 'Web/Lb', pack: 'AwsSolutions', ruleId: 'AwsSolutions-EC23', severity: 'error', description: 'open ingress' }]);
    expect(web.acknowledgments[0]).toMatchObject({ namespace: 'Fortress', pack: 'Fortress', ruleId: 'Fortress-EC2X' });
    const sarif = JSON.parse(review.toSarif());
    expect(sarif.runs[0].results).toEqual([expect.objectContaining({
      ruleId: 'AwsSolutions-EC23',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'Web.template.json', uriBaseId: 'CDK_OUT' } }, logicalLocations: [{ fullyQualifiedName: 'Web/Lb', kind: 'resource' }] }],
    })]);
    expect(review.toMarkdown()).toContain('| Web | 0 | 0 | 0 | 0 | 1 | 1 |');
  });

  test('a finding that appears, and one that disappears', () => {
    const report = (rule: string) => ({ pluginReports: [{ pluginName: 'Fortress', violations: [{ ruleName: rule, severity: 'error', description: rule, violatingConstructs: [{ constructPath: 'S/X' }] }] }] });
    const a = SecurityReview.fromAssembly(writeAssembly({ S: { Resources: {} } }, { validationReport: report('Fortress-A') }));
    const b = SecurityReview.fromAssembly(writeAssembly({ S: { Resources: {} } }, { validationReport: report('Fortress-B') }));
    expect(SecurityReview.diff(a, b).changes.map((c) => `${c.risk} ${c.kind} ${c.summary}`)).toEqual([
      'high finding-appeared error Fortress-B: Fortress-B',
      'none finding-disappeared Fortress-A no longer reported: Fortress-A',
    ]);
  });
});
