import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AuditTrail, ConfigRecorder, FlowLogDestinationKind, GuardDutyOrg, KeyPurpose, KmsKeyRing, SecureVpc, SecurityAlarms, SecurityNotificationsTopic } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack } from '../compliance';

/** Key policy statements of the stack ring's key for `purpose`. */
function statementsOf(stack: Stack, purpose: KeyPurpose): any[] {
  const keys = Template.fromStack(stack).findResources('AWS::KMS::Key');
  const id = Object.keys(keys).find((k) => k.startsWith(`FortressKeyRing${purpose.name.charAt(0).toUpperCase()}${purpose.name.slice(1)}Key`));
  expect(id).toBeDefined();
  return keys[id!].Properties.KeyPolicy.Statement;
}

/** The service principals a key policy allows, sorted. */
function servicesOf(statements: any[]): string[] {
  return [...new Set(statements.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Principal?.Service ?? []].flat())
    .map((p: any) => (typeof p === 'string' ? p : JSON.stringify(p))))].sort();
}

const SOURCE_KEYS = ['aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'aws:SourceOrgPaths'];
const conditionKeys = (s: any) => Object.values<any>(s.Condition ?? {}).flatMap((entries) => Object.keys(entries));

describe('Messaging key: what AWS documents for publishers to encrypted topics and queues (issue 12.1)', () => {
  test('GIVEN the alert topic WHEN EventBridge publishes THEN its statement carries no aws:Source* key, only the SNS topic encryption context', () => {
    // GIVEN
    const stack = propertyTestStack();
    // WHEN
    SecurityNotificationsTopic.of(stack);
    // THEN: "Adding the aws:SourceAccount, aws:SourceArn, and aws:SourceOrgID to a AWS KMS policy is not
    // supported for EventBridge-to-encrypted topics" (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html)
    const toTopics = statementsOf(stack, KeyPurpose.MESSAGING)
      .filter((s) => s.Principal?.Service === 'events.amazonaws.com' && conditionKeys(s).some((k) => k.startsWith('kms:EncryptionContext:aws:sns')));
    expect(toTopics).toHaveLength(1);
    expect(conditionKeys(toTopics[0]).filter((k) => SOURCE_KEYS.includes(k))).toEqual([]);
    expect(toTopics[0]).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:sns:topicArn': {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']],
          },
        },
      },
    });
  });

  test('GIVEN the alert topic THEN no events.amazonaws.com statement is conditioned on aws:Source* alone (it would never match an SNS publish)', () => {
    const stack = propertyTestStack();
    SecurityNotificationsTopic.of(stack);
    const events = statementsOf(stack, KeyPurpose.MESSAGING).filter((s) => s.Principal?.Service === 'events.amazonaws.com');
    // The queue's statement (SourceAccount + SourceArn) only exists where the dead-letter queue does.
    for (const s of events) expect(conditionKeys(s).some((k) => k.startsWith('kms:EncryptionContext:') || SOURCE_KEYS.includes(k))).toBe(true);
    expect(events.filter((s) => !conditionKeys(s).some((k) => k.startsWith('kms:EncryptionContext:')))).toEqual([]);
  });

  test('GIVEN the undelivered-alerts queue THEN EventBridge and SNS may send to it from this account\'s rules and topics only', () => {
    const stack = propertyTestStack();
    SecurityNotificationsTopic.of(stack).addEmailSubscription('security@example.com');
    const statements = statementsOf(stack, KeyPurpose.MESSAGING);
    const arn = (service: string, resource: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:`, { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${resource}`]],
    });
    expect(statements.find((s) => s.Principal?.Service === 'events.amazonaws.com' && conditionKeys(s).includes('aws:SourceArn'))).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': arn('events', 'rule/*') } },
    });
    expect(statements.find((s) => s.Principal?.Service === 'sns.amazonaws.com')).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': arn('sns', '*') } },
    });
  });

  test('GIVEN CIS alarms THEN CloudWatch may publish for this account\'s alarms only', () => {
    const stack = propertyTestStack();
    new SecurityAlarms(stack, 'Alarms', { trail: new AuditTrail(stack, 'Trail') });
    expect(statementsOf(stack, KeyPurpose.MESSAGING).find((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com')).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:*']] } },
      },
    });
  });
});

/**
 * CT.KMS.PR.3's guard rule, as published (https://docs.aws.amazon.com/controltower/latest/controlreference/kms-rules.html#ct-kms-pr-3-description):
 * some statement is Effect Deny, Action only kms:CreateGrant, Principal "*" or {AWS: "*"}, Resource "*", and a
 * Condition with only BoolIfExists holding only kms:GrantIsForAWSResource "false" and aws:PrincipalIsAWSService "false".
 */
function passesCtKmsPr3(statements: any[]): boolean {
  return statements.some((s) => {
    const actions = [s.Action].flat();
    const resources = [s.Resource].flat();
    const principalIsAll = s.Principal === '*' || (typeof s.Principal === 'object' && s.Principal.AWS === '*');
    const condition = s.Condition ?? {};
    const bool = condition.BoolIfExists ?? {};
    return s.Effect === 'Deny' && actions.every((a) => a === 'kms:CreateGrant') && principalIsAll && resources.every((r) => r === '*')
      && Object.keys(condition).length === 1 && Object.keys(bool).sort().join() === 'aws:PrincipalIsAWSService,kms:GrantIsForAWSResource'
      && bool['kms:GrantIsForAWSResource'] === 'false' && bool['aws:PrincipalIsAWSService'] === 'false';
  });
}

describe('Grants only for AWS resources (issue 12.2, AWS Control Tower CT.KMS.PR.3)', () => {
  test.each([KeyPurpose.DATA, KeyPurpose.LOGS, KeyPurpose.SECRETS, KeyPurpose.MESSAGING, KeyPurpose.custom('payments')])(
    'GIVEN the %s key THEN its policy denies kms:CreateGrant unless an AWS service asks, in the exact shape CT.KMS.PR.3 checks', (purpose) => {
      const stack = propertyTestStack();
      KmsKeyRing.of(stack).key(purpose);
      const statements = Object.values<any>(Template.fromStack(stack).findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement;
      expect(passesCtKmsPr3(statements)).toBe(true);
      expect(statements.filter((s: any) => s.Effect === 'Deny')).toEqual([{
        Sid: 'DenyGrantsNotForAwsResources',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      }]);
    });

  test('the check itself: a deny that also names RetireGrant, or an extra condition, does not pass CT.KMS.PR.3', () => {
    const deny = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:CreateGrant', Resource: '*', Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } } };
    expect(passesCtKmsPr3([deny])).toBe(true);
    expect(passesCtKmsPr3([{ ...deny, Action: ['kms:CreateGrant', 'kms:RetireGrant'] }])).toBe(false);
    expect(passesCtKmsPr3([{ ...deny, Condition: { ...deny.Condition, StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }])).toBe(false);
  });

  test('GIVEN grantEncryptDecrypt THEN the grantee needs no kms:CreateGrant (the deny does not touch it)', () => {
    const stack = propertyTestStack();
    const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    KmsKeyRing.of(stack).grantEncryptDecrypt(role, KeyPurpose.DATA);
    const actions = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement).flatMap((s: any) => [s.Action].flat());
    expect(actions).toContain('kms:Decrypt');
    expect(actions).not.toContain('kms:CreateGrant');
  });
});

describe('Only the services a stack uses are trusted on its keys (issue 12.3)', () => {
  test('GIVEN only a SecureVpc THEN its logs key trusts CloudWatch Logs and no CloudTrail, Config, GuardDuty or log delivery', () => {
    const stack = propertyTestStack();
    new SecureVpc(stack, 'Vpc');
    expect(servicesOf(statementsOf(stack, KeyPurpose.LOGS))).toEqual([
      { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
    ].map((p) => JSON.stringify(p)));
  });

  test('GIVEN only a SecureVpc with S3 flow logs THEN its logs key trusts vended log delivery only', () => {
    const stack = propertyTestStack();
    new SecureVpc(stack, 'Vpc', { flowLogDestination: FlowLogDestinationKind.S3 });
    expect(servicesOf(statementsOf(stack, KeyPurpose.LOGS))).toEqual(['delivery.logs.amazonaws.com']);
  });

  test('GIVEN an AuditTrail THEN the logs key has the CloudTrail statements and CloudWatch Logs, nothing for Config or GuardDuty', () => {
    const stack = propertyTestStack();
    new AuditTrail(stack, 'Trail');
    const statements = statementsOf(stack, KeyPurpose.LOGS);
    expect(statements.map((s) => s.Sid)).toEqual(expect.arrayContaining(['AllowCloudTrailForThisAccountTrails', 'AllowCloudTrailToDescribeKey']));
    const services = servicesOf(statements);
    expect(services).toContain('cloudtrail.amazonaws.com');
    expect(services.filter((s) => /config|guardduty|delivery\.logs/.test(s))).toEqual([]);
  });

  test('GIVEN ConfigRecorder and GuardDutyOrg THEN each adds its own service to the shared logs key', () => {
    const config = propertyTestStack();
    new ConfigRecorder(config, 'Config');
    expect(servicesOf(statementsOf(config, KeyPurpose.LOGS))).toEqual(['config.amazonaws.com']);
    const both = propertyTestStack();
    new ConfigRecorder(both, 'Config');
    new GuardDutyOrg(both, 'GuardDuty');
    expect(servicesOf(statementsOf(both, KeyPurpose.LOGS))).toEqual(['config.amazonaws.com', 'guardduty.amazonaws.com']);
  });

  test('GIVEN a stack with only the alert topic (no subscription) THEN the messaging key trusts EventBridge and CloudWatch, not S3', () => {
    const stack = propertyTestStack();
    SecurityNotificationsTopic.of(stack);
    expect(servicesOf(statementsOf(stack, KeyPurpose.MESSAGING))).toEqual(['cloudwatch.amazonaws.com', 'events.amazonaws.com']);
  });

  test('compliance: a VPC, a trail, Config, GuardDuty and alarms sharing one ring pass every pack and FortressChecks', () => {
    const stack = complianceTestStack();
    new SecureVpc(stack, 'Vpc');
    const trail = new AuditTrail(stack, 'Trail');
    new ConfigRecorder(stack, 'Config');
    new GuardDutyOrg(stack, 'GuardDuty');
    new SecurityAlarms(stack, 'Alarms', { trail });
    expect(KmsKeyRing.of(stack).purposes).toEqual(['logs', 'messaging']);
    expectCompliant(stack);
  });
});
