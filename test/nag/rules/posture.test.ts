import { CfnResource } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { ruleTestStack, violationsOf } from '../rule-harness';

describe('ConfigRecorderAllResourceTypes', () => {
  const RULE = 'ConfigRecorderAllResourceTypes';
  test('Noncompliance 1: a list of resource types', () => {
    const stack = ruleTestStack();
    new config.CfnConfigurationRecorder(stack, 'Recorder', { roleArn: 'arn:aws:iam::111122223333:role/config', recordingGroup: { allSupported: false, resourceTypes: ['AWS::S3::Bucket'] } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Recorder']);
  });
  test('Noncompliance 2: no recording group', () => {
    const stack = ruleTestStack();
    new config.CfnConfigurationRecorder(stack, 'Recorder', { roleArn: 'arn:aws:iam::111122223333:role/config' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Recorder']);
  });
  test('Compliance: all supported types', () => {
    const stack = ruleTestStack();
    new config.CfnConfigurationRecorder(stack, 'Recorder', { roleArn: 'arn:aws:iam::111122223333:role/config', recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('SecurityHubStandardsExplicit', () => {
  const RULE = 'SecurityHubStandardsExplicit';
  test('Noncompliance 1: default standards left on (the CloudFormation default)', () => {
    const stack = ruleTestStack();
    new securityhub.CfnHub(stack, 'Hub', {});
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Hub']);
  });
  test('Compliance: EnableDefaultStandards false', () => {
    const stack = ruleTestStack();
    new securityhub.CfnHub(stack, 'Hub', { enableDefaultStandards: false });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('SecurityHubDisabledControlsReasoned', () => {
  const RULE = 'SecurityHubDisabledControlsReasoned';
  const arn = 'arn:aws:securityhub:eu-west-1:111122223333:control/aws-foundational-security-best-practices/v/1.0.0/IAM.6';
  test('Noncompliance 1: a disabled control without a reason', () => {
    const stack = ruleTestStack();
    new securityhub.CfnStandard(stack, 'Fsbp', { standardsArn: 'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0', disabledStandardsControls: [{ standardsControlArn: arn }] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Fsbp']);
  });
  test('Noncompliance 2: a blank reason', () => {
    const stack = ruleTestStack();
    new securityhub.CfnStandard(stack, 'Fsbp', { standardsArn: 'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0', disabledStandardsControls: [{ standardsControlArn: arn, reason: ' ' }] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Fsbp']);
  });
  test('Compliance: reasons given; no disabled controls', () => {
    const stack = ruleTestStack();
    new securityhub.CfnStandard(stack, 'Fsbp', { standardsArn: 'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0', disabledStandardsControls: [{ standardsControlArn: arn, reason: 'Hardware MFA for root is kept in a safe.' }] });
    new securityhub.CfnStandard(stack, 'Nist', { standardsArn: 'arn:aws:securityhub:eu-west-1::standards/nist-800-53/v/5.0.0' });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('SecurityHubAutomationRuleNarrow', () => {
  const RULE = 'SecurityHubAutomationRuleNarrow';
  const rule = (status: string, criteria: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Rule', {
      type: 'AWS::SecurityHub::AutomationRule',
      properties: {
        RuleName: 'r',
        RuleOrder: 1,
        Description: 'd',
        RuleStatus: 'ENABLED',
        Criteria: criteria,
        Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Workflow: { Status: status } } }],
        ...extra,
      },
    });
    return violationsOf(stack, RULE);
  };

  test.each<[string, string, Record<string, unknown>]>([
    ['every finding suppressed (no criteria)', 'SUPPRESSED', {}],
    ['every CRITICAL finding resolved', 'RESOLVED', { SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }] }],
    ['every GuardDuty finding suppressed', 'SUPPRESSED', { ProductName: [{ Value: 'GuardDuty', Comparison: 'EQUALS' }] }],
    ['everything but one control suppressed', 'SUPPRESSED', { ComplianceSecurityControlId: [{ Value: 'S3.1', Comparison: 'NOT_EQUALS' }] }],
    ['a control id that is not a literal', 'SUPPRESSED', { ComplianceSecurityControlId: [{ Value: { Ref: 'Control' }, Comparison: 'EQUALS' }] }],
  ])('Noncompliance: %s', (_name, status, criteria) => {
    expect(rule(status, criteria)).toEqual(['RuleTest/Rule']);
  });

  test('Compliance: a named control or resource suppressed, a broad rule that only notifies, a disabled rule', () => {
    expect(rule('SUPPRESSED', { ComplianceSecurityControlId: [{ Value: 'S3.1', Comparison: 'EQUALS' }] })).toEqual([]);
    expect(rule('RESOLVED', { ResourceId: [{ Value: 'arn:aws:s3:::logs', Comparison: 'EQUALS' }] })).toEqual([]);
    expect(rule('NOTIFIED', { SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }] })).toEqual([]);
    expect(rule('SUPPRESSED', {}, { RuleStatus: 'DISABLED' })).toEqual([]);
  });
});
