import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as fc from 'fast-check';
import { EncryptedBucket, FortressErrors, KeyPurpose, KmsKeyRing, LeastPrivilegeRole } from '../../src';
import { checkCompliance, complianceTestStack, propertyTestStack } from '../compliance';

describe('LeastPrivilegeRole compliance (all six cdk-nag packs + FortressChecks)', () => {
  test('GIVEN grants from S3, KMS, DynamoDB, SQS and Logs L2s THEN the role and its policies raise no unacknowledged finding', () => {
    const stack = complianceTestStack();
    const ring = KmsKeyRing.of(stack);
    const role = new LeastPrivilegeRole(stack, 'App', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      noResourceLevelActions: [{ action: 'xray:PutTraceSegments', reason: 'X-Ray trace APIs support no resource-level permissions (Service Authorization Reference).' }],
      statements: [new iam.PolicyStatement({ actions: ['xray:PutTraceSegments'], resources: ['*'] })],
    });
    new EncryptedBucket(stack, 'Data').grantReadWrite(role);
    ring.grantEncryptDecrypt(role, KeyPurpose.SECRETS);
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: ring.key(KeyPurpose.DATA),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    table.grantReadWriteData(role);
    new sqs.Queue(stack, 'Queue', { encryptionMasterKey: ring.key(KeyPurpose.MESSAGING), enforceSSL: true }).grantConsumeMessages(role);
    new logs.LogGroup(stack, 'Logs', { encryptionKey: ring.key(KeyPurpose.LOGS), retention: logs.RetentionDays.ONE_YEAR }).grantWrite(role);
    // The fixtures (table, queue) have findings of their own; the role and its policies must have none.
    const { report, acknowledgments } = checkCompliance(stack);
    expect(report.findingsUnder('Stack/App')).toEqual([]);
    // What was acknowledged on the role's policy: grant action families, object-level ARNs, declared "*".
    const onPolicy = acknowledgments.filter((a) => a.constructPath === 'Stack/App/Permissions1').map((a) => a.ruleId);
    expect(onPolicy).toEqual(expect.arrayContaining([
      'AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-IAM5[Action::s3:GetObject*]', 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<Data[0-9A-F]+\.Arn>\/\*\]$/),
    ]));
  });
});

describe('LeastPrivilegeRole properties', () => {
  const service = fc.constantFrom('s3', 'sqs', 'dynamodb', 'kms', 'logs', 'sns', 'lambda');
  const actionName = fc.stringMatching(/^[A-Z][a-zA-Z]{2,20}$/);
  const arn = fc.tuple(service, fc.stringMatching(/^[a-z0-9-]{1,20}$/)).map(([svc, name]) => `arn:aws:${svc}:eu-west-1:111122223333:${name}`);

  test('specific statements are always accepted', () => {
    const actionList = fc.array(fc.tuple(service, actionName), { minLength: 1, maxLength: 5 });
    fc.assert(fc.property(actionList, fc.array(arn, { minLength: 1, maxLength: 3 }), (actions, resources) => {
      const stack = propertyTestStack();
      const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      expect(() => role.addToPolicy(new iam.PolicyStatement({ actions: actions.map(([s, a]) => `${s}:${a}`), resources }))).not.toThrow();
    }), { numRuns: 50 });
  });

  test('a statement with any wildcard action or resource "*" is always refused with the library error', () => {
    const wildcard = fc.oneof(
      fc.record({ actions: fc.constant<string[]>(['*']), resources: fc.array(arn, { minLength: 1, maxLength: 2 }) }),
      fc.record({ actions: service.map((s) => [`${s}:*`]), resources: fc.array(arn, { minLength: 1, maxLength: 2 }) }),
      fc.record({ actions: fc.tuple(service, actionName).map(([s, a]) => [`${s}:${a}`]), resources: fc.constant<string[]>(['*']) }),
    );
    fc.assert(fc.property(wildcard, (props) => {
      const stack = propertyTestStack();
      const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      let error: unknown;
      try { role.addToPolicy(new iam.PolicyStatement(props)); } catch (e) { error = e; }
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^\[cdk-fortress\] Stack\/App: invalid 'statement /);
    }), { numRuns: 50 });
  });
});
