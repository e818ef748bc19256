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

describe('CloudTrailAllManagementEvents', () => {
  const RULE = 'CloudTrailAllManagementEvents';
  const trailWith = (selectors: Partial<cloudtrail.CfnTrailProps>) => {
    const stack = ruleTestStack();
    new cloudtrail.CfnTrail(stack, 'Trail', { isLogging: true, s3BucketName: 'trail-bucket', isMultiRegionTrail: true, ...selectors });
    return violationsOf(stack, RULE);
  };

  test.each<[string, Partial<cloudtrail.CfnTrailProps>]>([
    ['read-only management events', { eventSelectors: [{ readWriteType: 'ReadOnly', includeManagementEvents: true }] }],
    ['write-only management events', { eventSelectors: [{ readWriteType: 'WriteOnly' }] }],
    ['KMS events excluded', { eventSelectors: [{ readWriteType: 'All', excludeManagementEventSources: ['kms.amazonaws.com'] }] }],
    ['management events off', { eventSelectors: [{ includeManagementEvents: false, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }] }],
    ['advanced selectors filtering out IAM', {
      advancedEventSelectors: [{
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Management'] }, { field: 'eventSource', notEquals: ['iam.amazonaws.com'] },
        ],
      }],
    }],
    ['advanced selectors for read-only events', {
      advancedEventSelectors: [{
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Management'] }, { field: 'readOnly', equalTo: ['true'] },
        ],
      }],
    }],
    ['advanced selectors for data events only', {
      advancedEventSelectors: [{
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] }, { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
        ],
      }],
    }],
  ])('Noncompliance: %s', (_name, selectors) => {
    expect(trailWith(selectors)).toEqual(['RuleTest/Trail']);
  });

  test.each<[string, Partial<cloudtrail.CfnTrailProps>]>([
    ['no selectors (every management event, the default)', {}],
    ['basic selectors All', { eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true }] }],
    ['read-only and write-only together', { eventSelectors: [{ readWriteType: 'ReadOnly' }, { readWriteType: 'WriteOnly' }] }],
    ['AuditTrail\'s advanced selectors: all management events plus data events', {
      advancedEventSelectors: [
        { name: 'Management events', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] },
        { name: 'S3 data events', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Data'] }, { field: 'resources.type', equalTo: ['AWS::S3::Object'] }] },
      ],
    }],
  ])('Compliance: %s', (_name, selectors) => {
    expect(trailWith(selectors)).toEqual([]);
  });
});
