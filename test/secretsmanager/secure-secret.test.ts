import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as fc from 'fast-check';
import { FortressErrors, KeyPurpose, KmsKeyRing, SecureSecret } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);
const logicalId = (stack: Stack, c: { node: { defaultChild?: any } }) => stack.getLogicalId(c.node.defaultChild);
const REASON = 'The partner issues this API key by hand and offers no API to rotate it; it is revoked and replaced by the partner yearly.';

/** A rotation function as users write it (code inline, so tests need no asset bundling). */
function rotator(stack: Stack, id = 'Rotator'): lambda.Function {
  return new lambda.Function(stack, id, { runtime: lambda.Runtime.PYTHON_3_13, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c): pass') });
}

/** The acknowledgments a SecureSecret without rotation makes, with its reason (documented in the README). */
const WITHOUT_ROTATION_ACKNOWLEDGMENTS = [
  'Stack/ApiKey AwsSolutions-SMG4',
  'Stack/ApiKey HIPAA.Security-SecretsManagerRotationEnabled',
  'Stack/ApiKey NIST.800.53.R5-SecretsManagerRotationEnabled',
];

describe('SecureSecret', () => {
  test('GIVEN hosted rotation THEN encrypted with the ring secrets key, rotated every 30 days, retained', () => {
    const stack = propertyTestStack();
    const secret = new SecureSecret(stack, 'Db', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser() });
    const key = KmsKeyRing.of(stack).key(KeyPurpose.SECRETS);
    const template = Template.fromStack(stack);
    template.hasResource('AWS::SecretsManager::Secret', {
      Properties: { KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] }, GenerateSecretString: {} },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: { Ref: logicalId(stack, secret) },
      HostedRotationLambda: Match.objectLike({ RotationType: 'PostgreSQLSingleUser', KmsKeyArn: { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] } }),
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
    expect(secret.createdRotationSchedule).toBeDefined();
    expect(secret).toBeInstanceOf(secretsmanager.Secret);
  });

  test('GIVEN no props THEN a resource policy denies principals outside this account, except AWS services, and blocks public policies', () => {
    const stack = propertyTestStack();
    const secret = new SecureSecret(stack, 'ApiKey', { withoutRotationReason: REASON });
    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      SecretId: { Ref: logicalId(stack, secret) },
      BlockPublicPolicy: true,
      ResourcePolicy: {
        Statement: [{
          Sid: 'DenyPrincipalsOutsideThisAccount',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'secretsmanager:*',
          Resource: '*',
          Condition: { StringNotEqualsIfExists: { 'aws:PrincipalAccount': '111122223333' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
        }],
      },
    });
  });

  test('GIVEN an organization THEN the deny is on principals outside it', () => {
    const stack = propertyTestStack();
    new SecureSecret(stack, 'ApiKey', { withoutRotationReason: REASON, organizationId: 'o-a1b2c3d4e5' });
    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      ResourcePolicy: { Statement: [Match.objectLike({ Sid: 'DenyPrincipalsOutsideThisOrganization', Condition: Match.objectLike({ StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }) })] },
    });
  });

  test('GIVEN a rotation Lambda and a schedule THEN the schedule uses them; the Lambda may decrypt via Secrets Manager', () => {
    const stack = propertyTestStack();
    const fn = rotator(stack);
    new SecureSecret(stack, 'ApiKey', { rotationLambda: fn, automaticallyAfter: Duration.hours(6), rotateImmediatelyOnUpdate: false });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationLambdaARN: { 'Fn::GetAtt': [logicalId(stack, fn), 'Arn'] },
      RotationRules: { ScheduleExpression: 'rate(6 hours)' },
      RotateImmediatelyOnUpdate: false,
    });
  });

  test('GIVEN replicas with keys of their regions THEN each replica carries its key', () => {
    const stack = propertyTestStack();
    const arn = 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    new SecureSecret(stack, 'ApiKey', { withoutRotationReason: REASON, replicaRegions: [{ region: 'eu-central-1', encryptionKey: kms.Key.fromKeyArn(stack, 'K', arn) }] });
    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::Secret', { ReplicaRegions: [{ Region: 'eu-central-1', KmsKeyId: arn }] });
  });

  test('GIVEN generateSecretString THEN it is passed through', () => {
    const stack = propertyTestStack();
    new SecureSecret(stack, 'Creds', {
      withoutRotationReason: REASON,
      generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'app' }), generateStringKey: 'password', passwordLength: 40 },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { SecretStringTemplate: '{"username":"app"}', GenerateStringKey: 'password', PasswordLength: 40 },
    });
  });

  test('GIVEN rotation added after construction THEN no reason is needed', () => {
    const stack = propertyTestStack();
    const secret = new SecureSecret(stack, 'Db');
    secret.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('GIVEN rotation of an attachment of the secret (how databases rotate credentials) THEN no reason is needed', () => {
    const stack = propertyTestStack();
    const secret = new SecureSecret(stack, 'Db');
    const attached = secret.attach({ asSecretAttachmentTarget: () => ({ targetId: 'db-1', targetType: secretsmanager.AttachmentTargetType.RDS_DB_INSTANCE }) });
    attached.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser() });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('GIVEN the master credentials of an RDS instance rotated by addRotationSingleUser THEN no reason is needed', () => {
    const stack = propertyTestStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const secret = new SecureSecret(stack, 'Master', {
      generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'postgres' }), generateStringKey: 'password', excludePunctuation: true },
    });
    const db = new rds.DatabaseInstance(stack, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      credentials: rds.Credentials.fromSecret(secret),
    });
    db.addRotationSingleUser({ automaticallyAfter: Duration.days(7) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(7 days)' } });
  });

  test('GIVEN no rotation and no reason THEN synthesis is refused with the library error', () => {
    const stack = propertyTestStack();
    new SecureSecret(stack, 'Db');
    let error: unknown;
    try { Template.fromStack(stack); } catch (e) { error = e; }
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain("[cdk-fortress] Stack/Db: invalid 'withoutRotationReason': is required for a secret without rotation");
  });

  test('GIVEN a schedule of another secret only THEN this one is still refused', () => {
    const stack = propertyTestStack();
    new SecureSecret(stack, 'Db');
    const other = new secretsmanager.Secret(stack, 'Other');
    other.addRotationSchedule('R', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });
    expect(() => Template.fromStack(stack)).toThrow(/Stack\/Db: invalid 'withoutRotationReason'/);
  });

  test('GIVEN a schedule added elsewhere with a rate over 1000 days THEN refused at synthesis', () => {
    const stack = propertyTestStack();
    const secret = new SecureSecret(stack, 'Db');
    new secretsmanager.CfnRotationSchedule(stack, 'Raw', { secretId: secret.secretArn, rotationLambdaArn: 'arn:aws:lambda:eu-west-1:111122223333:function:r', rotationRules: { scheduleExpression: 'rate(1001 days)' } });
    expect(() => Template.fromStack(stack)).toThrow(/invalid 'Stack\/Raw: scheduleExpression': must rotate every 4 hours to 1000 days/);
  });

  test('GIVEN a reason and a rotation added later through addRotationSchedule THEN refused', () => {
    const stack = propertyTestStack();
    const secret = new SecureSecret(stack, 'ApiKey', { withoutRotationReason: REASON });
    expect(() => secret.addRotationSchedule('R', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() }))
      .toThrow(/invalid 'withoutRotationReason': must not be given for a secret that is rotated/);
  });

  test.each([
    ['0 days', Duration.days(0)], ['3 hours', Duration.hours(3)], ['1001 days', Duration.days(1001)], ['90 minutes past 4 hours', Duration.minutes(330)],
  ])('addRotationSchedule refuses automaticallyAfter %s', (_n, after) => {
    const stack = propertyTestStack();
    const secret = new SecureSecret(stack, 'Db');
    expect(() => secret.addRotationSchedule('R', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser(), automaticallyAfter: after }))
      .toThrow(/invalid 'automaticallyAfter': must be a Duration from 4 hours to 1000 days/);
  });

  test('drop-in: grantRead lets the grantee decrypt with the secrets key through Secrets Manager only', () => {
    const stack = propertyTestStack();
    const secret = new SecureSecret(stack, 'ApiKey', { withoutRotationReason: REASON });
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    secret.grantRead(role);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] })]) },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } } })]) },
    });
  });
});

describe('SecureSecret compliance (all six packs + FortressChecks)', () => {
  test('GIVEN hosted rotation THEN no unacknowledged error and no acknowledgment', () => {
    const stack = complianceTestStack();
    new SecureSecret(stack, 'Db', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser() });
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual([]);
  });

  test('GIVEN a rotation added later THEN no unacknowledged error and no acknowledgment', () => {
    const stack = complianceTestStack();
    const secret = new SecureSecret(stack, 'Db');
    secret.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser(), automaticallyAfter: Duration.days(7) });
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual([]);
  });

  test('GIVEN no rotation with a reason THEN exactly the rotation rules are acknowledged on that secret, with the reason', () => {
    const stack = complianceTestStack();
    new SecureSecret(stack, 'ApiKey', { withoutRotationReason: REASON });
    const acks = expectCompliant(stack).acknowledgments;
    expect(ids(acks)).toEqual(WITHOUT_ROTATION_ACKNOWLEDGMENTS);
    expect(new Set(acks.map((a) => a.reason))).toEqual(new Set([REASON]));
  });

  test('property: random valid props always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      rotation: fc.constantFrom('hosted', 'later', 'none'),
      hours: fc.option(fc.integer({ min: 4, max: 24_000 }), { nil: undefined }),
      organization: fc.boolean(),
      replica: fc.boolean(),
      removalPolicy: fc.constantFrom(undefined, RemovalPolicy.RETAIN, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, RemovalPolicy.DESTROY),
    }), (p) => {
      const stack = complianceTestStack();
      const after = p.hours === undefined ? undefined : Duration.hours(p.hours);
      const secret = new SecureSecret(stack, 'S', {
        hostedRotation: p.rotation === 'hosted' ? secretsmanager.HostedRotation.postgreSqlSingleUser() : undefined,
        automaticallyAfter: p.rotation === 'hosted' ? after : undefined,
        withoutRotationReason: p.rotation === 'none' ? REASON : undefined,
        organizationId: p.organization ? 'o-a1b2c3d4e5' : undefined,
        replicaRegions: p.replica ? [{ region: 'us-east-1', encryptionKey: kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab') }] : undefined,
        removalPolicy: p.removalPolicy,
      });
      if (p.rotation === 'later') secret.addRotationSchedule('R', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser(), automaticallyAfter: after });
      expectCompliant(stack);
    }), { numRuns: 6 });
  });
});

describe('SecureSecret rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/S: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('S', props, (stack, id, p) => new SecureSecret(stack, id, p));
  const euCentralKey = (stack: Stack) => kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
  const hosted = () => secretsmanager.HostedRotation.postgreSqlSingleUser();

  test.each<[string, (stack: Stack) => any, string]>([
    ['a schedule under 4 hours', () => ({ hostedRotation: hosted(), automaticallyAfter: Duration.hours(3) }), "invalid 'automaticallyAfter': must be a Duration from 4 hours to 1000 days, in whole hours (got '3 hours')"],
    ['a schedule over 1000 days', () => ({ hostedRotation: hosted(), automaticallyAfter: Duration.days(1001) }), "invalid 'automaticallyAfter'"],
    ['a schedule of 0 days (no schedule at all)', () => ({ hostedRotation: hosted(), automaticallyAfter: Duration.days(0) }), "invalid 'automaticallyAfter'"],
    ['a schedule in minutes', () => ({ hostedRotation: hosted(), automaticallyAfter: Duration.minutes(250) }), "invalid 'automaticallyAfter'"],
    ['a schedule given as a number', () => ({ hostedRotation: hosted(), automaticallyAfter: 30 }), "invalid 'automaticallyAfter': must be a Duration"],
    ['a schedule without a rotation', () => ({ automaticallyAfter: Duration.days(30), withoutRotationReason: REASON }), "invalid 'automaticallyAfter': requires 'rotationLambda or hostedRotation'"],
    ['rotateImmediatelyOnUpdate without a rotation', () => ({ rotateImmediatelyOnUpdate: true, withoutRotationReason: REASON }), "invalid 'rotateImmediatelyOnUpdate': requires"],
    ['a Lambda and a hosted rotation', (stack) => ({ rotationLambda: rotator(stack), hostedRotation: hosted() }), "invalid 'rotationLambda': cannot be combined with 'hostedRotation'"],
    ['a rotation and a reason for none', () => ({ hostedRotation: hosted(), withoutRotationReason: REASON }), "invalid 'withoutRotationReason': cannot be combined with 'hostedRotation'"],
    ['a generic reason', () => ({ withoutRotationReason: 'not needed' }), "invalid 'withoutRotationReason': must"],
    ['a rotation Lambda that is not one', () => ({ rotationLambda: 'arn:aws:lambda:eu-west-1:111122223333:function:r' }), "invalid 'rotationLambda': must be a Lambda function"],
    ['a hosted rotation that is not one', () => ({ hostedRotation: { type: 'PostgreSQLSingleUser' } }), "invalid 'hostedRotation': must be a secretsmanager.HostedRotation"],
    ['a key and a key ring', (stack) => ({ withoutRotationReason: REASON, encryptionKey: new kms.Key(stack, 'Own'), keyRing: KmsKeyRing.of(stack) }), "invalid 'encryptionKey': cannot be combined with 'keyRing'"],
    ['a key that is not one', () => ({ withoutRotationReason: REASON, encryptionKey: 'alias/aws/secretsmanager' }), "invalid 'encryptionKey': must be a customer-managed KMS key"],
    ['a replica without a key', () => ({ withoutRotationReason: REASON, replicaRegions: [{ region: 'eu-central-1' }] }), "invalid 'replicaRegions[0].encryptionKey': is required: a customer-managed KMS key of eu-central-1"],
    ['a replica with a key of another region', (stack) => ({ withoutRotationReason: REASON, replicaRegions: [{ region: 'us-east-1', encryptionKey: euCentralKey(stack) }] }), "invalid 'replicaRegions[0].encryptionKey': must be a key of the replica's region us-east-1 (KMS keys are regional) (got 'eu-central-1')"],
    ['a replica in the secret\'s own region', (stack) => ({ withoutRotationReason: REASON, replicaRegions: [{ region: 'eu-west-1', encryptionKey: new kms.Key(stack, 'Own') }] }), "invalid 'replicaRegions[0].region': must be another region"],
    ['a replica in an unknown region', (stack) => ({ withoutRotationReason: REASON, replicaRegions: [{ region: 'eu-middle-9', encryptionKey: euCentralKey(stack) }] }), "invalid 'replicaRegions[0].region': must be an AWS region"],
    ['a repeated replica region', (stack) => {
      const key = euCentralKey(stack);
      return { withoutRotationReason: REASON, replicaRegions: [{ region: 'eu-central-1', encryptionKey: key }, { region: 'eu-central-1', encryptionKey: key }] };
    }, "invalid 'replicaRegions': must not repeat entries"],
    ['an organization id that is an account', () => ({ withoutRotationReason: REASON, organizationId: '111122223333' }), "invalid 'organizationId': must be an organization id such as o-a1b2c3d4e5"],
    ['a secret name with a space', () => ({ withoutRotationReason: REASON, secretName: 'my secret' }), "invalid 'secretName'"],
    ['a SNAPSHOT removal policy', () => ({ withoutRotationReason: REASON, removalPolicy: RemovalPolicy.SNAPSHOT }), "invalid 'removalPolicy'"],
    ['props that are not an object', () => 'rotate', "invalid 'props': must be an object"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });

  test('property: any schedule outside 4 hours to 1000 days is refused with the library error', () => {
    const outOfRange = fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 24_001, max: 100_000 }));
    fc.assert(fc.property(outOfRange, (h) => {
      expect(FortressErrors.isFortressError(attempt(() => ({ hostedRotation: hosted(), automaticallyAfter: Duration.hours(h) })))).toBe(true);
    }), { numRuns: 20 });
  });
});
