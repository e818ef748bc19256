import { App, CfnResource, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ENV, InsecureCase, insecureSuite, OTHER_ACCOUNT, workload } from './harness';
import { EncryptedBucket } from '../../src';

// GIVEN a resource-based policy that admits everyone (or another account as administrator), in any
// spelling, on any resource type, THEN synthesis fails on the policy's resource.

const anyone = () => new iam.AnyPrincipal();
const doc = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });
const publicStatement = (action: string, resource: unknown = '*', extra: Record<string, unknown> = {}) =>
  ({ Effect: 'Allow', Principal: '*', Action: action, Resource: resource, ...extra });

function bucketWith(app: App, statement: iam.PolicyStatement): EncryptedBucket {
  const b = new EncryptedBucket(workload(app), 'B');
  b.addToResourcePolicy(statement);
  return b;
}

function topic(scope: Stack | NestedStack, statement?: iam.PolicyStatement): sns.Topic {
  const t = new sns.Topic(scope, 'SecurityAlerts', { masterKey: new kms.Key(scope, 'TopicKey', { enableKeyRotation: true }) });
  t.addToResourcePolicy(statement ?? new iam.PolicyStatement({ principals: [anyone()], actions: ['sns:Subscribe'], resources: [t.topicArn] }));
  return t;
}

function raw(app: App, type: string, properties: Record<string, unknown>): void {
  new CfnResource(workload(app), 'X', { type, properties });
}

const cases: InsecureCase[] = [
  // Conditions that look narrowing and are not
  {
    name: 'bucket policy Principal * with StringLike aws:PrincipalArn arn:aws:iam::*',
    build: (app) => bucketWith(app, new iam.PolicyStatement({
      principals: [anyone()],
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::b/*'],
      conditions: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/reader' } },
    })),
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/B/Policy/Resource',
  },
  {
    name: 'key policy Principal * with StringLike aws:PrincipalArn arn:aws:iam::*',
    build: (app) => new kms.Key(workload(app), 'K', { enableKeyRotation: true }).addToResourcePolicy(new iam.PolicyStatement({
      principals: [anyone()],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } },
    })),
    expectRule: 'Fortress-KMSKeyPolicyNoUnconditionalPublicPrincipal',
    expectPath: 'W/K/Resource',
  },
  {
    name: 'bucket policy narrowed by ForAnyValue:StringEquals aws:PrincipalOrgID',
    build: (app) => bucketWith(app, new iam.PolicyStatement({
      principals: [anyone()],
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::b/*'],
      conditions: { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123def4' } },
    })),
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/B/Policy/Resource',
  },
  {
    name: 'topic policy narrowed by StringEqualsIfExists aws:SourceAccount',
    build: (app) => {
      const stack = workload(app);
      topic(stack, new iam.PolicyStatement({
        principals: [anyone()],
        actions: ['sns:Publish'],
        resources: ['*'],
        conditions: { StringEqualsIfExists: { 'aws:SourceAccount': ENV.account } },
      }));
    },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/SecurityAlerts/Policy/Resource',
  },
  {
    name: 'queue policy narrowed by StringNotEquals aws:PrincipalAccount (a negation)',
    build: (app) => {
      const q = new sqs.Queue(workload(app), 'Q', { encryption: sqs.QueueEncryption.KMS_MANAGED, enforceSSL: true });
      q.addToResourcePolicy(new iam.PolicyStatement({
        principals: [anyone()],
        actions: ['sqs:SendMessage'],
        resources: [q.queueArn],
        conditions: { StringNotEquals: { 'aws:PrincipalAccount': OTHER_ACCOUNT } },
      }));
    },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/Q/Policy/Resource',
  },
  {
    name: 'bucket policy narrowed by aws:SourceIp 0.0.0.0/1 + 128.0.0.0/1',
    build: (app) => bucketWith(app, new iam.PolicyStatement({
      principals: [anyone()],
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::b/*'],
      conditions: { IpAddress: { 'aws:SourceIp': ['0.0.0.0/1', '128.0.0.0/1'] } },
    })),
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/B/Policy/Resource',
  },
  {
    name: 'bucket policy NotPrincipal in an Allow',
    build: (app) => child(new EncryptedBucket(workload(app), 'B'), 'Policy', 'Resource').addPropertyOverride('PolicyDocument.Statement.0', {
      Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${ENV.account}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*',
    }),
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/B/Policy/Resource',
  },
  {
    name: 'key policy gives kms:* to another account',
    build: (app) => new kms.Key(workload(app), 'K', { enableKeyRotation: true }).addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal(OTHER_ACCOUNT)], actions: ['kms:*'], resources: ['*'],
    })),
    expectRule: 'Fortress-ResourcePolicyNoCrossAccountAdmin',
    expectPath: 'W/K/Resource',
  },
  {
    name: 'key policy gives kms:PutKeyPolicy spelled kms:Put*Policy to another account',
    build: (app) => new kms.Key(workload(app), 'K', { enableKeyRotation: true }).addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal(OTHER_ACCOUNT)], actions: ['kms:Put*Policy', 'kms:Decrypt'], resources: ['*'],
    })),
    expectRule: 'Fortress-ResourcePolicyNoCrossAccountAdmin',
    expectPath: 'W/K/Resource',
  },
  {
    name: 'bucket policy gives s3:* to another account',
    build: (app) => bucketWith(app, new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal(OTHER_ACCOUNT)], actions: ['s3:*'], resources: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
    })),
    expectRule: 'Fortress-ResourcePolicyNoCrossAccountAdmin',
    expectPath: 'W/B/Policy/Resource',
  },
  // Every kind of resource policy
  {
    name: 'public SNS topic policy: anyone may subscribe to the security alerts topic',
    build: (app) => { topic(workload(app)); },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/SecurityAlerts/Policy/Resource',
  },
  {
    name: 'public SQS queue policy',
    build: (app) => {
      const q = new sqs.Queue(workload(app), 'Q', { encryption: sqs.QueueEncryption.KMS_MANAGED, enforceSSL: true });
      q.addToResourcePolicy(new iam.PolicyStatement({ principals: [anyone()], actions: ['sqs:ReceiveMessage'], resources: [q.queueArn] }));
    },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/Q/Policy/Resource',
  },
  {
    name: 'public secret resource policy',
    build: (app) => {
      const s = new secretsmanager.Secret(workload(app), 'S');
      s.addToResourcePolicy(new iam.PolicyStatement({ principals: [anyone()], actions: ['secretsmanager:GetSecretValue'], resources: ['*'] }));
    },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/S/Policy/Resource',
  },
  {
    name: 'public ECR repository policy',
    build: (app) => new ecr.Repository(workload(app), 'Repo').addToResourcePolicy(new iam.PolicyStatement({
      principals: [anyone()], actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    })),
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/Repo/Resource',
  },
  {
    name: 'public EventBridge bus policy (statement form)',
    build: (app) => {
      const stack = workload(app);
      const bus = new events.EventBus(stack, 'Bus');
      new events.CfnEventBusPolicy(stack, 'BusPolicy', {
        eventBusName: bus.eventBusName,
        statementId: 'anyone',
        statement: publicStatement('events:PutEvents', bus.eventBusArn),
      });
    },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/BusPolicy',
  },
  {
    name: 'public EventBridge bus policy (legacy Principal "*" form)',
    build: (app) => { new events.CfnEventBusPolicy(workload(app), 'BusPolicy', { statementId: 'anyone', action: 'events:PutEvents', principal: '*' }); },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/BusPolicy',
  },
  {
    name: 'public EventBridge bus Policy property on the bus itself',
    build: (app) => { new events.CfnEventBus(workload(app), 'Bus', { name: 'b', policy: doc(publicStatement('events:PutEvents')) }); },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/Bus',
  },
  {
    name: 'public backup vault access policy',
    build: (app) => {
      const stack = workload(app);
      new backup.BackupVault(stack, 'Vault', {
        encryptionKey: new kms.Key(stack, 'VaultKey', { enableKeyRotation: true }),
        accessPolicy: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ principals: [anyone()], actions: ['backup:CopyIntoBackupVault'], resources: ['*'] })] }),
      });
    },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/Vault/Resource',
  },
  {
    name: 'public OpenSearch access policy',
    build: (app) => {
      const stack = workload(app);
      new opensearch.CfnDomain(stack, 'Search', { accessPolicies: doc(publicStatement('es:ESHttp*', 'arn:aws:es:eu-west-1:111122223333:domain/search/*')) });
    },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/Search',
  },
  {
    name: 'public CloudWatch Logs resource policy (JSON string)',
    build: (app) => {
      new logs.CfnResourcePolicy(workload(app), 'LogsPolicy', {
        policyName: 'anyone', policyDocument: JSON.stringify(doc(publicStatement('logs:PutLogEvents'))),
      });
    },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/LogsPolicy',
  },
  {
    name: 'public CloudWatch Logs resource policy via the L2',
    build: (app) => {
      new logs.ResourcePolicy(workload(app), 'LogsPolicy', {
        policyStatements: [new iam.PolicyStatement({ principals: [anyone()], actions: ['logs:PutLogEvents'], resources: ['*'] })],
      });
    },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/LogsPolicy/ResourcePolicy',
  },
  {
    name: 'public Lambda permission (principal "*")',
    build: (app) => { new lambda.CfnPermission(workload(app), 'Invoke', { action: 'lambda:InvokeFunction', functionName: 'worker', principal: '*' }); },
    expectRule: 'Fortress-LambdaFunctionNotPublic',
    expectPath: 'W/Invoke',
  },
  {
    name: 'Lambda function URL with AuthType NONE',
    build: (app) => { new lambda.CfnUrl(workload(app), 'Url', { authType: 'NONE', targetFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:worker' }); },
    expectRule: 'Fortress-LambdaFunctionUrlAuthRequired',
    expectPath: 'W/Url',
  },
  {
    name: 'raw CfnResource AWS::S3::BucketPolicy, public',
    build: (app) => raw(app, 'AWS::S3::BucketPolicy', { Bucket: 'b', PolicyDocument: doc(publicStatement('s3:GetObject', 'arn:aws:s3:::b/*')) }),
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/X',
  },
  {
    name: 'raw CfnResource AWS::SQS::QueuePolicy, Principal {AWS: ["*"]}',
    build: (app) => raw(app, 'AWS::SQS::QueuePolicy', { Queues: ['q'], PolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'sqs:*', Resource: '*' }) }),
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/X',
  },
  {
    name: 'raw AWS::Glacier::Vault AccessPolicy, public (a type with no typed class used here)',
    build: (app) => raw(app, 'AWS::Glacier::Vault', { AccessPolicy: doc(publicStatement('glacier:*')) }),
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/X',
  },
  {
    name: 'raw AWS::SSM::ResourcePolicy, public',
    build: (app) => raw(app, 'AWS::SSM::ResourcePolicy', { ResourceArn: 'arn:aws:ssm:eu-west-1:111122223333:opsitemgroup/default', Policy: JSON.stringify(doc(publicStatement('ssm:*'))) }),
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/X',
  },
  {
    name: 'raw AWS::MSK::ClusterPolicy, public',
    build: (app) => raw(app, 'AWS::MSK::ClusterPolicy', { ClusterArn: 'arn:aws:kafka:eu-west-1:111122223333:cluster/c/1', Policy: doc(publicStatement('kafka:*')) }),
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/X',
  },
  {
    name: 'raw AWS::ECR::PublicRepository-like AWS::XRay::ResourcePolicy, public',
    build: (app) => raw(app, 'AWS::XRay::ResourcePolicy', { PolicyName: 'p', PolicyDocument: JSON.stringify(doc(publicStatement('xray:PutTraceSegments'))) }),
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/X',
  },
  {
    name: 'raw AWS::Lambda::Permission principal "*" through a CfnResource',
    build: (app) => raw(app, 'AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', FunctionName: 'worker', Principal: '*' }),
    expectRule: 'Fortress-LambdaFunctionNotPublic',
    expectPath: 'W/X',
  },
  // Where the resource lives
  {
    name: 'public queue policy inside a NestedStack',
    build: (app) => {
      const nested = new NestedStack(workload(app), 'N');
      const q = new sqs.Queue(nested, 'Q', { encryption: sqs.QueueEncryption.KMS_MANAGED, enforceSSL: true });
      q.addToResourcePolicy(new iam.PolicyStatement({ principals: [anyone()], actions: ['sqs:SendMessage'], resources: [q.queueArn] }));
    },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/N/Q/Policy/Resource',
  },
  {
    name: 'public topic policy inside a nested Stage, enforce called on the App',
    build: (app) => {
      const stage = new Stage(app, 'Prod', { env: ENV });
      topic(new Stack(stage, 'W'));
    },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'Prod/W/SecurityAlerts/Policy/Resource',
  },
  {
    name: 'public bucket policy inside a NestedStack inside a nested Stage',
    build: (app) => {
      const stage = new Stage(app, 'Prod', { env: ENV });
      const nested = new NestedStack(new Stack(stage, 'W'), 'N');
      new CfnResource(nested, 'X', { type: 'AWS::S3::BucketPolicy', properties: { Bucket: 'b', PolicyDocument: doc(publicStatement('s3:GetObject', 'arn:aws:s3:::b/*')) } });
    },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'Prod/W/N/X',
  },
];

function child(c: { node: { findChild(id: string): any } }, ...path: string[]): CfnResource {
  let current: any = c;
  for (const id of path) current = current.node.findChild(id);
  return current as CfnResource;
}

insecureSuite('red team: resource policies', cases);
