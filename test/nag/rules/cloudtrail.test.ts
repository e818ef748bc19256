import { Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { ruleTestStack, violationsOf } from '../rule-harness';

describe('CloudTrailMultiRegionValidatedEncrypted', () => {
  const RULE = 'CloudTrailMultiRegionValidatedEncrypted';
  const trail = (overrides: Partial<cloudtrail.CfnTrailProps>) => {
    const stack = ruleTestStack();
    new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true, s3BucketName: 'trail-bucket', isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/abc', ...overrides,
    });
    return stack;
  };

  test('Noncompliance 1: single region', () => expect(violationsOf(trail({ isMultiRegionTrail: false }), RULE)).toEqual(['RuleTest/Trail']));
  test('Noncompliance 2: no log-file validation', () => expect(violationsOf(trail({ enableLogFileValidation: undefined }), RULE)).toEqual(['RuleTest/Trail']));
  test('Noncompliance 3: no KMS key', () => expect(violationsOf(trail({ kmsKeyId: undefined }), RULE)).toEqual(['RuleTest/Trail']));
  test('Noncompliance 4: global service events excluded', () => expect(violationsOf(trail({ includeGlobalServiceEvents: false }), RULE)).toEqual(['RuleTest/Trail']));
  test('Compliance: multi-region, validated, encrypted', () => expect(violationsOf(trail({}), RULE)).toEqual([]));
});

describe('CloudTrailMultiRegionValidatedEncrypted (logging and management events)', () => {
  const RULE = 'CloudTrailMultiRegionValidatedEncrypted';
  const base = { s3BucketName: 'trail-bucket', isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/abc' };
  test('Noncompliance 5: not logging (its own rule, never acknowledgeable)', () => {
    const stack = ruleTestStack();
    const trail = new cloudtrail.CfnTrail(stack, 'Trail', { ...base, isLogging: false });
    Validations.of(trail).acknowledge({ id: 'Fortress-CloudTrailLogging', reason: 'The trail stays off until the migration to the new account finishes next quarter.' });
    expect(violationsOf(stack, 'CloudTrailLogging')).toEqual(['RuleTest/Trail']);
  });
  test('Noncompliance 6: advanced selectors that log data events only', () => {
    const stack = ruleTestStack();
    new cloudtrail.CfnTrail(stack, 'Trail', { ...base, isLogging: true, advancedEventSelectors: [{ fieldSelectors: [{ field: 'eventCategory', equalTo: ['Data'] }, { field: 'resources.type', equalTo: ['AWS::S3::Object'] }] }] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Trail']);
  });
});
