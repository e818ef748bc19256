import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT } from 'aws-cdk-lib/cx-api';
import { CompliancePack, ComplianceReport, SecureBaseline } from '../../src';

const REASON = 'Access logs for this bucket are collected by the organization trail in the log-archive account.';

function awsSolutionsApp(): { app: App; stack: Stack } {
  const app = new App({ builtinCloudFormationValidation: false, context: { [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false } });
  SecureBaseline.enforce(app, { packs: [CompliancePack.AWS_SOLUTIONS], fortressChecks: false, reportOnly: true });
  return { app, stack: new Stack(app, 'Stack') };
}

function findingsOf(app: App, ruleId: string): string[] {
  const report = ComplianceReport.fromAssemblyDirectory(app.synth().directory);
  return report.findings.filter((f) => f.ruleId === ruleId).map((f) => f.constructPath).sort();
}

function loggedBucket(stack: Stack, id: string): s3.Bucket {
  const logs = new s3.Bucket(stack, `${id}Logs`, { enforceSSL: true });
  Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This bucket is the access-log target and cannot log into itself.' });
  return new s3.Bucket(stack, id, { enforceSSL: true, serverAccessLogsBucket: logs });
}

describe('standard packs judge escape hatches as synthesized', () => {
  test('GIVEN a logged bucket WHEN its logging is deleted by an escape hatch THEN AwsSolutions-S1 is reported on it', () => {
    const { app, stack } = awsSolutionsApp();
    const bucket = loggedBucket(stack, 'Data');
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyDeletionOverride('LoggingConfiguration');
    expect(findingsOf(app, 'AwsSolutions-S1')).toEqual(['Stack/Data/Resource']);
  });

  test('GIVEN the same bucket without the escape hatch THEN nothing is reported (the props are what deploys)', () => {
    const { app, stack } = awsSolutionsApp();
    loggedBucket(stack, 'Data');
    expect(findingsOf(app, 'AwsSolutions-S1')).toEqual([]);
  });

  test('GIVEN an escape hatch on the bucket policy only THEN the bucket\'s SSL rule reads the rendered policy', () => {
    const { app, stack } = awsSolutionsApp();
    const bucket = loggedBucket(stack, 'Data');
    (bucket.policy!.node.defaultChild as s3.CfnBucketPolicy).addPropertyOverride('PolicyDocument.Statement', []);
    expect(findingsOf(app, 'AwsSolutions-S10')).toEqual(['Stack/Data/Policy/Resource', 'Stack/Data/Resource']);
  });

  test('GIVEN encryption removed from a queue by an escape hatch THEN the SSE rule reports it', () => {
    const { app, stack } = awsSolutionsApp();
    const dlq = new sqs.Queue(stack, 'Dlq', { enforceSSL: true, encryption: sqs.QueueEncryption.KMS_MANAGED });
    Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the work queue below.' });
    const queue = new sqs.Queue(stack, 'Work', { enforceSSL: true, encryption: sqs.QueueEncryption.KMS_MANAGED, deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    expect(findingsOf(app, 'AwsSolutions-SQS2')).toEqual([]);
    const { app: app2, stack: stack2 } = awsSolutionsApp();
    const dlq2 = new sqs.Queue(stack2, 'Dlq', { enforceSSL: true, encryption: sqs.QueueEncryption.KMS_MANAGED });
    Validations.of(dlq2).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the work queue below.' });
    const queue2 = new sqs.Queue(stack2, 'Work', { enforceSSL: true, encryption: sqs.QueueEncryption.KMS_MANAGED, deadLetterQueue: { queue: dlq2, maxReceiveCount: 3 } });
    (queue2.node.defaultChild as sqs.CfnQueue).addPropertyDeletionOverride('KmsMasterKeyId');
    (queue2.node.defaultChild as sqs.CfnQueue).addPropertyOverride('SqsManagedSseEnabled', false);
    expect(findingsOf(app2, 'AwsSolutions-SQS2')).toEqual(['Stack/Work/Resource']);
    void queue;
  });

  test('GIVEN an acknowledgment on the original THEN the synthesized copy honours it', () => {
    const { app, stack } = awsSolutionsApp();
    const bucket = loggedBucket(stack, 'Data');
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyDeletionOverride('LoggingConfiguration');
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: REASON });
    expect(findingsOf(app, 'AwsSolutions-S1')).toEqual([]);
  });
});

describe('what the standard packs judge stays the same apart from overrides', () => {
  test('GIVEN a stack with overrides and a raw CfnResource Lambda THEN the raw resource is still not judged by cdk-nag', () => {
    const { app, stack } = awsSolutionsApp();
    const bucket = loggedBucket(stack, 'Data');
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('Tags', [{ Key: 'team', Value: 'data' }]);
    new CfnResource(stack, 'RawHandler', {
      type: 'AWS::Lambda::Function',
      properties: { Runtime: 'nodejs16.x', Handler: 'index.handler', Role: 'arn:aws:iam::111122223333:role/r', Code: { ZipFile: 'x' } },
    });
    expect(findingsOf(app, 'AwsSolutions-L1')).toEqual([]);
  });
});
