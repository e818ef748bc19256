import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as fc from 'fast-check';
import { matchesPattern } from './event-pattern-matcher';
import { FindingSource, FindingsRouter, FortressErrors, PlaybookAction, ResponsePlaybook } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);
const sample = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, 'events', `${name}.json`), 'utf8')).event;

/** The Allow and Deny statements of the playbook function's role, resolved. */
function roleStatements(stack: Stack, playbook: ResponsePlaybook): any[] {
  const role = stack.getLogicalId(playbook.handlerFunction.leastPrivilegeRole.node.defaultChild as any);
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy')) as any[];
  return policies.filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}
const actionsOf = (statements: any[], effect = 'Allow') => [...new Set(statements.filter((s) => s.Effect === effect).flatMap((s) => [s.Action].flat()))].sort();

/** What every SecureFunction's role holds besides the playbook's own permissions. */
const BASELINE_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey', 'logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:SendMessage', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

describe('ResponsePlaybook', () => {
  test('GIVEN the isolate playbook with defaults THEN a Node.js 24 SecureFunction in dry run, running the compiled handler', () => {
    const stack = propertyTestStack();
    const playbook = new ResponsePlaybook(stack, 'Isolate', { action: PlaybookAction.ISOLATE_EC2_INSTANCE });
    expect(playbook.dryRun).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'isolate-ec2-instance.handler',
      Timeout: 300,
      ReservedConcurrentExecutions: 5,
      Environment: { Variables: { DRY_RUN: 'true', ACCOUNT_ID: '111122223333' } },
      TracingConfig: { Mode: 'Active' },
    });
  });

  test.each(PlaybookAction.all().map((a) => [a.name, a]))('GIVEN %s THEN the role allows exactly the actions its handler calls', (_name, action) => {
    const stack = propertyTestStack();
    const playbook = new ResponsePlaybook(stack, 'P', { action });
    const statements = roleStatements(stack, playbook);
    expect(actionsOf(statements)).toEqual([...BASELINE_ACTIONS, ...action.actions].sort());
  });

  test('GIVEN the isolate playbook THEN every resource is scoped to this account and region, egress revocation to the tagged group', () => {
    const stack = propertyTestStack();
    const statements = roleStatements(stack, new ResponsePlaybook(stack, 'P', { action: PlaybookAction.ISOLATE_EC2_INSTANCE }));
    const ec2 = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('ec2:')));
    expect(ec2.filter((s) => s.Resource === '*').map((s) => s.Action)).toEqual([['ec2:DescribeInstances', 'ec2:DescribeSecurityGroups']]);
    for (const s of ec2.filter((x) => x.Resource !== '*')) {
      for (const r of [s.Resource].flat()) expect(JSON.stringify(r)).toMatch(/ec2:eu-west-1:(111122223333)?:[a-z-]+\/\*/);
    }
    expect(ec2).toEqual(expect.arrayContaining([expect.objectContaining({
      Action: 'ec2:RevokeSecurityGroupEgress', Condition: { StringEquals: { 'aws:ResourceTag/fortress:quarantine': 'true' } },
    })]));
  });

  test('GIVEN the revoke playbook THEN it may not put a policy on its own role', () => {
    const stack = propertyTestStack();
    const playbook = new ResponsePlaybook(stack, 'P', { action: PlaybookAction.REVOKE_ROLE_SESSIONS });
    const deny = roleStatements(stack, playbook).filter((s) => s.Effect === 'Deny');
    expect(deny).toEqual([{ Effect: 'Deny', Action: 'iam:PutRolePolicy', Resource: { 'Fn::GetAtt': [stack.getLogicalId(playbook.handlerFunction.leastPrivilegeRole.node.defaultChild as any), 'Arn'] } }]);
  });

  test('GIVEN the block-public-access playbook THEN only this account\'s buckets (s3:ResourceAccount)', () => {
    const stack = propertyTestStack();
    const s3 = roleStatements(stack, new ResponsePlaybook(stack, 'P', { action: PlaybookAction.BLOCK_BUCKET_PUBLIC_ACCESS })).filter((s) => s.Action === 's3:PutBucketPublicAccessBlock');
    expect(s3).toEqual([expect.objectContaining({ Condition: { StringEquals: { 's3:ResourceAccount': '111122223333' } } })]);
  });

  test('GIVEN dryRun false and a deny statement THEN DRY_RUN=false and the deny in the role', () => {
    const stack = propertyTestStack();
    const production = new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['iam:UpdateAccessKey'], resources: ['arn:aws:iam::111122223333:user/break-glass'] });
    const playbook = new ResponsePlaybook(stack, 'P', { action: PlaybookAction.DEACTIVATE_ACCESS_KEY, dryRun: false, denyStatements: [production] });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { DRY_RUN: 'false' } } });
    expect(roleStatements(stack, playbook).filter((s) => s.Effect === 'Deny')).toEqual([
      { Effect: 'Deny', Action: 'iam:UpdateAccessKey', Resource: 'arn:aws:iam::111122223333:user/break-glass' },
    ]);
  });

  test('GIVEN a Security Hub custom action THEN an action target and a rule matching the documented custom-action event, with DLQ and alarm', () => {
    const stack = propertyTestStack();
    const playbook = new ResponsePlaybook(stack, 'Isolate', { action: PlaybookAction.ISOLATE_EC2_INSTANCE, securityHubCustomAction: true });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SecurityHub::ActionTarget', { Name: 'Isolate instance', Id: 'ISOLATEEC2INSTANCE' });
    const rule = Object.values(template.findResources('AWS::Events::Rule'))[0] as any;
    const pattern = JSON.parse(JSON.stringify(rule.Properties.EventPattern).replace(/\{"Fn::GetAtt":\[[^\]]+\]\}/, '"arn:aws:securityhub:us-west-1:111122223333:action/custom/IsolateInstance"'));
    expect(matchesPattern(pattern, sample('securityhub-findings-custom-action'))).toBe(true);
    expect(matchesPattern(pattern, sample('securityhub-findings-imported'))).toBe(false);
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({ DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^FortressUndeliveredAlerts/), 'Arn'] } } })]);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [stack.getLogicalId(playbook.handlerFunction.node.defaultChild as any), 'Arn'] } });
  });

  test('GIVEN a router route to the playbook THEN the rule targets the function', () => {
    const stack = propertyTestStack();
    const playbook = new ResponsePlaybook(stack, 'Isolate', { action: PlaybookAction.ISOLATE_EC2_INSTANCE });
    new FindingsRouter(stack, 'Router', { routes: [{ name: 'Isolate', sources: [FindingSource.GUARDDUTY], destination: playbook.destination }] });
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [stack.getLogicalId(playbook.handlerFunction.node.defaultChild as any), 'Arn'] } })],
    });
  });

  test('GIVEN the handlers THEN they import only AWS SDK v3 clients, node built-ins and each other (no bundling needed)', () => {
    const dir = path.join(__dirname, '..', '..', 'src', 'response', 'handlers');
    for (const file of fs.readdirSync(dir)) {
      const imports = [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const i of imports) expect([file, i]).toEqual([file, expect.stringMatching(/^(@aws-sdk\/client-[a-z0-9-]+|node:[a-z]+|\.\/[a-z-]+)$/)]);
    }
  });

  test('property: any playbook, dry run or not, with or without custom action, synthesizes with DRY_RUN matching', () => {
    const dryRuns = fc.option(fc.boolean(), { nil: undefined });
    fc.assert(fc.property(fc.constantFrom(...PlaybookAction.all()), dryRuns, fc.boolean(), (action, dryRun, customAction) => {
      const stack = propertyTestStack();
      new ResponsePlaybook(stack, 'P', { action, dryRun, securityHubCustomAction: customAction });
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { DRY_RUN: String(dryRun ?? true) } } });
      template.resourceCountIs('AWS::SecurityHub::ActionTarget', customAction ? 1 : 0);
    }), { numRuns: 6 });
  });
});

/** What every playbook's SecureFunction acknowledges (outside a VPC; its own dead-letter queue; X-Ray's Resource *). */
const SECURE_FUNCTION_ACKNOWLEDGMENTS = [
  'Function HIPAA.Security-LambdaInsideVPC',
  'Function NIST.800.53.R4-LambdaInsideVPC',
  'Function NIST.800.53.R5-LambdaInsideVPC',
  'Function PCI.DSS.321-LambdaInsideVPC',
  'Function/DeadLetterQueue AwsSolutions-SQS3',
  'Function/DeadLetterQueue Serverless-SQSRedrivePolicy',
  'FunctionServiceRole/Permissions1 AwsSolutions-IAM5[Resource::*]',
];

/** What each playbook acknowledges on its role's policy (documented in the README). */
const PLAYBOOK_ACKNOWLEDGMENTS: Record<string, string[]> = {
  ISOLATE_EC2_INSTANCE: [
    'FunctionServiceRole/Permissions1 AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:eu-west-1::snapshot/*]',
    'FunctionServiceRole/Permissions1 AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:eu-west-1:111122223333:instance/*]',
    'FunctionServiceRole/Permissions1 AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:eu-west-1:111122223333:network-interface/*]',
    'FunctionServiceRole/Permissions1 AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:eu-west-1:111122223333:security-group/*]',
    'FunctionServiceRole/Permissions1 AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:eu-west-1:111122223333:volume/*]',
    'FunctionServiceRole/Permissions1 AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:eu-west-1:111122223333:vpc/*]',
  ],
  DEACTIVATE_ACCESS_KEY: ['FunctionServiceRole/Permissions1 AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::111122223333:user/*]'],
  REVOKE_ROLE_SESSIONS: [
    'ResponsePolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::111122223333:role/*]',
    'ResponsePolicy Fortress-IAMPolicyNoAdminActionsOnWildcard',
  ],
  BLOCK_BUCKET_PUBLIC_ACCESS: [
    'ResponsePolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::*]',
    'ResponsePolicy Fortress-IAMPolicyNoAdminActionsOnWildcard',
  ],
};

describe('ResponsePlaybook compliance (all six packs + FortressChecks)', () => {
  test('GIVEN the whole catalogue THEN no unacknowledged error, exactly the documented acknowledgments', () => {
    const stack = complianceTestStack();
    PlaybookAction.all().forEach((action, i) => new ResponsePlaybook(stack, `P${i}`, { action }));
    const acks = ids(expectCompliant(stack).acknowledgments);
    PlaybookAction.all().forEach((action, i) => {
      expect([action.name, acks.filter((a) => a.startsWith(`Stack/P${i}/`)).map((a) => a.replace(`Stack/P${i}/`, ''))])
        .toEqual([action.name, [...SECURE_FUNCTION_ACKNOWLEDGMENTS, ...PLAYBOOK_ACKNOWLEDGMENTS[action.name]]]);
    });
    expect(acks.filter((a) => !/^Stack\/P[0-3]\//.test(a))).toEqual([]);
  });

  test('GIVEN the isolate playbook with a Security Hub custom action THEN compliant', () => {
    const stack = complianceTestStack();
    new ResponsePlaybook(stack, 'Isolate', { action: PlaybookAction.ISOLATE_EC2_INSTANCE, securityHubCustomAction: true });
    // The custom action's rule shares the stack's dead-letter queue for alerts, which acknowledges that it has none of its own.
    expect(ids(expectCompliant(stack).acknowledgments).filter((a) => !a.startsWith('Stack/Isolate/Function'))).toEqual([
      'Stack/FortressUndeliveredAlerts AwsSolutions-SQS3',
      'Stack/FortressUndeliveredAlerts Serverless-SQSRedrivePolicy',
    ]);
  });
});

describe('ResponsePlaybook attacks', () => {
  test('GIVEN an escape hatch that widens the isolate playbook\'s policy to every action THEN LeastPrivilegeRole refuses it at synthesis', () => {
    const stack = complianceTestStack();
    const playbook = new ResponsePlaybook(stack, 'P', { action: PlaybookAction.ISOLATE_EC2_INSTANCE });
    const policy = playbook.handlerFunction.leastPrivilegeRole.node.findAll().find((c) => c instanceof iam.CfnManagedPolicy) as iam.CfnManagedPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Action', ['ec2:*', 'iam:PutRolePolicy']);
    expect(() => expectCompliant(stack)).toThrow(/must name actions, not ec2:\*/);
  });

  test('GIVEN the revoke playbook and an escape hatch adding an admin action to its other policy THEN not covered by the playbook\'s acknowledgment', () => {
    const stack = complianceTestStack();
    const playbook = new ResponsePlaybook(stack, 'P', { action: PlaybookAction.REVOKE_ROLE_SESSIONS });
    const policy = playbook.handlerFunction.leastPrivilegeRole.node.findAll().find((c) => c instanceof iam.CfnManagedPolicy) as iam.CfnManagedPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Action', 'iam:AttachRolePolicy');
    policy.addPropertyOverride('PolicyDocument.Statement.0.Resource', 'arn:aws:iam::111122223333:role/*');
    expect(() => expectCompliant(stack)).toThrow(/iam:AttachRolePolicy/);
  });
});

describe('ResponsePlaybook rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Playbook: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Playbook', props, (stack, id, p) => new ResponsePlaybook(stack, id, p));
  const allow = (actions: string[], resources = ['*']) => new iam.PolicyStatement({ actions, resources });

  test.each<[string, (stack: Stack) => any, string]>([
    ['no props', () => undefined, "invalid 'action': must be a PlaybookAction"],
    ['no action', () => ({}), "invalid 'action': must be a PlaybookAction (ISOLATE_EC2_INSTANCE, DEACTIVATE_ACCESS_KEY, REVOKE_ROLE_SESSIONS, BLOCK_BUCKET_PUBLIC_ACCESS)"],
    ['an action name as a string', () => ({ action: 'ISOLATE_EC2_INSTANCE' }), "invalid 'action': must be a PlaybookAction"],
    ['dryRun as a string', () => ({ action: PlaybookAction.ISOLATE_EC2_INSTANCE, dryRun: 'false' }), "invalid 'dryRun': must be true or false"],
    ['securityHubCustomAction as a string', () => ({ action: PlaybookAction.ISOLATE_EC2_INSTANCE, securityHubCustomAction: 'yes' }), "invalid 'securityHubCustomAction': must be true or false"],
    ['a Python runtime', () => ({ action: PlaybookAction.ISOLATE_EC2_INSTANCE, runtime: lambda.Runtime.PYTHON_3_13 }), "invalid 'runtime': must be lambda.Runtime.NODEJS_22_X or NODEJS_24_X"],
    ['Node.js 20', () => ({ action: PlaybookAction.ISOLATE_EC2_INSTANCE, runtime: lambda.Runtime.NODEJS_20_X }), "invalid 'runtime'"],
    ['granted more than it needs (an Allow)', () => ({ action: PlaybookAction.ISOLATE_EC2_INSTANCE, denyStatements: [allow(['ec2:TerminateInstances'])] }),
      "invalid 'denyStatements[0]': must be a Deny: the playbook already has exactly what its handler calls (ec2:CreateSecurityGroup, ec2:CreateSnapshot"],
    ['granted admin', () => ({ action: PlaybookAction.REVOKE_ROLE_SESSIONS, denyStatements: [allow(['*'])] }), "invalid 'denyStatements[0]': must be a Deny"],
    ['granted the same action again', () => ({ action: PlaybookAction.DEACTIVATE_ACCESS_KEY, denyStatements: [allow(['iam:UpdateAccessKey'])] }), "invalid 'denyStatements[0]': must be a Deny"],
    ['a deny that is not a statement', () => ({ action: PlaybookAction.DEACTIVATE_ACCESS_KEY, denyStatements: [{ Effect: 'Deny' }] }), "invalid 'denyStatements[0]': must be an iam.PolicyStatement"],
    ['deny statements not a list', () => ({ action: PlaybookAction.DEACTIVATE_ACCESS_KEY, denyStatements: 'x' }), "invalid 'denyStatements': must be a list"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props) as Error;
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect(error.message).toContain(PREFIX + message);
  });
});
