import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { Acknowledgments, FortressErrors } from '../../src';

const GOOD_REASON = 'This bucket receives S3 server access logs and cannot log to itself.';

describe('Acknowledgments.acknowledge', () => {
  test('records the acknowledgment on the construct, as cdk-nag reads it', () => {
    const stack = new Stack(new App(), 'Stack');
    const bucket = new s3.Bucket(stack, 'Logs');
    Acknowledgments.acknowledge(bucket, 'AwsSolutions-S1', `  ${GOOD_REASON} `);
    expect(Acknowledgments.list(stack)).toEqual([{ constructPath: 'Stack/Logs', ruleId: 'AwsSolutions-S1', reason: GOOD_REASON }]);
  });

  test('accepts finding-level ids', () => {
    const stack = new Stack(new App(), 'Stack');
    Acknowledgments.acknowledge(stack, 'AwsSolutions-IAM5[Resource::*]', 'ec2:DescribeNetworkInterfaces supports no resource-level permissions at all.');
    expect(Acknowledgments.list(stack)[0].ruleId).toBe('AwsSolutions-IAM5[Resource::*]');
  });

  test.each([
    ['', /it is empty/],
    ['   ', /it is empty/],
    ['false positive', /not use a stock phrase/],
    ['Not needed.', /not use a stock phrase/],
    ['TODO: explain why this bucket has no logging', /not a placeholder/],
    ['AwsSolutions-S1 acknowledged', /not repeat the rule id/],
    ['Logging costs money', /at least 5 words and 25 characters/],
  ])('refuses the reason %j', (reason, message) => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => Acknowledgments.acknowledge(stack, 'AwsSolutions-S1', reason)).toThrow(message);
    expect(Acknowledgments.list(stack)).toEqual([]);
  });

  test('refuses a blank or spaced rule id', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => Acknowledgments.acknowledge(stack, ' ', GOOD_REASON)).toThrow(/invalid 'ruleId': must be a rule id without spaces/);
    expect(() => Acknowledgments.acknowledge(stack, 'AwsSolutions S1', GOOD_REASON)).toThrow(/invalid 'ruleId'/);
  });

  test('property: short reasons are always refused with the library error, never a TypeError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 24 }), (reason) => {
      let error: unknown;
      try { Acknowledgments.acknowledge(new Stack(new App(), 'S'), 'AwsSolutions-S1', reason); } catch (e) { error = e; }
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^\[cdk-fortress\] S: invalid 'reason for AwsSolutions-S1': must /);
    }));
  });
});

describe('Acknowledgments.list', () => {
  test('lists acknowledgments made with Validations directly too, sorted by path', () => {
    const app = new App();
    const b = new Stack(app, 'B');
    const a = new Stack(app, 'A');
    Validations.of(b).acknowledge({ id: 'AwsSolutions-S1', reason: 'r1' });
    Validations.of(a).acknowledge({ id: 'AwsSolutions::AwsSolutions-S10', reason: 'r2' });
    expect(Acknowledgments.list(app)).toEqual([
      { constructPath: 'A', ruleId: 'AwsSolutions::AwsSolutions-S10', reason: 'r2' },
      { constructPath: 'B', ruleId: 'AwsSolutions-S1', reason: 'r1' },
    ]);
  });
});
