import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { Acknowledgments, FortressErrors, ThreatDetectionServices } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const resources = (stack: Stack, type: string) => Object.values<any>(Template.fromStack(stack).findResources(type));
const entries = (stack: Stack, type: string) => Object.entries<any>(Template.fromStack(stack).findResources(type));
/** AwsCustomResource serializes each call as a JSON string with tokens spliced in: read back service, action and parameters. */
const callOf = (serialized: any) => JSON.parse(typeof serialized === 'string' ? serialized : serialized['Fn::Join'][1].map((p: any) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
const callsOf = (stack: Stack) => entries(stack, 'Custom::AWS').map(([id, r]) => ({
  id, create: callOf(r.Properties.Create), del: callOf(r.Properties.Delete), dependsOn: r.DependsOn ?? [],
}));
const policyOf = (stack: Stack, prefix: string) => entries(stack, 'AWS::IAM::ManagedPolicy').find(([id]) => id.startsWith(prefix))![1].Properties.PolicyDocument.Statement;

describe('ThreatDetectionServices defaults', () => {
  const stack = propertyTestStack();
  const services = new ThreatDetectionServices(stack, 'ThreatDetection');

  test('Inspector scans EC2, ECR, Lambda and Lambda code, and is disabled on delete', () => {
    const [inspector] = callsOf(stack).filter((c) => c.id.startsWith('ThreatDetectionInspectorScanning'));
    expect(inspector.create).toMatchObject({ service: 'Inspector2', action: 'enable', parameters: { resourceTypes: ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'] } });
    expect(inspector.del).toMatchObject({ service: 'Inspector2', action: 'disable', parameters: { resourceTypes: ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'] } });
    const statements = policyOf(stack, 'ThreatDetectionInspectorScanningPolicy');
    expect(statements[0].Action).toEqual(['inspector2:Enable', 'inspector2:Disable', 'inspector2:BatchGetAccountStatus']);
    expect(statements[1]).toMatchObject({
      Action: 'iam:CreateServiceLinkedRole',
      Condition: { StringEquals: { 'iam:AWSServiceName': ['inspector2.amazonaws.com', 'agentless.inspector2.amazonaws.com'] } },
    });
  });

  test('Macie is on, publishing every 15 minutes; automated discovery (charged per GB) is not', () => {
    expect(resources(stack, 'AWS::Macie::Session').map((r) => r.Properties)).toEqual([{ Status: 'ENABLED', FindingPublishingFrequency: 'FIFTEEN_MINUTES' }]);
    expect(callsOf(stack).filter((c) => c.create.service === 'Macie2')).toEqual([]);
  });

  test('a Detective behavior graph, members not auto-enabled; no delegation', () => {
    const [[graphId, graph]] = entries(stack, 'AWS::Detective::Graph');
    expect(graph.Properties).toEqual({ AutoEnableMembers: false });
    expect(Stack.of(stack).resolve(services.detectiveGraphArn)).toEqual({ 'Fn::GetAtt': [graphId, 'Arn'] });
    expect(resources(stack, 'AWS::Detective::OrganizationAdmin')).toEqual([]);
    expect(callsOf(stack)).toHaveLength(1);
  });

  test('the calls run with a role of their own: the shared provider role may only assume it', () => {
    const inline = resources(stack, 'AWS::IAM::Policy').flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(JSON.stringify(inline)).not.toMatch(/inspector2:|macie2:|organizations:/);
    expect(inline.map((s: any) => s.Action)).toEqual(['sts:AssumeRole']);
  });
});

describe('ThreatDetectionServices options', () => {
  test('management account: Inspector and Macie delegated by SDK calls, Detective by AWS::Detective::OrganizationAdmin, removed on delete', () => {
    const stack = propertyTestStack();
    new ThreatDetectionServices(stack, 'ThreatDetection', { delegatedAdminAccountId: '444455556666' });
    const calls = callsOf(stack);
    const inspector = calls.find((c) => c.id.startsWith('ThreatDetectionInspectorDelegatedAdmin'))!;
    expect(inspector.create).toMatchObject({ service: 'Inspector2', action: 'enableDelegatedAdminAccount', parameters: { delegatedAdminAccountId: '444455556666' } });
    expect(inspector.del).toMatchObject({ action: 'disableDelegatedAdminAccount', parameters: { delegatedAdminAccountId: '444455556666' } });
    const macie = calls.find((c) => c.id.startsWith('ThreatDetectionMacieDelegatedAdmin'))!;
    expect(macie.create).toMatchObject({ service: 'Macie2', action: 'enableOrganizationAdminAccount', parameters: { adminAccountId: '444455556666' } });
    expect(macie.del).toMatchObject({ action: 'disableOrganizationAdminAccount', parameters: { adminAccountId: '444455556666' } });
    expect(macie.dependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^ThreatDetectionMacieSession/)]));
    const [admin] = entries(stack, 'AWS::Detective::OrganizationAdmin');
    expect(admin[1].Properties).toEqual({ AccountId: '444455556666' });
    for (const prefix of ['ThreatDetectionInspectorDelegatedAdminPolicy', 'ThreatDetectionMacieDelegatedAdminPolicy']) {
      const statements = policyOf(stack, prefix);
      const register = statements.find((s: any) => [s.Action].flat().includes('organizations:RegisterDelegatedAdministrator'));
      expect(register.Resource).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':organizations::111122223333:account/o-*/444455556666']] });
      expect(Object.keys(register.Condition.StringEquals)).toEqual(['organizations:ServicePrincipal']);
    }
    expect(policyOf(stack, 'ThreatDetectionMacieDelegatedAdminPolicy')[1].Condition).toEqual({ StringEquals: { 'organizations:ServicePrincipal': ['macie.amazonaws.com'] } });
  });

  test('delegated administrator: new members auto-enabled for each service, turned off on delete', () => {
    const stack = propertyTestStack();
    new ThreatDetectionServices(stack, 'ThreatDetection', { autoEnableMembers: true, macieAutomatedDiscovery: true });
    const calls = callsOf(stack);
    const inspector = calls.find((c) => c.id.startsWith('ThreatDetectionInspectorOrganizationConfiguration'))!;
    expect(inspector.create).toMatchObject({ action: 'updateOrganizationConfiguration', parameters: { autoEnable: { ec2: true, ecr: true, lambda: true, lambdaCode: true } } });
    expect(inspector.del.parameters.autoEnable).toEqual({ ec2: false, ecr: false, lambda: false, lambdaCode: false });
    expect(inspector.dependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^ThreatDetectionInspectorScanning/)]));
    const macie = calls.find((c) => c.id.startsWith('ThreatDetectionMacieOrganizationConfiguration'))!;
    expect([macie.create.parameters, macie.del.parameters]).toEqual([{ autoEnable: true }, { autoEnable: false }]);
    const discovery = calls.find((c) => c.id.startsWith('ThreatDetectionMacieAutomatedDiscovery'))!;
    expect([discovery.create.parameters, discovery.del.parameters]).toEqual([
      { status: 'ENABLED', autoEnableOrganizationMembers: 'NEW' }, { status: 'DISABLED', autoEnableOrganizationMembers: 'NONE' },
    ]);
    expect(resources(stack, 'AWS::Detective::Graph')[0].Properties).toEqual({ AutoEnableMembers: true });
  });

  test('services can be turned off one by one', () => {
    const stack = propertyTestStack();
    new ThreatDetectionServices(stack, 'ThreatDetection', { disableInspector: true, disableDetective: true });
    expect(resources(stack, 'Custom::AWS')).toEqual([]);
    expect(resources(stack, 'AWS::Detective::Graph')).toEqual([]);
    expect(resources(stack, 'AWS::Macie::Session')).toHaveLength(1);
  });

  test('any combination of valid props synthesizes, with one resource per service that is on', () => {
    fc.assert(fc.property(
      fc.record({
        disableInspector: fc.boolean(), disableDetective: fc.boolean(), macieAutomatedDiscovery: fc.boolean(), autoEnableMembers: fc.boolean(),
      }),
      (p) => {
        const stack = propertyTestStack();
        new ThreatDetectionServices(stack, 'ThreatDetection', p);
        expect(resources(stack, 'AWS::Detective::Graph')).toHaveLength(p.disableDetective ? 0 : 1);
        const inspector = p.disableInspector ? 0 : 1 + (p.autoEnableMembers ? 1 : 0);
        const expected = inspector + (p.autoEnableMembers ? 1 : 0) + (p.macieAutomatedDiscovery ? 1 : 0);
        expect(resources(stack, 'Custom::AWS')).toHaveLength(expected);
      },
    ), { numRuns: 6 });
  });

  test('JavaScript callers who pass undefined props get the defaults', () => {
    new ThreatDetectionServices(propertyTestStack(), 'ThreatDetection', undefined as any);
  });

  test('one per account and region', () => {
    const stack = propertyTestStack();
    new ThreatDetectionServices(stack, 'ThreatDetection');
    expect(() => new ThreatDetectionServices(stack, 'Again')).toThrow(/invalid 'ThreatDetectionServices': must be the only one for account 111122223333 and region eu-west-1/);
  });
});

describe('ThreatDetectionServices invalid input', () => {
  test.each<[string, any, string]>([
    ['short account id', { delegatedAdminAccountId: '44445555666' }, "invalid 'delegatedAdminAccountId': must be a 12-digit account id (got '44445555666')"],
    ['account id with letters', { delegatedAdminAccountId: '44445555666a' }, "invalid 'delegatedAdminAccountId': must be a 12-digit account id"],
    ['management and delegated admin at once', { delegatedAdminAccountId: '444455556666', autoEnableMembers: true }, "invalid 'delegatedAdminAccountId': cannot be combined with 'autoEnableMembers'"],
    ['everything off', { disableInspector: true, disableMacie: true, disableDetective: true }, "invalid 'disableDetective': leaves nothing on"],
    ['discovery without Macie', { disableMacie: true, macieAutomatedDiscovery: true }, "invalid 'macieAutomatedDiscovery': needs Macie"],
    ['string for a boolean', { autoEnableMembers: 'true' }, "invalid 'autoEnableMembers': must be true or false"],
    ['number for a boolean', { disableInspector: 1 }, "invalid 'disableInspector': must be true or false"],
    ['string for discovery', { macieAutomatedDiscovery: 'yes' }, "invalid 'macieAutomatedDiscovery': must be true or false"],
    ['null for disableMacie', { disableMacie: null }, "invalid 'disableMacie': must be true or false"],
    ['props an array', [], "invalid 'props': must be an object of props"],
    ['props a string', 'inspector', "invalid 'props': must be an object of props"],
  ])('%s', (_name, props, message) => {
    const error = rejectionOf('ThreatDetection', () => props, (s, id, p) => new ThreatDetectionServices(s, id, p));
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/ThreatDetection: ${message}`);
  });
});

describe('ThreatDetectionServices compliance (all six cdk-nag packs + FortressChecks)', () => {
  const ackList = (stack: Stack) => Acknowledgments.list(stack).filter((a) => a.constructPath.startsWith('Stack/ThreatDetection')).map((a) => `${a.constructPath} ${a.ruleId}`).sort();
  const CR_INLINE = (id: string) => ['HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321'].map((p) => `Stack/ThreatDetection/${id}/CustomResourcePolicy ${p}-IAMNoInlinePolicy`);

  test('defaults: exactly these acknowledgments', () => {
    const stack = complianceTestStack();
    new ThreatDetectionServices(stack, 'ThreatDetection');
    expectCompliant(stack);
    expect(ackList(stack)).toEqual(([
      ...CR_INLINE('InspectorScanning'),
      'Stack/ThreatDetection/InspectorScanningPolicy AwsSolutions-IAM5[Resource::*]',
      'Stack/ThreatDetection/InspectorScanningPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::111122223333:role/aws-service-role/inspector2.amazonaws.com/*]',
      'Stack/ThreatDetection/InspectorScanningPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::111122223333:role/aws-service-role/agentless.inspector2.amazonaws.com/*]',
    ] as string[]).sort());
  });

  test('management account: exactly these acknowledgments', () => {
    const stack = complianceTestStack();
    new ThreatDetectionServices(stack, 'ThreatDetection', { delegatedAdminAccountId: '444455556666' });
    expectCompliant(stack);
    const org = 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:organizations::111122223333:account/o-*/444455556666]';
    expect(ackList(stack)).toEqual(([
      ...CR_INLINE('InspectorScanning'),
      'Stack/ThreatDetection/InspectorScanningPolicy AwsSolutions-IAM5[Resource::*]',
      'Stack/ThreatDetection/InspectorScanningPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::111122223333:role/aws-service-role/inspector2.amazonaws.com/*]',
      'Stack/ThreatDetection/InspectorScanningPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::111122223333:role/aws-service-role/agentless.inspector2.amazonaws.com/*]',
      ...CR_INLINE('InspectorDelegatedAdmin'),
      'Stack/ThreatDetection/InspectorDelegatedAdminPolicy AwsSolutions-IAM5[Resource::*]',
      `Stack/ThreatDetection/InspectorDelegatedAdminPolicy ${org}`,
      ...CR_INLINE('MacieDelegatedAdmin'),
      'Stack/ThreatDetection/MacieDelegatedAdminPolicy AwsSolutions-IAM5[Resource::*]',
      `Stack/ThreatDetection/MacieDelegatedAdminPolicy ${org}`,
    ] as string[]).sort());
  });

  test('delegated administrator with automated discovery: exactly these acknowledgments', () => {
    const stack = complianceTestStack();
    new ThreatDetectionServices(stack, 'ThreatDetection', { autoEnableMembers: true, macieAutomatedDiscovery: true });
    expectCompliant(stack);
    expect(ackList(stack)).toEqual(([
      ...CR_INLINE('InspectorScanning'),
      'Stack/ThreatDetection/InspectorScanningPolicy AwsSolutions-IAM5[Resource::*]',
      'Stack/ThreatDetection/InspectorScanningPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::111122223333:role/aws-service-role/inspector2.amazonaws.com/*]',
      'Stack/ThreatDetection/InspectorScanningPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::111122223333:role/aws-service-role/agentless.inspector2.amazonaws.com/*]',
      ...CR_INLINE('InspectorOrganizationConfiguration'),
      'Stack/ThreatDetection/InspectorOrganizationConfigurationPolicy AwsSolutions-IAM5[Resource::*]',
      ...CR_INLINE('MacieAutomatedDiscovery'),
      'Stack/ThreatDetection/MacieAutomatedDiscoveryPolicy AwsSolutions-IAM5[Resource::*]',
      ...CR_INLINE('MacieOrganizationConfiguration'),
      'Stack/ThreatDetection/MacieOrganizationConfigurationPolicy AwsSolutions-IAM5[Resource::*]',
    ] as string[]).sort());
  });
});
