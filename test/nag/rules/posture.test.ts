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
