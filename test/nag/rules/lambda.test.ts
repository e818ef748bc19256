import { CfnParameter, CfnResource, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { FortressChecks, SecureFunction } from '../../../src';
import { suggestedConstruct } from '../../../src/baseline/construct-suggestions';
import { ruleTestStack, violationsOf } from '../rule-harness';

const code = lambda.Code.fromInline('exports.handler = async () => {};');
const current = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code };
const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:worker';

describe('LambdaFunctionUrlAuthRequired', () => {
  const RULE = 'LambdaFunctionUrlAuthRequired';

  test('Noncompliance 1: a function URL with AuthType NONE (and its public permission)', () => {
    const stack = ruleTestStack();
    new lambda.Function(stack, 'Fn', current).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const found = violationsOf(stack, RULE);
    expect(found).toContain('RuleTest/Fn/FunctionUrl/Resource');
    expect(found.some((p) => p.startsWith('RuleTest/Fn/invoke-function-url'))).toBe(true);
  });

  test('Noncompliance 2: an IAM URL turned to NONE by an escape hatch', () => {
    const stack = ruleTestStack();
    const url = new lambda.Function(stack, 'Fn', current).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    (url.node.defaultChild as lambda.CfnUrl).addPropertyOverride('AuthType', 'NONE');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Fn/FunctionUrl/Resource']);
  });

  test('Noncompliance 3: a SecureFunction URL overridden to NONE after its refusal of NONE', () => {
    const stack = ruleTestStack();
    const url = new SecureFunction(stack, 'Fn', current).addFunctionUrl();
    (url.node.defaultChild as lambda.CfnUrl).addPropertyOverride('AuthType', 'NONE');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Fn/FunctionUrl/Resource']);
  });

  test('Noncompliance 4: a permission opening a URL defined elsewhere (lambda:* and a raw CfnResource)', () => {
    const stack = ruleTestStack();
    new lambda.CfnPermission(stack, 'Open', { action: 'lambda:*', functionName: FUNCTION_ARN, principal: '*', functionUrlAuthType: 'NONE' });
    new CfnResource(stack, 'Raw', { type: 'AWS::Lambda::Permission', properties: { Action: 'lambda:InvokeFunctionUrl', FunctionName: FUNCTION_ARN, Principal: '*', FunctionUrlAuthType: 'NONE' } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Open', 'RuleTest/Raw']);
  });

  test('Noncompliance 5: a raw AWS::Lambda::Url with an unknown auth type', () => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Url', { type: 'AWS::Lambda::Url', properties: { AuthType: 'none', TargetFunctionArn: FUNCTION_ARN } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Url']);
  });

  test('Compliance: IAM URLs, grantInvokeUrl, and NONE permissions narrowed to an account are not this rule\'s', () => {
    const stack = ruleTestStack();
    const fn = new SecureFunction(stack, 'Fn', current);
    fn.addFunctionUrl();
    fn.grantInvokeUrl(new iam.AccountRootPrincipal());
    new lambda.CfnPermission(stack, 'Narrowed', { action: 'lambda:InvokeFunctionUrl', functionName: FUNCTION_ARN, principal: '*', functionUrlAuthType: 'NONE', sourceAccount: '111122223333' });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });

  test('one judge per permission: public non-URL permissions stay LambdaFunctionNotPublic\'s, URL ones are not judged there', () => {
    const stack = ruleTestStack();
    new lambda.CfnPermission(stack, 'Public', { action: 'lambda:InvokeFunction', functionName: FUNCTION_ARN, principal: '*' });
    new lambda.CfnPermission(stack, 'OpenUrl', { action: 'lambda:InvokeFunctionUrl', functionName: FUNCTION_ARN, principal: '*', functionUrlAuthType: 'NONE' });
    expect(violationsOf(stack, 'LambdaFunctionNotPublic')).toEqual(['RuleTest/Public']);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/OpenUrl']);
  });
});

describe('LambdaFunctionNotPublic fails closed on values the template cannot decide', () => {
  const RULE = 'LambdaFunctionNotPublic';
  const invoke = { action: 'lambda:InvokeFunction', functionName: FUNCTION_ARN };

  test('Noncompliance: "*" spelled through Fn::Sub, Fn::Join or a parameter; a narrowing that may be empty, "*" or removed', () => {
    const stack = ruleTestStack();
    const anyone = new CfnParameter(stack, 'Anyone', { default: '*' });
    const account = new CfnParameter(stack, 'Account', { default: '' });
    new lambda.CfnPermission(stack, 'Sub', { ...invoke, principal: '111122223333' }).addPropertyOverride('Principal', { 'Fn::Sub': '*' });
    new lambda.CfnPermission(stack, 'Join', { ...invoke, principal: '111122223333' }).addPropertyOverride('Principal', { 'Fn::Join': ['', ['*']] });
    new lambda.CfnPermission(stack, 'Parameter', { ...invoke, principal: anyone.valueAsString });
    new lambda.CfnPermission(stack, 'EmptyAccount', { ...invoke, principal: '*', sourceAccount: account.valueAsString });
    new lambda.CfnPermission(stack, 'StarArn', { ...invoke, principal: '*', sourceArn: 'arn:aws:s3:::b' }).addPropertyOverride('SourceArn', { 'Fn::Sub': '*' });
    const removable = new lambda.CfnPermission(stack, 'Removable', { ...invoke, principal: '*', principalOrgId: 'o-a1b2c3d4e5' });
    removable.addPropertyOverride('PrincipalOrgID', { 'Fn::If': ['Never', 'o-a1b2c3d4e5', { Ref: 'AWS::NoValue' }] });
    expect(violationsOf(stack, RULE)).toEqual(
      ['RuleTest/EmptyAccount', 'RuleTest/Join', 'RuleTest/Parameter', 'RuleTest/Removable', 'RuleTest/StarArn', 'RuleTest/Sub']);
  });

  test('Compliance: a named principal, or "*" narrowed by a literal account, ARN or organization', () => {
    const stack = ruleTestStack();
    new lambda.CfnPermission(stack, 'Account', { ...invoke, principal: '444455556666' });
    new lambda.CfnPermission(stack, 'Service', { ...invoke, principal: 's3.amazonaws.com', sourceAccount: '111122223333' });
    new lambda.CfnPermission(stack, 'Org', { ...invoke, principal: '*', principalOrgId: 'o-a1b2c3d4e5' });
    new lambda.CfnPermission(stack, 'Arn', { ...invoke, principal: '*', sourceArn: 'arn:aws:s3:::my-bucket' });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('LambdaRuntimeNotDeprecated', () => {
  const RULE = 'LambdaRuntimeNotDeprecated';

  test('Noncompliance 1: deprecated runtimes on lambda.Function', () => {
    const stack = ruleTestStack();
    new lambda.Function(stack, 'Node', { ...current, runtime: lambda.Runtime.NODEJS_18_X });
    new lambda.Function(stack, 'Python', { ...current, runtime: lambda.Runtime.PYTHON_3_9 });
    // Amazon Linux 2 runtimes aws-cdk-lib does not yet mark deprecated.
    new lambda.Function(stack, 'PythonAl2', { ...current, runtime: lambda.Runtime.PYTHON_3_11 });
    new lambda.Function(stack, 'Java', { ...current, runtime: lambda.Runtime.JAVA_17, code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(stack, 'B', 'code'), 'app.zip') });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Java/Resource', 'RuleTest/Node/Resource', 'RuleTest/Python/Resource', 'RuleTest/PythonAl2/Resource']);
  });

  test('Noncompliance 2: a SecureFunction whose runtime an escape hatch set back', () => {
    const stack = ruleTestStack();
    const fn = new SecureFunction(stack, 'Fn', current);
    (fn.node.defaultChild as lambda.CfnFunction).addPropertyOverride('Runtime', 'nodejs16.x');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Fn/Resource']);
  });

  test('Noncompliance 3: a raw CfnResource function (as aws-cdk-lib\'s handlers are) on a deprecated runtime', () => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Handler', { type: 'AWS::Lambda::Function', properties: { Runtime: 'python3.7', Handler: 'index.handler', Role: 'arn:aws:iam::111122223333:role/r', Code: { ZipFile: 'x' } } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Handler']);
  });

  test('Compliance: current runtimes, container images, and aws-cdk-lib\'s own handlers', () => {
    const stack = ruleTestStack();
    new lambda.Function(stack, 'Node', current);
    new lambda.Function(stack, 'Python', { ...current, runtime: lambda.Runtime.PYTHON_3_14 });
    new lambda.CfnFunction(stack, 'Image', { role: 'arn:aws:iam::111122223333:role/r', packageType: 'Image', code: { imageUri: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1' } });
    // aws-cdk-lib handlers: auto-delete objects (custom resource provider) and bucket notifications (raw CfnResource).
    const bucket = new s3.Bucket(stack, 'Bucket', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
    bucket.addObjectCreatedNotification(new s3n.LambdaDestination(new lambda.Function(stack, 'Target', current)));
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('LambdaEnvironmentNoSecrets', () => {
  const RULE = 'LambdaEnvironmentNoSecrets';

  test('Noncompliance 1: literal secrets under secret-looking names', () => {
    const stack = ruleTestStack();
    new lambda.Function(stack, 'Fn', { ...current, environment: { DB_PASSWORD: 'hunter2', STRIPE_API_KEY: 'sk_live_1', TABLE: 'orders' } });
    expect(violationsOf(stack, `${RULE}[DB_PASSWORD]`)).toEqual(['RuleTest/Fn/Resource']);
    expect(violationsOf(stack, `${RULE}[STRIPE_API_KEY]`)).toEqual(['RuleTest/Fn/Resource']);
    expect(violationsOf(stack, `${RULE}[TABLE]`)).toEqual([]);
  });

  test('Noncompliance 2: a Secrets Manager value resolved into any variable', () => {
    const stack = ruleTestStack();
    new lambda.Function(stack, 'Fn', { ...current, environment: { DB: SecretValue.secretsManager('db', { jsonField: 'password' }).unsafeUnwrap() } });
    expect(violationsOf(stack, `${RULE}[DB]`)).toEqual(['RuleTest/Fn/Resource']);
  });

  test('Noncompliance 3: a secret added to a SecureFunction by an escape hatch', () => {
    const stack = ruleTestStack();
    const fn = new SecureFunction(stack, 'Fn', current);
    (fn.node.defaultChild as lambda.CfnFunction).addPropertyOverride('Environment.Variables.GITHUB_TOKEN', 'ghp_0123456789');
    expect(violationsOf(stack, `${RULE}[GITHUB_TOKEN]`)).toEqual(['RuleTest/Fn/Resource']);
  });

  test('Noncompliance 4: a raw CfnResource with an SSM SecureString dynamic reference', () => {
    const stack = ruleTestStack();
    new CfnResource(stack, 'Raw', {
      type: 'AWS::Lambda::Function',
      properties: { Runtime: 'nodejs24.x', Handler: 'i.h', Role: 'arn:aws:iam::111122223333:role/r', Code: { ZipFile: 'x' }, Environment: { Variables: { CONFIG: '{{resolve:ssm-secure:/prod/db:1}}' } } },
    });
    expect(violationsOf(stack, `${RULE}[CONFIG]`)).toEqual(['RuleTest/Raw']);
  });

  test('Compliance: references to secrets, empty values, ordinary configuration', () => {
    const stack = ruleTestStack();
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new lambda.Function(stack, 'Fn', {
      ...current,
      role,
      environment: {
        DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf',
        API_KEY_PARAMETER: '/prod/api-key',
        TOKEN_NAME: 'github',
        PASSWORD: '',
        SECRET_ID_REF: role.roleArn,
        TABLE_NAME: 'orders',
      },
    });
    const all = new FortressChecks().validateScope(stack).violations.map((v) => v.ruleName);
    expect(all.filter((name) => name.startsWith(`Fortress-${RULE}`))).toEqual([]);
  });
});

describe('findings of the standard packs on plain functions suggest SecureFunction', () => {
  test.each(['HIPAA.Security-LambdaDLQ', 'NIST.800.53.R5-LambdaConcurrency', 'PCI.DSS.321-LambdaInsideVPC', 'Serverless-LambdaTracing',
    'Serverless-LambdaDefaultMemorySize', 'Fortress-LambdaRuntimeNotDeprecated', 'Fortress-LambdaEnvironmentNoSecrets[DB_PASSWORD]'])('%s', (ruleId) => {
    expect(suggestedConstruct(ruleId)).toBe('SecureFunction');
  });

  test('not for the latest-runtime rules SecureFunction leaves to the user', () => {
    expect(suggestedConstruct('AwsSolutions-L1')).toBeUndefined();
  });
});

describe('LambdaLayerNotPublic', () => {
  const RULE = 'LambdaLayerNotPublic';
  const LAYER_ARN = 'arn:aws:lambda:eu-west-1:111122223333:layer:shared:1';
  const layer = (stack: ReturnType<typeof ruleTestStack>) => new lambda.LayerVersion(stack, 'Layer', {
    code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(stack, 'Artifacts', 'artifacts'), 'layer.zip'),
  });

  test('Noncompliance 1: the L2 granting every account', () => {
    const stack = ruleTestStack();
    layer(stack).addPermission('Everyone', { accountId: '*' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Layer/Everyone']);
  });

  test('Noncompliance 2: an L1 permission, and an empty OrganizationId (the same thing spelled differently)', () => {
    const stack = ruleTestStack();
    new lambda.CfnLayerVersionPermission(stack, 'Raw', { action: 'lambda:GetLayerVersion', layerVersionArn: LAYER_ARN, principal: '*' });
    new lambda.CfnLayerVersionPermission(stack, 'EmptyOrg', { action: 'lambda:GetLayerVersion', layerVersionArn: LAYER_ARN, principal: '*', organizationId: '' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/EmptyOrg', 'RuleTest/Raw']);
  });

  test('Noncompliance 3: escape hatch removing the organization from an organization grant', () => {
    const stack = ruleTestStack();
    layer(stack).addPermission('Org', { accountId: '*', organizationId: 'o-abc123defg' });
    const permission = stack.node.findAll().find((c) => c instanceof lambda.CfnLayerVersionPermission) as lambda.CfnLayerVersionPermission;
    permission.addPropertyDeletionOverride('OrganizationId');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Layer/Org']);
  });

  describe('fails closed on values it cannot prove private (red-team bypasses)', () => {
    const raw = (stack: ReturnType<typeof ruleTestStack>, id: string, principal: any, organizationId?: any) =>
      new lambda.CfnLayerVersionPermission(stack, id, { action: 'lambda:GetLayerVersion', layerVersionArn: LAYER_ARN, principal, organizationId });

    test('Noncompliance 4: "*" spelled as Fn::Sub, Fn::Join, a parameter default, an Fn::If branch', () => {
      const stack = ruleTestStack();
      new CfnParameter(stack, 'Who', { default: '*' });
      raw(stack, 'Sub', { 'Fn::Sub': '*' });
      raw(stack, 'Join', { 'Fn::Join': ['', ['*']] });
      raw(stack, 'Param', { Ref: 'Who' });
      raw(stack, 'Branch', { 'Fn::If': ['C', '444455556666', '*'] });
      raw(stack, 'Imported', { 'Fn::ImportValue': 'LayerPrincipal' });
      expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Branch', 'RuleTest/Imported', 'RuleTest/Join', 'RuleTest/Param', 'RuleTest/Sub']);
    });

    test('Noncompliance 5: an OrganizationId that may be removed or empty (Fn::If with NoValue, a parameter defaulting to "")', () => {
      const stack = ruleTestStack();
      new CfnParameter(stack, 'Org', { default: '' });
      new CfnParameter(stack, 'OrgWithDefault', { default: 'o-abcdefghij' });
      raw(stack, 'NoValue', '*', { 'Fn::If': ['Never', 'o-abcdefghij', { Ref: 'AWS::NoValue' }] });
      raw(stack, 'EmptyDefault', '*', { Ref: 'Org' });
      // A default binds nobody: '' can be passed at deploy time.
      raw(stack, 'Defaulted', '*', { Ref: 'OrgWithDefault' });
      raw(stack, 'Wildcard', '*', '*');
      raw(stack, 'Joined', { 'Fn::Join': ['', ['*']] }, { 'Fn::Join': ['', ['o-abcdefghij', { Ref: 'Org' }]] });
      expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Defaulted', 'RuleTest/EmptyDefault', 'RuleTest/Joined', 'RuleTest/NoValue', 'RuleTest/Wildcard']);
    });

    test('Compliance: provable account ids and organizations', () => {
      const stack = ruleTestStack();
      new CfnParameter(stack, 'Org', { allowedValues: ['o-abcdefghij', 'o-klmnopqrst'] });
      new CfnParameter(stack, 'Account', { allowedValues: ['444455556666', '777788889999'] });
      raw(stack, 'Self', { Ref: 'AWS::AccountId' });
      raw(stack, 'SubSelf', { 'Fn::Sub': '${AWS::AccountId}' });
      raw(stack, 'Allowed', { Ref: 'Account' });
      raw(stack, 'Branch', { 'Fn::If': ['C', '444455556666', { Ref: 'AWS::AccountId' }] });
      raw(stack, 'OrgParam', '*', { Ref: 'Org' });
      raw(stack, 'OrgBranch', { 'Fn::Sub': '*' }, { 'Fn::If': ['C', 'o-abcdefghij', 'o-klmnopqrst'] });
      expect(violationsOf(stack, RULE)).toEqual([]);
    });
  });

  test('Compliance: a named account, the organization', () => {
    const stack = ruleTestStack();
    const l = layer(stack);
    l.addPermission('Account', { accountId: '444455556666' });
    l.addPermission('Org', { accountId: '*', organizationId: 'o-abc123defg' });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});
