import { CfnResource } from 'aws-cdk-lib';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import { ruleTestStack, violationsOf } from '../rule-harness';

const doc = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });
const PUBLIC = { Effect: 'Allow', Principal: '*', Action: 'service:Read', Resource: '*' };

describe('ResourcePolicyNotPublic', () => {
  const RULE = 'ResourcePolicyNotPublic';

  test('Noncompliance 1: a known type (raw AWS::S3::BucketPolicy)', () => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Policy', { type: 'AWS::S3::BucketPolicy', properties: { Bucket: 'b', PolicyDocument: doc(PUBLIC) } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Policy']);
  });

  test.each<[string, unknown]>([
    ['Fn::Sub of *', { AWS: { 'Fn::Sub': '*' } }],
    ['Fn::Join of *', { AWS: { 'Fn::Join': ['', ['*']] } }],
    ['Fn::Select of *', { AWS: { 'Fn::Select': [0, ['*', 'arn:aws:iam::111122223333:root']] } }],
    ['an Fn::If branch of *', { AWS: { 'Fn::If': ['Never', 'arn:aws:iam::111122223333:root', '*'] } }],
    ['the whole principal as Fn::Sub of *', { 'Fn::Sub': '*' }],
  ])('Noncompliance: "*" spelled as an intrinsic (%s)', (_name, principal) => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Policy', { type: 'AWS::SQS::QueuePolicy', properties: { Queues: ['q'], PolicyDocument: doc({ ...PUBLIC, Principal: principal }) } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Policy']);
  });

  test('Compliance: principals written as intrinsics that cannot be "*" (an account root ARN, a role of the template)', () => {
    const stack = ruleTestStack();
    const root = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111122223333:root']] };
    new CfnResource(stack, 'Policy', { type: 'AWS::SQS::QueuePolicy', properties: { Queues: ['q'], PolicyDocument: doc({ ...PUBLIC, Principal: { AWS: root } }) } });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });

  test('Noncompliance 2: a type without a known policy property, document as an object', () => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Vault', { type: 'AWS::Glacier::Vault', properties: { AccessPolicy: doc(PUBLIC) } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Vault']);
  });

  test('Noncompliance 3: a type without a known policy property, document as a JSON string', () => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Policy', { type: 'AWS::SSM::ResourcePolicy', properties: { ResourceArn: 'arn', Policy: JSON.stringify(doc(PUBLIC)) } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Policy']);
  });

  test('Noncompliance 4: a custom resource whose SDK call sets a public policy (JSON inside JSON)', () => {
    const stack = ruleTestStack();
    const create = JSON.stringify({ service: 'SNS', action: 'setTopicAttributes', parameters: { TopicArn: 'arn', AttributeName: 'Policy', AttributeValue: JSON.stringify(doc(PUBLIC)) } });
    new CfnResource(stack, 'Call', { type: 'Custom::AWS', properties: { ServiceToken: 'arn', Create: create } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Call']);
  });

  test('Compliance: narrowed documents, documents without principals, organization policies, non-JSON strings', () => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Vault', {
      type: 'AWS::Glacier::Vault',
      properties: { AccessPolicy: doc({ ...PUBLIC, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } } }) },
    });
    new CfnResource(stack, 'Identityish', { type: 'AWS::Some::Thing', properties: { Document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) } });
    new organizations.CfnPolicy(stack, 'Rcp', { name: 'rcp', type: 'RESOURCE_CONTROL_POLICY', content: doc({ ...PUBLIC, Action: '*' }) });
    new CfnResource(stack, 'Text', { type: 'AWS::Some::Thing', properties: { Description: '{ "Statement": not json' } });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('ResourcePolicyNoCrossAccountAdmin', () => {
  const RULE = 'ResourcePolicyNoCrossAccountAdmin';

  test('Noncompliance: another account gets every action on a type without a known policy property', () => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Cluster', {
      type: 'AWS::MSK::ClusterPolicy',
      properties: { ClusterArn: 'arn', Policy: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: '*', Resource: '*' }) },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cluster']);
  });

  test.each([
    ['aws:PrincipalAccount', { StringEquals: { 'aws:PrincipalAccount': '999999999999' } }],
    ['kms:CallerAccount', { StringEquals: { 'kms:CallerAccount': '999999999999' } }],
    ['aws:PrincipalOrgID (every account of the organization)', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }],
  ])('Noncompliance: Principal "*" narrowed by %s gets every action (another account, spelled differently)', (_name, condition) => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Cluster', {
      type: 'AWS::MSK::ClusterPolicy',
      properties: { ClusterArn: 'arn', Policy: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: condition }) },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cluster']);
  });

  test('Compliance: Principal "*" narrowed to this account, or an organization given a data action only', () => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Own', {
      type: 'AWS::MSK::ClusterPolicy',
      properties: { ClusterArn: 'arn', Policy: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }) },
    });
    new CfnResource(stack, 'OrgRead', {
      type: 'AWS::MSK::ClusterPolicy',
      properties: { ClusterArn: 'arn', Policy: doc({ Effect: 'Allow', Principal: '*', Action: 'kafka:DescribeCluster', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }) },
    });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });

  test('Compliance: another account gets a data action', () => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Cluster', {
      type: 'AWS::MSK::ClusterPolicy',
      properties: { ClusterArn: 'arn', Policy: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'kafka:DescribeCluster', Resource: '*' }) },
    });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});
