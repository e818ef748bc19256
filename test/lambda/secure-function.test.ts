import { App, Duration, SecretValue, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as fc from 'fast-check';
import { FortressErrors, KeyPurpose, KmsKeyRing, LeastPrivilegeRole, RestrictedSecurityGroup, SecureFunction, SecureLogGroup, SecureQueue, SecureVpc } from '../../src';
import { complianceTestApp, complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);
const logicalId = (stack: Stack, c: { node: { defaultChild?: any } }) => stack.getLogicalId(c.node.defaultChild);
const code = lambda.Code.fromInline('exports.handler = async () => {};');
const minimal = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code };

/** The acknowledgments a SecureFunction with defaults makes (documented in the README). */
const DEFAULT_ACKNOWLEDGMENTS = [
  'Stack/Worker HIPAA.Security-LambdaInsideVPC',
  'Stack/Worker NIST.800.53.R4-LambdaInsideVPC',
  'Stack/Worker NIST.800.53.R5-LambdaInsideVPC',
  'Stack/Worker PCI.DSS.321-LambdaInsideVPC',
  'Stack/Worker/DeadLetterQueue AwsSolutions-SQS3',
  'Stack/Worker/DeadLetterQueue Serverless-SQSRedrivePolicy',
  'Stack/WorkerServiceRole/Permissions1 AwsSolutions-IAM5[Resource::*]',
];

describe('SecureFunction', () => {
  test('GIVEN minimal props THEN traced, reserved, timed, sized, logging to its SecureLogGroup, dead-lettered', () => {
    const stack = propertyTestStack();
    const fn = new SecureFunction(stack, 'Worker', minimal);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      TracingConfig: { Mode: 'Active' },
      ReservedConcurrentExecutions: 10,
      Timeout: 30,
      MemorySize: 256,
      LoggingConfig: { LogGroup: { Ref: logicalId(stack, fn.secureLogGroup) } },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [logicalId(stack, fn.createdDeadLetterQueue!), 'Arn'] } },
      Role: { 'Fn::GetAtt': [logicalId(stack, fn.leastPrivilegeRole), 'Arn'] },
      KmsKeyArn: Match.absent(),
      VpcConfig: Match.absent(),
    });
    expect(fn).toBeInstanceOf(lambda.Function);
    expect(fn.role).toBe(fn.leastPrivilegeRole);
    expect(fn.leastPrivilegeRole).toBeInstanceOf(LeastPrivilegeRole);
    expect(fn.secureLogGroup).toBeInstanceOf(SecureLogGroup);
    expect(fn.deadLetterQueue).toBe(fn.createdDeadLetterQueue);
  });

  test('GIVEN minimal props THEN the role has no AWS managed policy and exactly logging, tracing and dead-letter permissions', () => {
    const stack = propertyTestStack();
    const fn = new SecureFunction(stack, 'Worker', minimal);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent(), Policies: Match.absent() });
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const dlq = fn.createdDeadLetterQueue!;
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: logicalId(stack, fn.leastPrivilegeRole) }],
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logicalId(stack, fn.secureLogGroup), 'Arn'] } },
          { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
          { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [logicalId(stack, dlq), 'Arn'] } },
          {
            Effect: 'Allow',
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: { 'Fn::GetAtt': [logicalId(stack, KmsKeyRing.of(stack).key(KeyPurpose.MESSAGING) as any), 'Arn'] },
          },
        ],
      },
    });
  });

  test('GIVEN minimal props THEN the log group and dead-letter queue are encrypted, retained, and a synth warning says it is outside a VPC', () => {
    const stack = propertyTestStack();
    const fn = new SecureFunction(stack, 'Worker', minimal);
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, KmsKeyRing.of(stack).key(KeyPurpose.LOGS) as any), 'Arn'] } },
      DeletionPolicy: 'Retain',
    });
    template.hasResource('AWS::SQS::Queue', { Properties: { MessageRetentionPeriod: 1209600, RedrivePolicy: Match.absent() }, DeletionPolicy: 'Retain' });
    expect(fn.createdDeadLetterQueue).toBeInstanceOf(SecureQueue);
    Annotations.fromStack(stack).hasWarning('/Stack/Worker', Match.stringLikeRegexp('runs outside a VPC: safe only while it reaches no private resource'));
  });

  test('GIVEN environment variables THEN encrypted with the ring data key, also for variables added later', () => {
    const stack = propertyTestStack();
    new SecureFunction(stack, 'Worker', { ...minimal, environment: { TABLE_NAME: 'orders' } });
    const later = new SecureFunction(stack, 'Later', minimal);
    later.addEnvironment('STAGE', 'prod');
    const keyArn = { 'Fn::GetAtt': [logicalId(stack, KmsKeyRing.of(stack).key(KeyPurpose.DATA) as any), 'Arn'] };
    const functions = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
    expect(functions.map((f: any) => f.Properties.KmsKeyArn)).toEqual([keyArn, keyArn]);
  });

  test('GIVEN environment values from another stack THEN accepted (references, not secrets)', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const env = { account: '111122223333', region: 'eu-west-1' };
    const data = new Stack(app, 'Data', { env });
    const queue = new SecureQueue(data, 'Orders');
    const stack = new Stack(app, 'Stack', { env });
    new SecureFunction(stack, 'Worker', { ...minimal, environment: { QUEUE_URL: queue.queueUrl, API_TOKEN_NAME: queue.queueName } });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { QUEUE_URL: { 'Fn::ImportValue': Match.anyValue() }, API_TOKEN_NAME: { 'Fn::ImportValue': Match.anyValue() } } },
    });
  });

  test('GIVEN a VPC THEN in its private subnets with a closed RestrictedSecurityGroup and written-out ENI permissions', () => {
    const stack = propertyTestStack();
    const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 2 });
    const fn = new SecureFunction(stack, 'Worker', { ...minimal, vpc });
    const template = Template.fromStack(stack);
    const privateIds = vpc.privateSubnets.map((s) => stack.resolve(s.subnetId));
    template.hasResourceProperties('AWS::Lambda::Function', {
      VpcConfig: { SubnetIds: privateIds, SecurityGroupIds: [{ 'Fn::GetAtt': [logicalId(stack, fn.createdSecurityGroup!), 'GroupId'] }] },
    });
    expect(fn.createdSecurityGroup).toBeInstanceOf(RestrictedSecurityGroup);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Lambda function Stack/Worker',
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32' })],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Effect: 'Allow', Action: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'], Resource: '*' },
          {
            Effect: 'Allow',
            Action: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:eu-west-1:111122223333:*/*']] },
          },
        ]),
      },
    });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Worker', Match.anyValue());
  });

  test('GIVEN a VPC with isolated subnets only THEN placed in those', () => {
    const stack = propertyTestStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    new SecureFunction(stack, 'Worker', { ...minimal, vpc });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      VpcConfig: Match.objectLike({ SubnetIds: vpc.isolatedSubnets.map((s) => stack.resolve(s.subnetId)) }),
    });
  });

  test('function URLs: AuthType NONE is refused, the default is AWS_IAM', () => {
    const stack = propertyTestStack();
    const fn = new SecureFunction(stack, 'Worker', minimal);
    const error = (() => { try { fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE }); } catch (e) { return e; } return undefined; })();
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain("[cdk-fortress] Stack/Worker: invalid 'addFunctionUrl.authType': must be FunctionUrlAuthType.AWS_IAM");
    fn.addFunctionUrl();
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
  });

  test('permissions: everyone without a source condition, and unauthenticated URL permissions, are refused', () => {
    const stack = propertyTestStack();
    const fn = new SecureFunction(stack, 'Worker', minimal);
    expect(() => fn.addPermission('Anyone', { principal: new iam.AnyPrincipal() })).toThrow(/invalid 'addPermission\(Anyone\).principal': must not be everyone/);
    expect(() => fn.grantInvoke(new iam.AnyPrincipal())).toThrow(/must not be everyone/);
    expect(() => fn.addPermission('Url', { principal: new iam.AccountRootPrincipal(), functionUrlAuthType: lambda.FunctionUrlAuthType.NONE }))
      .toThrow(/functionUrlAuthType': must not be NONE/);
    fn.addPermission('S3', { principal: new iam.ServicePrincipal('s3.amazonaws.com'), sourceAccount: '111122223333', sourceArn: 'arn:aws:s3:::bucket' });
    fn.addPermission('Org', { principal: new iam.AnyPrincipal(), organizationId: 'o-abcdefghij' });
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 2);
  });

  test('drop-in: grants land in the role\'s customer-managed policy; grantInvoke works', () => {
    const stack = propertyTestStack();
    const fn = new SecureFunction(stack, 'Worker', minimal);
    const queue = new SecureQueue(stack, 'Orders');
    queue.grantConsumeMessages(fn);
    const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountPrincipal('111122223333') });
    fn.grantInvoke(caller);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: logicalId(stack, fn.leastPrivilegeRole) }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:ReceiveMessage']) })]) },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'lambda:InvokeFunction' })] },
    });
  });

  test('own dead-letter queue, code signing, layers and sizes pass through', () => {
    const stack = propertyTestStack();
    const dlq = new SecureQueue(stack, 'Failed', { isDeadLetterQueue: true });
    const signing = lambda.CodeSigningConfig.fromCodeSigningConfigArn(stack, 'Signing', 'arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-0123456789abcdef0');
    const fn = new SecureFunction(stack, 'Worker', {
      ...minimal,
      deadLetterQueue: dlq,
      codeSigningConfig: signing,
      timeout: Duration.minutes(15),
      memorySize: 10_240,
      ephemeralStorageSize: Size.gibibytes(10),
      architecture: lambda.Architecture.ARM_64,
      reservedConcurrentExecutions: 900,
    });
    expect(fn.createdDeadLetterQueue).toBeUndefined();
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [logicalId(stack, dlq), 'Arn'] } },
      CodeSigningConfigArn: 'arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-0123456789abcdef0',
      Timeout: 900,
      MemorySize: 10240,
      EphemeralStorage: { Size: 10240 },
      Architectures: ['arm64'],
      ReservedConcurrentExecutions: 900,
    });
  });
});

describe('SecureFunction compliance (all six packs + FortressChecks)', () => {
  test('GIVEN minimal props THEN no unacknowledged error, and exactly the documented acknowledgments', () => {
    const stack = complianceTestStack();
    new SecureFunction(stack, 'Worker', minimal);
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual(DEFAULT_ACKNOWLEDGMENTS);
  });

  test('GIVEN a SecureVpc, environment and an IAM function URL THEN compliant, the in-VPC rules no longer acknowledged', () => {
    const stack = complianceTestStack();
    const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 2 });
    const fn = new SecureFunction(stack, 'Worker', { ...minimal, vpc, environment: { TABLE_NAME: 'orders', DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db' } });
    fn.addFunctionUrl();
    const acks = ids(expectCompliant(stack).acknowledgments).filter((a) => a.startsWith('Stack/Worker'));
    expect(acks).toEqual([
      'Stack/Worker/DeadLetterQueue AwsSolutions-SQS3',
      'Stack/Worker/DeadLetterQueue Serverless-SQSRedrivePolicy',
      'Stack/WorkerServiceRole/Permissions1 AwsSolutions-IAM5[Resource::*]',
      'Stack/WorkerServiceRole/Permissions1 AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:eu-west-1:111122223333:*/*]',
    ]);
  });

  test('GIVEN a SecureFunction fed by a SecureQueue THEN compliant: the mapping\'s missing destination is acknowledged (the queue has a DLQ)', () => {
    const stack = complianceTestStack();
    const orders = new SecureQueue(stack, 'Orders', { visibilityTimeout: Duration.minutes(3) });
    const fn = new SecureFunction(stack, 'Worker', minimal);
    fn.addEventSource(new SqsEventSource(orders, { batchSize: 10, reportBatchItemFailures: true }));
    const result = expectCompliant(stack);
    expect(ids(result.acknowledgments).filter((a) => a.includes('EventSourceMapping') || a.includes('SqsEventSource'))).toEqual([
      expect.stringMatching(/^Stack\/Worker\/SqsEventSource:StackOrders[0-9A-F]+ Serverless-LambdaEventSourceMappingDestination$/),
    ]);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: logicalId(stack, fn.leastPrivilegeRole) }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:ReceiveMessage']) }), Match.objectLike({ Action: 'kms:Decrypt' })]) },
    });
  });

  test('GIVEN an SQS source without a dead-letter queue THEN warned, not acknowledged', () => {
    const stack = propertyTestStack();
    const plain = new SecureQueue(stack, 'Plain', { isDeadLetterQueue: true });
    const fn = new SecureFunction(stack, 'Worker', minimal);
    fn.addEventSource(new SqsEventSource(plain));
    Annotations.fromStack(stack).hasWarning('/Stack/Worker', Match.stringLikeRegexp('Stack/Plain has no dead-letter queue'));
  });

  test('GIVEN an environment-agnostic stack with a VPC THEN compliant: the network-interface acknowledgment resolves with the pseudo parameters', () => {
    const stack = new Stack(complianceTestApp(), 'Agnostic');
    const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 2 });
    new SecureFunction(stack, 'Worker', { ...minimal, vpc });
    expect(ids(expectCompliant(stack).acknowledgments).filter((a) => a.includes('Resource::arn'))).toEqual([
      'Agnostic/WorkerServiceRole/Permissions1 AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:*/*]',
    ]);
  });

  test('property: random valid props always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      timeoutSeconds: fc.option(fc.integer({ min: 1, max: 900 }), { nil: undefined }),
      memorySize: fc.option(fc.integer({ min: 128, max: 10_240 }), { nil: undefined }),
      ephemeralMiB: fc.option(fc.integer({ min: 512, max: 10_240 }), { nil: undefined }),
      reserved: fc.option(fc.integer({ min: 1, max: 900 }), { nil: undefined }),
      arm: fc.boolean(),
      // The newest runtime of its family that takes inline code: an older supported one draws AwsSolutions-L1 and
      // Serverless-LambdaLatestVersion (the user's decision to acknowledge).
      runtime: fc.constantFrom(lambda.Runtime.NODEJS_24_X),
      retention: fc.constantFrom(undefined, logs.RetentionDays.ONE_MONTH, logs.RetentionDays.TEN_YEARS),
      env: fc.dictionary(fc.constantFrom('TABLE_NAME', 'STAGE', 'BUCKET', 'FEATURE_FLAGS'), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
    }), (p) => {
      const stack = complianceTestStack();
      new SecureFunction(stack, 'Worker', {
        runtime: p.runtime,
        handler: 'index.handler',
        code,
        timeout: p.timeoutSeconds === undefined ? undefined : Duration.seconds(p.timeoutSeconds),
        memorySize: p.memorySize,
        ephemeralStorageSize: p.ephemeralMiB === undefined ? undefined : Size.mebibytes(p.ephemeralMiB),
        reservedConcurrentExecutions: p.reserved,
        architecture: p.arm ? lambda.Architecture.ARM_64 : undefined,
        logRetention: p.retention,
        environment: p.env,
      });
      const result = expectCompliant(stack);
      expect(result.report.errors).toEqual([]);
    }), { numRuns: 5 });
  });
});

describe('SecureFunction rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Worker: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Worker', props, (stack, id, p) => new SecureFunction(stack, id, p));

  test.each<[string, (stack: Stack) => any, string]>([
    ['a deprecated runtime', () => ({ ...minimal, runtime: lambda.Runtime.NODEJS_18_X }), "invalid 'runtime': must be a runtime AWS still supports (nodejs18.x was deprecated on 2025-09-01"],
    ['a deprecated Python runtime', () => ({ ...minimal, runtime: lambda.Runtime.PYTHON_3_9 }), "invalid 'runtime': must be a runtime AWS still supports"],
    ['an Amazon Linux 2 runtime deprecated with the OS', () => ({ ...minimal, runtime: lambda.Runtime.PYTHON_3_11 }), "invalid 'runtime': must be a runtime AWS still supports (python3.11 was deprecated on 2026-06-30"],
    ['a runtime name as a string', () => ({ ...minimal, runtime: 'nodejs24.x' }), "invalid 'runtime': is required: a lambda.Runtime"],
    ['no handler', () => ({ runtime: minimal.runtime, code }), "invalid 'handler': is required"],
    ['a handler with spaces', () => ({ ...minimal, handler: 'index handler' }), "invalid 'handler': must be 1-128 characters without spaces"],
    ['a description over 256 characters', () => ({ ...minimal, description: 'd'.repeat(257) }), "invalid 'description': must be a string of 0 to 256 characters"],
    ['no code', () => ({ runtime: minimal.runtime, handler: 'index.handler' }), "invalid 'code': is required"],
    ['timeout 0', () => ({ ...minimal, timeout: Duration.seconds(0) }), "invalid 'timeout': must be a whole number of seconds from 1 second to 15 minutes"],
    ['timeout over 15 minutes', () => ({ ...minimal, timeout: Duration.minutes(16) }), "invalid 'timeout'"],
    ['timeout in milliseconds', () => ({ ...minimal, timeout: Duration.millis(1500) }), "invalid 'timeout'"],
    ['memory under 128 MB', () => ({ ...minimal, memorySize: 64 }), "invalid 'memorySize': must be an integer from 128 to 10240"],
    ['memory over 10240 MB', () => ({ ...minimal, memorySize: 10_241 }), "invalid 'memorySize'"],
    ['ephemeral storage under 512 MiB', () => ({ ...minimal, ephemeralStorageSize: Size.mebibytes(256) }), "invalid 'ephemeralStorageSize': must be a whole number of MiB from 512 to 10240"],
    ['ephemeral storage over 10 GiB', () => ({ ...minimal, ephemeralStorageSize: Size.gibibytes(11) }), "invalid 'ephemeralStorageSize'"],
    ['reserved concurrency 0', () => ({ ...minimal, reservedConcurrentExecutions: 0 }), "invalid 'reservedConcurrentExecutions': must be an integer from 1 to 900"],
    ['reserved concurrency over the account limit', () => ({ ...minimal, reservedConcurrentExecutions: 901 }), "invalid 'reservedConcurrentExecutions': must be an integer from 1 to 900"],
    ['reserved concurrency over a raised limit', () => ({ ...minimal, accountConcurrencyLimit: 5000, reservedConcurrentExecutions: 4901 }), "invalid 'reservedConcurrentExecutions': must be an integer from 1 to 4900"],
    ['an account limit at or under 100', () => ({ ...minimal, accountConcurrencyLimit: 100 }), "invalid 'accountConcurrencyLimit'"],
    ['a literal password', () => ({ ...minimal, environment: { DB_PASSWORD: 'hunter2hunter2' } }), "invalid 'environment.DB_PASSWORD': must not hold a secret: store it in Secrets Manager"],
    ['a literal API key', () => ({ ...minimal, environment: { STRIPE_API_KEY: 'sk_live_123' } }), "invalid 'environment.STRIPE_API_KEY': must not hold a secret"],
    ['a SecretValue resolved into the environment', () => ({ ...minimal, environment: { DB: SecretValue.secretsManager('db').unsafeUnwrap() } }), "invalid 'environment.DB': must not hold a secret"],
    ['a reserved variable name', () => ({ ...minimal, environment: { AWS_REGION: 'eu-west-1' } }), "invalid 'environment.AWS_REGION': is reserved by Lambda"],
    ['an invalid variable name', () => ({ ...minimal, environment: { '1ST': 'x' } }), "invalid 'environment': names must be 2 or more letters"],
    ['more than 4 KB of environment', () => ({ ...minimal, environment: { BIG: 'x'.repeat(4100) } }), "invalid 'environment': must total at most 4 KB"],
    ['a function name with a dot', () => ({ ...minimal, functionName: 'my.function' }), "invalid 'functionName'"],
    ['infinite log retention', () => ({ ...minimal, logRetention: logs.RetentionDays.INFINITE }), "invalid 'logRetention'"],
    ['six layers', (stack) => ({ ...minimal, layers: Array.from({ length: 6 }, (_, i) => lambda.LayerVersion.fromLayerVersionArn(stack, `L${i}`, `arn:aws:lambda:eu-west-1:111122223333:layer:l${i}:1`)) }), "invalid 'layers'"],
    ['a FIFO dead-letter queue', (stack) => ({ ...minimal, deadLetterQueue: new SecureQueue(stack, 'D', { fifo: true, isDeadLetterQueue: true }) }), "invalid 'deadLetterQueue': must be a standard queue"],
    ['an SQS-managed dead-letter queue', (stack) => ({ ...minimal, deadLetterQueue: new sqs.Queue(stack, 'D', { encryption: sqs.QueueEncryption.SQS_MANAGED }) }), "invalid 'deadLetterQueue': must be encrypted with a customer-managed KMS key"],
    ['public subnets', (stack) => ({ ...minimal, vpc: new SecureVpc(stack, 'Vpc', { maxAzs: 1 }), vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }), "invalid 'vpcSubnets': must select private subnets"],
    ['subnets without a VPC', () => ({ ...minimal, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }), "invalid 'vpcSubnets': requires 'vpc'"],
    ['inline code for a runtime that takes none', () => ({ ...minimal, runtime: lambda.Runtime.JAVA_25 }), "invalid 'code': must be an asset or bucket for java25"],
    ['a log level without JSON logs', () => ({ ...minimal, applicationLogLevelV2: lambda.ApplicationLogLevel.WARN }), "invalid 'applicationLogLevelV2': requires loggingFormat: lambda.LoggingFormat.JSON"],
    ['no props at all', () => undefined, "invalid 'props': are required: at least { runtime, handler, code }"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });

  test('addEnvironment refuses secrets and reserved names too', () => {
    const stack = propertyTestStack();
    const fn = new SecureFunction(stack, 'Worker', minimal);
    expect(() => fn.addEnvironment('GITHUB_TOKEN', 'ghp_abcdef')).toThrow(/invalid 'environment.GITHUB_TOKEN': must not hold a secret/);
    expect(() => fn.addEnvironment('AWS_SESSION_TOKEN', 'x')).toThrow(/is reserved by Lambda/);
    fn.addEnvironment('API_KEY_PARAMETER_NAME', '/prod/api-key');
  });

  test('property: any deprecated runtime is refused with the library error', () => {
    const deprecated = lambda.Runtime.ALL.filter((r) => ['nodejs16.x', 'nodejs18.x', 'nodejs20.x', 'python3.8', 'python3.9', 'python3.10', 'java11', 'java17', 'dotnet6',
      'dotnet8', 'ruby3.2', 'provided.al2'].includes(r.name));
    fc.assert(fc.property(fc.constantFrom(...deprecated), (runtime) => {
      expect(FortressErrors.isFortressError(attempt(() => ({ ...minimal, runtime })))).toBe(true);
    }), { numRuns: 10 });
  });
});
