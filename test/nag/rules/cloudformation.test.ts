import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SecureBaseline } from '../../../src';
import { ruleTestStack, violationsOf } from '../rule-harness';

describe('CloudFormationResourceTyped', () => {
  const RULE = 'CloudFormationResourceTyped';

  test('Noncompliance: modeled types declared as raw CfnResources (the standard packs never see them)', () => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Volume', { type: 'AWS::EC2::Volume', properties: { AvailabilityZone: 'eu-west-1a', Size: 10, Encrypted: false } });
    new CfnResource(stack, 'Warehouse', { type: 'AWS::Redshift::Cluster', properties: { PubliclyAccessible: true, Encrypted: false } });
    new CfnResource(stack, 'Key', { type: 'AWS::IAM::AccessKey', properties: { UserName: 'ci' } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Key', 'RuleTest/Volume', 'RuleTest/Warehouse']);
  });

  test('Compliance: L1 classes, custom resources, types aws-cdk-lib does not model, and aws-cdk-lib\'s own raw handlers', () => {
    const stack = ruleTestStack();
    new ec2.CfnVolume(stack, 'Volume', { availabilityZone: 'eu-west-1a', size: 10, encrypted: true });
    new CfnResource(stack, 'Custom', { type: 'Custom::Thing', properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:f' } });
    new CfnResource(stack, 'Future', { type: 'AWS::NotYetModeled::Thing' });
    // aws-cdk-lib's custom-resource provider (restrictDefaultSecurityGroup), S3 notifications handler and log retention function.
    new ec2.Vpc(stack, 'Vpc', { restrictDefaultSecurityGroup: true, natGateways: 0 });
    new s3.Bucket(stack, 'Bucket').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(new sqs.Queue(stack, 'Queue')));
    new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('x'), logRetention: logs.RetentionDays.ONE_WEEK,
    });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });

  test('under SecureBaseline, a raw unencrypted volume no longer synthesizes', () => {
    const app = new App();
    SecureBaseline.enforce(app);
    const stack = new Stack(app, 'Risky', { env: { account: '111122223333', region: 'eu-west-1' } });
    new CfnResource(stack, 'Volume', { type: 'AWS::EC2::Volume', properties: { AvailabilityZone: 'eu-west-1a', Size: 10, Encrypted: false } });
    expect(() => app.synth()).toThrow(/Fortress-CloudFormationResourceTyped/);
  });
});

