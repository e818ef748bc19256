import { Validations } from 'aws-cdk-lib';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import { ruleTestStack, violationsOf } from '../rule-harness';

const ALL = ['S3_DATA_EVENTS', 'EKS_AUDIT_LOGS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'LAMBDA_NETWORK_LOGS', 'RUNTIME_MONITORING'];
const detector = (stack: ReturnType<typeof ruleTestStack>, statuses: Record<string, string>, enable = true) => new guardduty.CfnDetector(stack, 'Detector', {
  enable, features: ALL.map((name) => ({ name, status: statuses[name] ?? 'ENABLED' })),
});

describe('GuardDutyAllProtectionPlans', () => {
  const RULE = 'GuardDutyAllProtectionPlans';
  test('Noncompliance 1: a plan disabled', () => {
    const stack = ruleTestStack();
    detector(stack, { RUNTIME_MONITORING: 'DISABLED' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Detector']);
  });
  test('Noncompliance 2: plans left unspecified (no features)', () => {
    const stack = ruleTestStack();
    new guardduty.CfnDetector(stack, 'Detector', { enable: true });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Detector']);
  });
  test('Compliance: every plan enabled', () => {
    const stack = ruleTestStack();
    detector(stack, {});
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('GuardDutyDetectorEnabled', () => {
  test('Noncompliance 1: the detector itself disabled, even when acknowledged on it', () => {
    const stack = ruleTestStack();
    const off = detector(stack, {}, false);
    Validations.of(off).acknowledge({ id: 'Fortress-GuardDutyDetectorEnabled', reason: 'We switch the detector off in this account because costs are too high for us.' });
    expect(violationsOf(stack, 'GuardDutyDetectorEnabled')).toEqual(['RuleTest/Detector']);
  });
  test('Noncompliance 2: switched off through an escape hatch', () => {
    const stack = ruleTestStack();
    detector(stack, {}).addPropertyOverride('Enable', false);
    expect(violationsOf(stack, 'GuardDutyDetectorEnabled')).toEqual(['RuleTest/Detector']);
  });
  test('Compliance: enabled', () => {
    const stack = ruleTestStack();
    detector(stack, {});
    expect(violationsOf(stack, 'GuardDutyDetectorEnabled')).toEqual([]);
  });
});

describe('GuardDutyFindingsExportedEncrypted', () => {
  const RULE = 'GuardDutyFindingsExportedEncrypted';
  test('Noncompliance 1: no publishing destination', () => {
    const stack = ruleTestStack();
    detector(stack, {});
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Detector']);
  });
  test('Noncompliance 2: a destination without a KMS key', () => {
    const stack = ruleTestStack();
    const d = detector(stack, {});
    new guardduty.CfnPublishingDestination(stack, 'Export', { detectorId: d.ref, destinationType: 'S3', destinationProperties: { destinationArn: 'arn:aws:s3:::findings' } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Detector']);
  });
  test('Compliance: exported with a KMS key', () => {
    const stack = ruleTestStack();
    const d = detector(stack, {});
    new guardduty.CfnPublishingDestination(stack, 'Export', {
      detectorId: d.ref, destinationType: 'S3', destinationProperties: { destinationArn: 'arn:aws:s3:::findings', kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/abc' },
    });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('GuardDutyFilterArchivesNarrowly', () => {
  const RULE = 'GuardDutyFilterArchivesNarrowly';
  const filter = (criterion: Record<string, unknown>, action = 'ARCHIVE') => {
    const stack = ruleTestStack();
    new guardduty.CfnFilter(stack, 'Filter', { detectorId: 'd', name: 'f', action, rank: 1, findingCriteria: { criterion } });
    return violationsOf(stack, RULE);
  };
  const PORT_PROBE = { Eq: ['Recon:EC2/PortProbeUnprotectedPort'] };

  test.each<[string, Record<string, unknown>]>([
    ['every finding (severity >= 0)', { severity: { Gte: 0 } }],
    ['a whole finding type everywhere', { type: PORT_PROBE }],
    ['a resource, every type', { 'resource.instanceDetails.instanceId': { Eq: ['i-0123456789abcdef0'] } }],
    ['every type but one, for a resource', { 'type': { Neq: ['Backdoor:EC2/C&CActivity.B'] }, 'resource.instanceDetails.instanceId': { Eq: ['i-0123456789abcdef0'] } }],
  ])('Noncompliance: %s', (_name, criterion) => {
    expect(filter(criterion)).toEqual(['RuleTest/Filter']);
  });

  test('Compliance: one finding type for named resources; filters that do not archive', () => {
    expect(filter({ 'type': PORT_PROBE, 'resource.instanceDetails.tags.value': { Eq: ['bastion'] } })).toEqual([]);
    expect(filter({ severity: { Gte: 0 } }, 'NOOP')).toEqual([]);
  });
});
