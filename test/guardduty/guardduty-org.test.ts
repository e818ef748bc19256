import * as guarddutySdk from '@aws-sdk/client-guardduty';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Acknowledgments, EncryptedBucket, FortressErrors, GuardDutyAutoEnable, GuardDutyOrg, GuardDutyOrgProps, GuardDutyProtection, KeyPurpose, KmsKeyRing, SecurityNotificationsTopic } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestApp, propertyTestStack } from '../compliance';

const resources = (stack: Stack, type: string) => Object.values<any>(Template.fromStack(stack).findResources(type));
const sdkCalls = (stack: Stack) => resources(stack, 'Custom::AWS').map((r) => ({
  create: JSON.parse(JSON.stringify(r.Properties.Create)), update: r.Properties.Update, del: r.Properties.Delete,
}));
/** AwsCustomResource serializes each call as a JSON string with tokens spliced in: read back service, action and parameters. */
const callOf = (serialized: any) => JSON.parse(typeof serialized === 'string' ? serialized : serialized['Fn::Join'][1].map((p: any) => (typeof p === 'string' ? p : 'TOKEN')).join(''));

describe('GuardDutyOrg defaults', () => {
  const stack = propertyTestStack();
  const gd = new GuardDutyOrg(stack, 'GuardDuty');
  const logsKey = stack.getLogicalId(KmsKeyRing.of(stack).key(KeyPurpose.LOGS).node.defaultChild as kms.CfnKey);

  test('a detector publishing every 15 minutes with every protection plan and the managed runtime agents on', () => {
    const [detector] = resources(stack, 'AWS::GuardDuty::Detector');
    expect(detector.Properties).toEqual({
      Enable: true,
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
      Features: [
        { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }, { Name: 'EKS_AUDIT_LOGS', Status: 'ENABLED' }, { Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' },
        { Name: 'RDS_LOGIN_EVENTS', Status: 'ENABLED' }, { Name: 'LAMBDA_NETWORK_LOGS', Status: 'ENABLED' },
        {
          Name: 'RUNTIME_MONITORING',
          Status: 'ENABLED',
          AdditionalConfiguration: [
            { Name: 'EKS_ADDON_MANAGEMENT', Status: 'ENABLED' }, { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'ENABLED' }, { Name: 'EC2_AGENT_MANAGEMENT', Status: 'ENABLED' },
          ],
        },
      ],
    });
  });

  test('findings exported to an EncryptedBucket under the logs key; GuardDuty admitted for this detector and account only', () => {
    expect(gd.findingsBucket).toBeInstanceOf(EncryptedBucket);
    const [destination] = resources(stack, 'AWS::GuardDuty::PublishingDestination');
    expect(destination.Properties.DestinationType).toBe('S3');
    expect(destination.Properties.DestinationProperties.KmsKeyArn).toEqual({ 'Fn::GetAtt': [logsKey, 'Arn'] });
    expect(destination.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^GuardDutyFindingsBucketPolicy/)]));
    const statements = resources(stack, 'AWS::S3::BucketPolicy').flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => s.Principal?.Service === 'guardduty.amazonaws.com');
    expect(statements.map((s: any) => s.Action)).toEqual(['s3:GetBucketLocation', 's3:PutObject']);
    for (const s of statements) {
      expect(Object.keys(s.Condition.StringEquals).sort()).toEqual(['aws:SourceAccount', 'aws:SourceArn']);
      expect(JSON.stringify(s.Condition.StringEquals['aws:SourceArn'])).toContain(':detector/');
    }
  });

  test('findings of severity 7 and above go to the security-notifications topic, with the dead-letter queue', () => {
    const [rule] = resources(stack, 'AWS::Events::Rule');
    expect(rule.Properties.EventPattern).toEqual({ 'source': ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], 'detail': { severity: [{ numeric: ['>=', 7] }] } });
    const topic = stack.getLogicalId(SecurityNotificationsTopic.of(stack).node.defaultChild as any);
    expect(rule.Properties.Targets[0]).toMatchObject({ Arn: { Ref: topic }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^FortressUndeliveredAlerts/), 'Arn'] } } });
  });

  test('no custom resources (no organization mode)', () => {
    expect(resources(stack, 'Custom::AWS')).toEqual([]);
  });
});

describe('GuardDutyOrg options', () => {
  test('protection plans can be turned off: explicit, acknowledged, warned about', () => {
    const stack = propertyTestStack();
    new GuardDutyOrg(stack, 'GuardDuty', { disabledProtections: [GuardDutyProtection.RUNTIME_MONITORING, GuardDutyProtection.EBS_MALWARE_PROTECTION] });
    const features = resources(stack, 'AWS::GuardDuty::Detector')[0].Properties.Features;
    expect(features.filter((f: any) => f.Status === 'DISABLED').map((f: any) => f.Name)).toEqual(['EBS_MALWARE_PROTECTION', 'RUNTIME_MONITORING']);
    expect(Acknowledgments.list(stack).map((a) => `${a.constructPath} ${a.ruleId}`)).toContain('Stack/GuardDuty/Resource Fortress-GuardDutyAllProtectionPlans');
  });

  test('an existing detector is adopted; severity, topic subscriptions and a bucket of your own', () => {
    const stack = propertyTestStack();
    const bucket = new EncryptedBucket(stack, 'Findings', { encryptionKey: KmsKeyRing.of(stack).key(KeyPurpose.LOGS) });
    new GuardDutyOrg(stack, 'GuardDuty', {
      existingDetectorId: '12abc34d567e8fa901bc2d34e56789f0',
      findingsBucket: bucket,
      alertSeverity: 4,
      alertEmails: ['security@example.com'],
      alertHttpsEndpoints: ['https://hooks.example.com/guardduty'],
    });
    expect(resources(stack, 'AWS::GuardDuty::Detector')).toEqual([]);
    expect(resources(stack, 'AWS::GuardDuty::PublishingDestination')[0].Properties.DetectorId).toBe('12abc34d567e8fa901bc2d34e56789f0');
    expect(resources(stack, 'AWS::Events::Rule')[0].Properties.EventPattern.detail.severity).toEqual([{ numeric: ['>=', 4] }]);
    const subscriptions = resources(stack, 'AWS::SNS::Subscription');
    expect(subscriptions.map((s) => [s.Properties.Protocol, s.Properties.Endpoint])).toEqual([['email', 'security@example.com'], ['https', 'https://hooks.example.com/guardduty']]);
    for (const s of subscriptions) expect(s.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringMatching(/^FortressUndeliveredAlerts/), 'Arn'] } });
  });

  test('management account: the delegated administrator is designated on create and removed on delete, with real SDK actions', () => {
    const stack = propertyTestStack();
    new GuardDutyOrg(stack, 'GuardDuty', { delegatedAdminAccountId: '444455556666' });
    const [call] = sdkCalls(stack);
    expect(callOf(call.create)).toMatchObject({ service: 'GuardDuty', action: 'enableOrganizationAdminAccount', parameters: { AdminAccountId: '444455556666' } });
    expect(callOf(call.del)).toMatchObject({ service: 'GuardDuty', action: 'disableOrganizationAdminAccount', parameters: { AdminAccountId: '444455556666' } });
    const policy = JSON.stringify(resources(stack, 'AWS::IAM::ManagedPolicy').find((p) => JSON.stringify(p).includes('EnableOrganizationAdminAccount')));
    for (const permission of ['organizations:ListAccounts', 'organizations:DescribeAccount', 'organizations:DescribeOrganizationalUnit', 'organizations:RegisterDelegatedAdministrator']) {
      expect(policy).toContain(permission);
    }
    for (const action of ['enableOrganizationAdminAccount', 'disableOrganizationAdminAccount']) {
      expect((guarddutySdk as any)[`${action.charAt(0).toUpperCase()}${action.slice(1)}Command`]).toBeDefined();
    }
  });

  test('delegated administrator: members auto-enabled with the plans that are on here, turned off on delete', () => {
    const stack = propertyTestStack();
    new GuardDutyOrg(stack, 'GuardDuty', { autoEnableMembers: GuardDutyAutoEnable.NEW, disabledProtections: [GuardDutyProtection.LAMBDA_NETWORK_LOGS] });
    const [call] = sdkCalls(stack);
    const create = callOf(call.create);
    expect(create).toMatchObject({ service: 'GuardDuty', action: 'updateOrganizationConfiguration', parameters: { AutoEnableOrganizationMembers: 'NEW' } });
    expect(create.parameters.Features.map((f: any) => f.Name)).toEqual(['S3_DATA_EVENTS', 'EKS_AUDIT_LOGS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'RUNTIME_MONITORING']);
    expect(callOf(call.del).parameters.AutoEnableOrganizationMembers).toBe('NONE');
    expect((guarddutySdk as any).UpdateOrganizationConfigurationCommand).toBeDefined();
    const policy = resources(stack, 'AWS::IAM::ManagedPolicy').find((p) => JSON.stringify(p).includes('UpdateOrganizationConfiguration'));
    expect(policy.Properties.PolicyDocument.Statement).toEqual([expect.objectContaining({
      Action: 'guardduty:UpdateOrganizationConfiguration',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':guardduty:eu-west-1:111122223333:detector/', { Ref: expect.stringMatching(/^GuardDuty/) }]] },
    })]);
  });

  test('invalid input', () => {
    const cases: Array<[GuardDutyOrgProps, string]> = [
      [{ delegatedAdminAccountId: '44445555666' }, "invalid 'delegatedAdminAccountId': must be a 12-digit account id (got '44445555666')"],
      [{ alertSeverity: 0 }, "invalid 'alertSeverity': must be a severity from 1.0 to 10.0"],
      [{ alertSeverity: 11 }, "invalid 'alertSeverity'"],
      [{ delegatedAdminAccountId: '444455556666', autoEnableMembers: GuardDutyAutoEnable.ALL }, "invalid 'delegatedAdminAccountId': cannot be combined with 'autoEnableMembers'"],
      [{ existingDetectorId: 'abc' }, "invalid 'existingDetectorId': must be a detector id"],
      [{ existingDetectorId: '12abc34d567e8fa901bc2d34e56789f0', disabledProtections: [GuardDutyProtection.S3_DATA_EVENTS] }, "invalid 'disabledProtections': cannot be combined with existingDetectorId"],
      [{ disabledProtections: [GuardDutyProtection.S3_DATA_EVENTS, GuardDutyProtection.S3_DATA_EVENTS] }, "invalid 'disabledProtections': must not repeat entries"],
      [{ autoEnableMembers: 'SOME' as GuardDutyAutoEnable }, "invalid 'autoEnableMembers': must be one of \"ALL\", \"NEW\""],
    ];
    for (const [props, message] of cases) {
      let error: unknown;
      try { new GuardDutyOrg(propertyTestStack(), 'GuardDuty', props); } catch (e) { error = e; }
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toContain(`[cdk-fortress] Stack/GuardDuty: ${message}`);
    }
    const keyed = propertyTestStack();
    expect(() => new GuardDutyOrg(keyed, 'GuardDuty', { findingsBucket: new EncryptedBucket(keyed, 'Data') })).toThrow(/invalid 'findingsBucket': must be encrypted with the key ring's logs key/);
    expect(() => new GuardDutyOrg(propertyTestStack(), 'GuardDuty', { alertEmails: ['not-an-email'] })).toThrow(/invalid 'addEmailSubscription': must be an email address/);
    expect(() => new GuardDutyOrg(propertyTestStack(), 'GuardDuty', { alertHttpsEndpoints: ['http://hooks.example.com'] })).toThrow(/invalid 'addHttpsSubscription': must be an https:\/\/ URL/);
  });
});

describe('GuardDutyOrg organization permissions (issue 12 item 4)', () => {
  const stack = propertyTestStack();
  new GuardDutyOrg(stack, 'GuardDuty', { delegatedAdminAccountId: '444455556666' });
  const statementsOf = (type: string) => resources(stack, type).flatMap((p) => p.Properties.PolicyDocument.Statement);
  const ORG_WRITES = ['organizations:EnableAWSServiceAccess', 'organizations:RegisterDelegatedAdministrator', 'organizations:DeregisterDelegatedAdministrator'];

  test('the Organizations write actions are conditioned on GuardDuty\'s service principals', () => {
    const statements = statementsOf('AWS::IAM::ManagedPolicy').filter((s: any) => [s.Action].flat().some((a: string) => ORG_WRITES.includes(a)));
    expect(statements.flatMap((s: any) => [s.Action].flat()).sort()).toEqual([...ORG_WRITES].sort());
    for (const s of statements) {
      expect(s.Condition).toEqual({ StringEquals: { 'organizations:ServicePrincipal': ['guardduty.amazonaws.com', 'malware-protection.guardduty.amazonaws.com'] } });
    }
    const register = statements.find((s: any) => [s.Action].flat().includes('organizations:RegisterDelegatedAdministrator'));
    expect(register.Resource).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':organizations::111122223333:account/o-*/444455556666']] });
  });

  test('the calls run with a role of their own: the shared provider role may only assume it', () => {
    const inline = statementsOf('AWS::IAM::Policy');
    expect(JSON.stringify(inline)).not.toMatch(/organizations:|guardduty:/);
    const [role] = Object.entries<any>(Template.fromStack(stack).findResources('AWS::IAM::Role')).filter(([id]) => id.startsWith('GuardDutyDelegatedAdminRole'));
    expect(role[1].Properties.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({
      Action: 'sts:AssumeRole', Principal: { AWS: { 'Fn::GetAtt': [expect.stringMatching(/^AWS679f53fac002430cb0da5b7982bd2287ServiceRole/), 'Arn'] } },
    })]);
    const assume = inline.filter((s: any) => s.Action === 'sts:AssumeRole');
    expect(assume).toEqual([expect.objectContaining({ Resource: { 'Fn::GetAtt': [role[0], 'Arn'] } })]);
    const [call] = sdkCalls(stack);
    expect(JSON.stringify(call.create)).toContain(role[0]);
    expect(JSON.stringify(call.del)).toContain(role[0]);
  });

  test('acknowledgments are narrow: inline policy on the custom resource\'s own policy, wildcards on the dedicated policy, finding by finding', () => {
    const acks = Acknowledgments.list(stack).filter((a) => a.constructPath.startsWith('Stack/GuardDuty/DelegatedAdmin')).map((a) => `${a.constructPath} ${a.ruleId}`);
    expect(acks).toEqual([
      'Stack/GuardDuty/DelegatedAdmin/CustomResourcePolicy HIPAA.Security-IAMNoInlinePolicy',
      'Stack/GuardDuty/DelegatedAdmin/CustomResourcePolicy NIST.800.53.R4-IAMNoInlinePolicy',
      'Stack/GuardDuty/DelegatedAdmin/CustomResourcePolicy NIST.800.53.R5-IAMNoInlinePolicy',
      'Stack/GuardDuty/DelegatedAdmin/CustomResourcePolicy PCI.DSS.321-IAMNoInlinePolicy',
      'Stack/GuardDuty/DelegatedAdminPolicy AwsSolutions-IAM5[Resource::*]',
      'Stack/GuardDuty/DelegatedAdminPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::111122223333:role/aws-service-role/guardduty.amazonaws.com/*]',
      'Stack/GuardDuty/DelegatedAdminPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:organizations::111122223333:account/o-*/444455556666]',
    ]);
  });
});

describe('GuardDutyOrg dependencies (issue 12 item 15: no DependsOn cfn-lint reports as redundant, W3005)', () => {
  test('the findings export and the organization configuration are ordered by their Ref to the detector, not a DependsOn', () => {
    const stack = propertyTestStack();
    new GuardDutyOrg(stack, 'GuardDuty', { autoEnableMembers: GuardDutyAutoEnable.ALL });
    const template = Template.fromStack(stack).toJSON().Resources;
    const detector = Object.keys(template).find((id) => template[id].Type === 'AWS::GuardDuty::Detector')!;
    for (const [id, resource] of Object.entries<any>(template)) {
      if (JSON.stringify(resource.Properties ?? {}).includes(`"${detector}"`)) expect([id, resource.DependsOn ?? []]).toEqual([id, expect.not.arrayContaining([detector])]);
    }
  });
});

test('JavaScript callers who pass undefined props get the defaults', () => {
  new GuardDutyOrg(propertyTestStack(), 'GuardDuty', undefined as any);
});

describe('GuardDutyOrg: one per account and region (issue 12 item 6)', () => {
  test('a second in the same stack is refused, naming both', () => {
    const stack = propertyTestStack();
    new GuardDutyOrg(stack, 'GuardDuty');
    let error: unknown;
    try { new GuardDutyOrg(stack, 'Again'); } catch (e) { error = e; }
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^\[cdk-fortress\] Stack\/Again: invalid 'GuardDutyOrg': must be the only one for account 111122223333 and region eu-west-1: Stack\/GuardDuty already is, and GuardDuty has one detector per account and region/);
  });

  test('a second in another stack of the same App and environment is refused; other regions and env-agnostic stacks are not compared', () => {
    const app = propertyTestApp();
    new GuardDutyOrg(new Stack(app, 'A', { env: { account: '111122223333', region: 'eu-west-1' } }), 'GuardDuty');
    expect(() => new GuardDutyOrg(new Stack(app, 'B', { env: { account: '111122223333', region: 'eu-west-1' } }), 'GuardDuty'))
      .toThrow("[cdk-fortress] B/GuardDuty: invalid 'GuardDutyOrg': must be the only one for account 111122223333 and region eu-west-1: A/GuardDuty already is");
    new GuardDutyOrg(new Stack(app, 'C', { env: { account: '111122223333', region: 'us-east-1' } }), 'GuardDuty');
    new GuardDutyOrg(new Stack(app, 'D'), 'GuardDuty');
    new GuardDutyOrg(new Stack(app, 'E'), 'GuardDuty');
    const agnostic = new Stack(new App(), 'F');
    new GuardDutyOrg(agnostic, 'GuardDuty');
    expect(() => new GuardDutyOrg(agnostic, 'Again')).toThrow(/must be the only one for environment-agnostic stack F: F\/GuardDuty already is/);
  });
});

describe('GuardDutyOrg compliance (all six cdk-nag packs + FortressChecks + CloudFormation validation)', () => {
  test.each<[string, GuardDutyOrgProps]>([
    ['defaults', {}],
    ['management account with subscriptions', { delegatedAdminAccountId: '444455556666', alertEmails: ['security@example.com'], alertHttpsEndpoints: ['https://hooks.example.com/x'] }],
    ['delegated administrator', { autoEnableMembers: GuardDutyAutoEnable.ALL }],
    ['plans turned off, adopted elsewhere', { disabledProtections: [GuardDutyProtection.RUNTIME_MONITORING] }],
  ])('GIVEN %s THEN no unacknowledged error', (_name, props) => {
    const stack = complianceTestStack();
    new GuardDutyOrg(stack, 'GuardDuty', props);
    expectCompliant(stack);
  });

  test('the custom-resource provider is acknowledged once per stack, on aws-cdk-lib\'s constructs only', () => {
    const stack = complianceTestStack();
    new GuardDutyOrg(stack, 'GuardDuty', { delegatedAdminAccountId: '444455556666' });
    const acks = expectCompliant(stack).acknowledgments.filter((a) => a.constructPath.startsWith('Stack/AWS679f53fac002430cb0da5b7982bd2287'));
    expect(new Set(acks.map((a) => a.ruleId)).size).toBe(acks.length);
    expect(acks.map((a) => a.ruleId)).toEqual(expect.arrayContaining(['HIPAA.Security-LambdaInsideVPC', 'Serverless-LambdaDLQ']));
  });
});
