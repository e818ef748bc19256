import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ConfigRecorder, ConfigRecorderProps, EncryptedBucket, FortressErrors, KeyPurpose, KmsKeyRing } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack } from '../compliance';

const recorderOf = (stack: Stack) => Object.values<any>(Template.fromStack(stack).findResources('AWS::Config::ConfigurationRecorder'))[0];

describe('ConfigRecorder', () => {
  test('defaults: all supported types with globals here, continuous, the service-linked role, delivery to an EncryptedBucket under the logs key', () => {
    const stack = propertyTestStack();
    const recorder = new ConfigRecorder(stack, 'Config');
    expect(recorderOf(stack).Properties).toEqual({
      RoleARN: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig']] },
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
      RecordingMode: { RecordingFrequency: 'CONTINUOUS' },
    });
    const logsKey = stack.getLogicalId(KmsKeyRing.of(stack).key(KeyPurpose.LOGS).node.defaultChild as kms.CfnKey);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Config::DeliveryChannel', {
      S3KmsKeyArn: { 'Fn::GetAtt': [logsKey, 'Arn'] }, ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'TwentyFour_Hours' },
    });
    expect(recorder.bucket).toBeInstanceOf(EncryptedBucket);
    template.resourceCountIs('AWS::IAM::Role', 0); // no role with AWS managed policies (EventBridge notifications need no handler)
    template.resourceCountIs('AWS::IAM::ServiceLinkedRole', 0);
    const policy = JSON.stringify(template.findResources('AWS::S3::BucketPolicy'));
    expect(policy).toContain('AWSConfigBucketDelivery');
    expect(policy).toContain('/AWSLogs/111122223333/Config/*');
  });

  test('global resource types only in the home region: literal, or a deploy-time condition for env-agnostic stacks', () => {
    const elsewhere = propertyTestStack();
    new ConfigRecorder(elsewhere, 'Config', { globalResourcesRegion: 'us-east-1' });
    expect(recorderOf(elsewhere).Properties.RecordingGroup.IncludeGlobalResourceTypes).toBe(false);
    const agnostic = new Stack(new App(), 'Agnostic');
    new ConfigRecorder(agnostic, 'Config', { globalResourcesRegion: 'us-east-1' });
    expect(recorderOf(agnostic).Properties.RecordingGroup.IncludeGlobalResourceTypes).toEqual({ 'Fn::If': [expect.stringMatching(/^ConfigRecordsGlobalResourceTypes/), true, false] });
    expect(Object.values(Template.fromStack(agnostic).toJSON().Conditions)).toEqual([{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }]);
  });

  test('daily recording, the service-linked role created, a bucket of your own; imported buckets warn', () => {
    const stack = propertyTestStack();
    const bucket = new EncryptedBucket(stack, 'Central', { encryptionKey: KmsKeyRing.of(stack).key(KeyPurpose.LOGS) });
    new ConfigRecorder(stack, 'Config', { dailyRecording: true, createServiceLinkedRole: true, bucket });
    expect(recorderOf(stack).Properties.RecordingMode).toEqual({ RecordingFrequency: 'DAILY' });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ServiceLinkedRole', { AWSServiceName: 'config.amazonaws.com' });
    const imported = propertyTestStack();
    new ConfigRecorder(imported, 'Config', { bucket: s3.Bucket.fromBucketName(imported, 'B', 'central-config') });
    Annotations.fromStack(imported).hasWarning('/Stack/Config', Match.stringLikeRegexp('grant config.amazonaws.com'));
  });

  test('an existing recorder is adopted: nothing is created', () => {
    const stack = propertyTestStack();
    const recorder = new ConfigRecorder(stack, 'Config', { existingRecorderName: 'default' });
    expect(recorder.recorderName).toBe('default');
    Template.fromStack(stack).resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
    Template.fromStack(stack).resourceCountIs('AWS::S3::Bucket', 0);
  });

  test('invalid input', () => {
    const cases: Array<[ConfigRecorderProps, string]> = [
      [{ globalResourcesRegion: 'Ireland' }, "invalid 'globalResourcesRegion': must be an AWS region such as eu-west-1 (got 'Ireland')"],
      [{ globalResourcesRegion: 'us-east-9' }, "invalid 'globalResourcesRegion': must be an AWS region such as eu-west-1 (got 'us-east-9')"],
      [{ globalResourcesRegion: 'us-gov-west-1' }, "invalid 'globalResourcesRegion': must be a region of this stack's partition aws (us-gov-west-1 is in aws-us-gov)"],
      [{ existingRecorderName: 'has space' }, "invalid 'existingRecorderName'"],
      [{ existingRecorderName: 'default', dailyRecording: true }, "invalid 'dailyRecording': cannot be combined with existingRecorderName"],
      [{ bucket: s3.Bucket.fromBucketAttributes(propertyTestStack(), 'B', { bucketName: 'central-config', encryptionKey: kms.Key.fromKeyArn(propertyTestStack(), 'K', 'arn:aws:kms:eu-west-1:111122223333:key/abc') }) }, "invalid 'bucket': must be encrypted with the key ring's logs key"],
    ];
    for (const [props, message] of cases) {
      let error: unknown;
      try { new ConfigRecorder(propertyTestStack(), 'Config', props); } catch (e) { error = e; }
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toContain(`[cdk-fortress] Stack/Config: ${message}`);
    }
  });

  test('one per account and region (issue 12 item 6): a second recorder is refused; adopting the existing one is not claiming it', () => {
    const stack = propertyTestStack();
    new ConfigRecorder(stack, 'Config');
    new ConfigRecorder(stack, 'Adopted', { existingRecorderName: 'default' });
    expect(() => new ConfigRecorder(stack, 'Again')).toThrow(
      "[cdk-fortress] Stack/Again: invalid 'ConfigRecorder': must be the only one for account 111122223333 and region eu-west-1: Stack/Config already is, and AWS Config has one");
    const app = stack.node.root as App;
    expect(() => new ConfigRecorder(new Stack(app, 'Other', { env: { account: '111122223333', region: 'eu-west-1' } }), 'Config')).toThrow(/Stack\/Config already is/);
  });

  test('JavaScript callers who pass undefined props get the defaults', () => {
    new ConfigRecorder(propertyTestStack(), 'Config', undefined as any);
  });

  test.each<[string, ConfigRecorderProps]>([['defaults', {}], ['daily, globals elsewhere, service-linked role', { dailyRecording: true, globalResourcesRegion: 'us-east-1', createServiceLinkedRole: true }]])(
    'compliance: GIVEN %s THEN no unacknowledged error', (_name, props) => {
      const stack = complianceTestStack();
      new ConfigRecorder(stack, 'Config', props);
      expectCompliant(stack);
    });
});
