import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as fc from 'fast-check';
import { matchesPattern } from './event-pattern-matcher';
import {
  FindingsDestination, FindingSeverity, FindingSource, FindingsRoute, FindingsRouter, FortressErrors, SecureFunction, SecureQueue, SecureTopic,
} from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);

/** A documented sample event (test/response/events/*.json: { documentation, note, event }). */
function sample(name: string): any {
  const file = JSON.parse(fs.readFileSync(path.join(__dirname, 'events', `${name}.json`), 'utf8'));
  expect(file.documentation).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  return file.event;
}
const withDetail = (event: any, change: (detail: any) => void) => {
  const copy = JSON.parse(JSON.stringify(event));
  change(copy.detail);
  return copy;
};

/** Which sources' patterns at `minimum` match `event`. */
function matchingSources(minimum: FindingSeverity, event: unknown, sources = FindingSource.all()): string[] {
  return sources.filter((s) => {
    const pattern = s.eventPattern(minimum);
    return pattern !== undefined && matchesPattern(pattern, event);
  }).map((s) => s.name);
}

describe('the EventBridge pattern matcher (test helper)', () => {
  test.each<[string, any, any, boolean]>([
    ['exact', { a: ['x'] }, { a: 'x' }, true],
    ['exact miss', { a: ['x'] }, { a: 'y' }, false],
    ['array in event', { a: ['x'] }, { a: ['y', 'x'] }, true],
    ['nested arrays of objects', { f: { S: { L: ['HIGH'] } } }, { f: [{ S: { L: 'LOW' } }, { S: { L: 'HIGH' } }] }, true],
    ['numeric range', { n: [{ numeric: ['>=', 4, '<', 7] }] }, { n: 6.9 }, true],
    ['numeric out of range', { n: [{ numeric: ['>=', 4, '<', 7] }] }, { n: 7 }, false],
    ['numeric on a string', { n: [{ numeric: ['>=', 4] }] }, { n: '8' }, false],
    ['prefix', { s: [{ prefix: 'arn:aws:' }] }, { s: 'arn:aws:s3:::b' }, true],
    ['anything-but value', { s: [{ 'anything-but': 'Yes' }] }, { s: 'No' }, true],
    ['anything-but same value', { s: [{ 'anything-but': 'Yes' }] }, { s: 'Yes' }, false],
    ['anything-but on a missing field', { s: [{ 'anything-but': 'Yes' }] }, {}, false],
    ['anything-but list', { s: [{ 'anything-but': ['A', 'B'] }] }, { s: 'B' }, false],
    ['exists false', { o: { s: [{ exists: false }] } }, { o: {} }, true],
    ['exists false, parent missing', { o: { s: [{ exists: false }] } }, {}, true],
    ['exists false, present', { o: { s: [{ exists: false }] } }, { o: { s: 'x' } }, false],
    ['exists true', { s: [{ exists: true }] }, { s: 'x' }, true],
    ['boolean', { b: [true] }, { b: false }, false],
    ['$or', { $or: [{ a: ['1'] }, { b: ['2'] }] }, { b: '2' }, true],
  ])('%s', (_name, pattern, event, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });
});

describe('FindingSource patterns match the documented sample events', () => {
  test('GIVEN the GuardDuty sample (severity 8) THEN only the GuardDuty pattern matches, up to HIGH', () => {
    const event = sample('guardduty-finding');
    expect(matchingSources(FindingSeverity.HIGH, event)).toEqual(['GUARDDUTY']);
    expect(matchingSources(FindingSeverity.CRITICAL, event)).toEqual([]);
    expect(matchingSources(FindingSeverity.CRITICAL, withDetail(event, (d) => { d.severity = 9.5; }))).toEqual(['GUARDDUTY']);
    expect(matchingSources(FindingSeverity.MEDIUM, withDetail(event, (d) => { d.severity = 3.9; }))).toEqual([]);
    expect(matchingSources(FindingSeverity.LOW, withDetail(event, (d) => { d.severity = 1; }))).toEqual(['GUARDDUTY']);
  });

  test('GIVEN the GuardDuty bands THEN each boundary lands on the documented level', () => {
    const event = sample('guardduty-finding');
    const levelOf = (severity: number) => FindingSeverity.all()
      .filter((s) => matchesPattern(FindingSource.GUARDDUTY.eventPattern(s)!, withDetail(event, (d) => { d.severity = severity; })))
      .pop()!.name;
    expect([0.5, 1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(levelOf)).toEqual(['INFORMATIONAL', 'LOW', 'LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'HIGH', 'CRITICAL', 'CRITICAL']);
  });

  test('GIVEN the Security Hub imported sample (HIGH, NEW, ACTIVE) THEN matched up to HIGH, not when resolved, suppressed or archived', () => {
    const event = sample('securityhub-findings-imported');
    expect(matchingSources(FindingSeverity.HIGH, event)).toEqual(['SECURITY_HUB']);
    expect(matchingSources(FindingSeverity.CRITICAL, event)).toEqual([]);
    expect(matchingSources(FindingSeverity.LOW, withDetail(event, (d) => { d.findings[0].Workflow.Status = 'RESOLVED'; }))).toEqual([]);
    expect(matchingSources(FindingSeverity.LOW, withDetail(event, (d) => { d.findings[0].Workflow.Status = 'SUPPRESSED'; }))).toEqual([]);
    expect(matchingSources(FindingSeverity.LOW, withDetail(event, (d) => { d.findings[0].Workflow.Status = 'NOTIFIED'; }))).toEqual(['SECURITY_HUB']);
    expect(matchingSources(FindingSeverity.LOW, withDetail(event, (d) => { d.findings[0].RecordState = 'ARCHIVED'; }))).toEqual([]);
    expect(matchingSources(FindingSeverity.INFORMATIONAL, withDetail(event, (d) => { d.findings[0].Severity.Label = 'INFORMATIONAL'; }))).toEqual(['SECURITY_HUB']);
  });

  test('GIVEN a route with GuardDuty and Security Hub THEN Security Hub copies of GuardDuty findings are left out (no duplicates)', () => {
    const gdInHub = withDetail(sample('securityhub-findings-imported'), (d) => { d.findings[0].ProductName = 'GuardDuty'; });
    const both = FindingSource.SECURITY_HUB._eventPattern(FindingSeverity.HIGH, [FindingSource.GUARDDUTY, FindingSource.SECURITY_HUB])!;
    expect(matchesPattern(both, gdInHub)).toBe(false);
    expect(matchesPattern(both, sample('securityhub-findings-imported'))).toBe(true);
    expect(matchesPattern(FindingSource.SECURITY_HUB._eventPattern(FindingSeverity.HIGH, [FindingSource.SECURITY_HUB])!, gdInHub)).toBe(true);
  });

  test('GIVEN the Security Hub custom action sample THEN only that action\'s source matches', () => {
    const event = sample('securityhub-findings-custom-action');
    const action = FindingSource.securityHubCustomAction('arn:aws:securityhub:us-west-1:111122223333:action/custom/IsolateInstance');
    const other = FindingSource.securityHubCustomAction('arn:aws:securityhub:us-west-1:111122223333:action/custom/Other');
    expect(matchingSources(FindingSeverity.HIGH, event, [...FindingSource.all(), action, other])).toEqual(['SECURITY_HUB_CUSTOM_ACTION']);
    expect(matchesPattern(action.eventPattern(FindingSeverity.HIGH)!, event)).toBe(true);
    expect(matchesPattern(action.eventPattern(FindingSeverity.CRITICAL)!, event)).toBe(false);
  });

  test('GIVEN the Access Analyzer sample (public, ACTIVE) THEN HIGH; not public is MEDIUM; archived or resolved never', () => {
    const event = sample('access-analyzer-finding');
    expect(matchingSources(FindingSeverity.HIGH, event)).toEqual(['ACCESS_ANALYZER']);
    expect(FindingSource.ACCESS_ANALYZER.eventPattern(FindingSeverity.CRITICAL)).toBeUndefined();
    const crossAccount = withDetail(event, (d) => { d.isPublic = false; });
    expect(matchingSources(FindingSeverity.HIGH, crossAccount)).toEqual([]);
    expect(matchingSources(FindingSeverity.MEDIUM, crossAccount)).toEqual(['ACCESS_ANALYZER']);
    expect(matchingSources(FindingSeverity.LOW, withDetail(event, (d) => { d.status = 'ARCHIVED'; }))).toEqual([]);
  });

  test('GIVEN the Config sample (NON_COMPLIANT) THEN MEDIUM; back to COMPLIANT never', () => {
    const event = sample('config-compliance-change');
    expect(matchingSources(FindingSeverity.MEDIUM, event)).toEqual(['CONFIG_COMPLIANCE']);
    expect(FindingSource.CONFIG_COMPLIANCE.eventPattern(FindingSeverity.HIGH)).toBeUndefined();
    expect(matchingSources(FindingSeverity.LOW, withDetail(event, (d) => { d.newEvaluationResult.complianceType = 'COMPLIANT'; }))).toEqual([]);
  });

  test('GIVEN the Inspector sample (HIGH, ACTIVE) THEN matched up to HIGH; UNTRIAGED counts as MEDIUM; closed never', () => {
    const event = sample('inspector2-finding');
    expect(matchingSources(FindingSeverity.HIGH, event)).toEqual(['INSPECTOR']);
    expect(matchingSources(FindingSeverity.CRITICAL, event)).toEqual([]);
    const untriaged = withDetail(event, (d) => { d.severity = 'UNTRIAGED'; });
    expect(matchingSources(FindingSeverity.MEDIUM, untriaged)).toEqual(['INSPECTOR']);
    expect(matchingSources(FindingSeverity.HIGH, untriaged)).toEqual([]);
    expect(matchingSources(FindingSeverity.LOW, withDetail(event, (d) => { d.status = 'CLOSED'; }))).toEqual([]);
  });

  test('GIVEN the Macie sample (Low) THEN LOW only; High reaches HIGH; nothing reaches CRITICAL', () => {
    const event = sample('macie-finding');
    expect(matchingSources(FindingSeverity.LOW, event)).toEqual(['MACIE']);
    expect(matchingSources(FindingSeverity.MEDIUM, event)).toEqual([]);
    expect(matchingSources(FindingSeverity.HIGH, withDetail(event, (d) => { d.severity = { score: 3, description: 'High' }; }))).toEqual(['MACIE']);
    expect(FindingSource.MACIE.eventPattern(FindingSeverity.CRITICAL)).toBeUndefined();
  });

  test('GIVEN an IAM user console sign-in without MFA THEN MEDIUM; with MFA, failed, or by root: not this source', () => {
    const event = sample('console-sign-in-without-mfa');
    expect(matchingSources(FindingSeverity.MEDIUM, event)).toEqual(['CONSOLE_SIGN_IN_WITHOUT_MFA']);
    expect(matchingSources(FindingSeverity.HIGH, event)).toEqual([]);
    expect(matchingSources(FindingSeverity.LOW, withDetail(event, (d) => { d.additionalEventData.MFAUsed = 'Yes'; }))).toEqual([]);
    expect(matchingSources(FindingSeverity.LOW, withDetail(event, (d) => { d.responseElements.ConsoleLogin = 'Failure'; }))).toEqual([]);
  });

  test('GIVEN root activity (console sign-in, API call) THEN HIGH; calls AWS services make for root are not', () => {
    expect(matchingSources(FindingSeverity.HIGH, sample('root-console-sign-in'))).toEqual(['ROOT_ACTIVITY']);
    expect(matchingSources(FindingSeverity.HIGH, sample('root-api-call'))).toEqual(['ROOT_ACTIVITY']);
    expect(FindingSource.ROOT_ACTIVITY.eventPattern(FindingSeverity.CRITICAL)).toBeUndefined();
    expect(matchingSources(FindingSeverity.LOW, withDetail(sample('root-api-call'), (d) => { d.userIdentity.invokedBy = 'cloudformation.amazonaws.com'; }))).toEqual([]);
    expect(matchingSources(FindingSeverity.LOW, withDetail(sample('root-api-call'), (d) => { d.eventType = 'AwsServiceEvent'; }))).toEqual([]);
    expect(matchingSources(FindingSeverity.LOW, withDetail(sample('root-api-call'), (d) => { d.userIdentity.type = 'IAMUser'; }))).toEqual([]);
  });

  test('GIVEN every sample THEN it matches exactly one source at the lowest severity (no source swallows another\'s events)', () => {
    for (const name of ['guardduty-finding', 'guardduty-finding-access-key', 'securityhub-findings-imported', 'access-analyzer-finding', 'config-compliance-change',
      'inspector2-finding', 'macie-finding', 'console-sign-in-without-mfa', 'root-console-sign-in', 'root-api-call']) {
      expect([name, matchingSources(FindingSeverity.INFORMATIONAL, sample(name)).length]).toEqual([name, 1]);
    }
  });
});

const build = (stack: Stack, routes: FindingsRoute[]) => new FindingsRouter(stack, 'Router', { routes });

describe('FindingsRouter', () => {

  test('GIVEN routes THEN the rendered rules\' patterns route the samples by severity (routing in EventBridge itself)', () => {
    const stack = propertyTestStack();
    const page = new SecureTopic(stack, 'Page');
    const tickets = new SecureQueue(stack, 'Tickets');
    const router = build(stack, [
      { name: 'Page', minimumSeverity: FindingSeverity.HIGH, destination: FindingsDestination.topic(page) },
      { name: 'Ticket', minimumSeverity: FindingSeverity.MEDIUM, sources: [FindingSource.CONFIG_COMPLIANCE, FindingSource.INSPECTOR], destination: FindingsDestination.queue(tickets) },
    ]);
    const template = Template.fromStack(stack).toJSON();
    const rules = Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::Events::Rule') as any[];
    // HIGH: 8 sources minus Config and sign-in without MFA (both MEDIUM); MEDIUM: the two named.
    expect(rules.length).toBe(8);
    expect(router.rules.map((r) => r.node.id)).toEqual([
      'PageGuardDuty', 'PageSecurityHub', 'PageAccessAnalyzer', 'PageInspector', 'PageMacie', 'PageRootActivity', 'TicketConfigCompliance', 'TicketInspector',
    ]);
    const destinationsOf = (event: unknown) => rules.filter((r) => matchesPattern(r.Properties.EventPattern, event))
      .map((r) => stack.resolve(r.Properties.Targets[0].Arn)).map((arn: any) => JSON.stringify(arn));
    const pageArn = JSON.stringify({ Ref: stack.getLogicalId(page.node.defaultChild as any) });
    const ticketArn = JSON.stringify({ 'Fn::GetAtt': [stack.getLogicalId(tickets.node.defaultChild as any), 'Arn'] });
    expect(destinationsOf(sample('guardduty-finding'))).toEqual([pageArn]);
    expect(destinationsOf(sample('guardduty-finding-access-key'))).toEqual([]);
    expect(destinationsOf(sample('inspector2-finding'))).toEqual([pageArn, ticketArn]);
    expect(destinationsOf(sample('config-compliance-change'))).toEqual([ticketArn]);
    expect(destinationsOf(sample('macie-finding'))).toEqual([]);
    expect(destinationsOf(sample('root-api-call'))).toEqual([pageArn]);
    expect(destinationsOf(sample('console-sign-in-without-mfa'))).toEqual([]);
  });

  test('GIVEN a route THEN every target has the dead-letter queue and every rule an alarm on FailedInvocations to the security topic', () => {
    const stack = propertyTestStack();
    const router = build(stack, [{ name: 'All', minimumSeverity: FindingSeverity.LOW, destination: FindingsDestination.queue(new SecureQueue(stack, 'Tickets')) }]);
    const template = Template.fromStack(stack);
    const dlq = stack.getLogicalId(router.deadLetterQueue.node.defaultChild as any);
    template.resourceCountIs('AWS::Events::Rule', 8);
    template.allResourcesProperties('AWS::Events::Rule', {
      State: 'ENABLED',
      Targets: [Match.objectLike({ DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } } })],
    });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 8);
    const rule = stack.getLogicalId(router.rules[0]);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Events',
      MetricName: 'FailedInvocations',
      Dimensions: [{ Name: 'RuleName', Value: { Ref: rule } }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^FortressSecurityNotifications') }],
    });
  });

  test('GIVEN a queue and a topic on the ring key THEN EventBridge is admitted per rule and on the messaging key', () => {
    const stack = propertyTestStack();
    const queue = new SecureQueue(stack, 'Tickets');
    const topic = new SecureTopic(stack, 'Page');
    const router = build(stack, [
      { name: 'Q', sources: [FindingSource.GUARDDUTY], destination: FindingsDestination.queue(queue) },
      { name: 'T', sources: [FindingSource.GUARDDUTY], destination: FindingsDestination.topic(topic) },
    ]);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: stack.getLogicalId(queue.node.defaultChild as any) }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [stack.getLogicalId(router.rules[0]), 'Arn'] } } },
        })]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [stack.getLogicalId(router.rules[1]), 'Arn'] } } },
        })]),
      },
    });
    const keyPolicy = JSON.stringify(Template.fromStack(stack).findResources('AWS::KMS::Key'));
    expect(keyPolicy).toContain('events.amazonaws.com');
  });

  test('GIVEN a topic with its own key THEN a warning says the key policy must admit EventBridge', () => {
    const stack = propertyTestStack();
    const key = kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const topic = new SecureTopic(stack, 'Own', { masterKey: key });
    build(stack, [{ name: 'T', sources: [FindingSource.GUARDDUTY], destination: FindingsDestination.topic(topic) }]);
    Annotations.fromStack(stack).hasWarning('/Stack/Router', Match.stringLikeRegexp('not its stack ring\'s messaging key'));
  });

  test('GIVEN a function THEN EventBridge may invoke it only from the rule, in this account', () => {
    const stack = propertyTestStack();
    const fn = new SecureFunction(stack, 'Responder', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>{}') });
    const router = build(stack, [{ name: 'F', sources: [FindingSource.GUARDDUTY], destination: FindingsDestination.lambdaFunction(fn) }]);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [stack.getLogicalId(fn.node.defaultChild as any), 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [stack.getLogicalId(router.rules[0]), 'Arn'] },
      SourceAccount: '111122223333',
    });
  });

  test('GIVEN another account\'s event bus THEN a role that may only put events on that bus', () => {
    const stack = propertyTestStack();
    const bus = 'arn:aws:events:eu-west-1:444455556666:event-bus/security';
    build(stack, [{ name: 'Central', sources: [FindingSource.GUARDDUTY, FindingSource.MACIE], destination: FindingsDestination.eventBus(bus) }]);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.allResourcesProperties('AWS::Events::Rule', { Targets: [Match.objectLike({ Arn: bus, RoleArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } })] });
    expect(JSON.stringify(template.findResources('AWS::IAM::ManagedPolicy'))).toContain('"Action":"events:PutEvents","Effect":"Allow","Resource":"arn:aws:events:eu-west-1:444455556666:event-bus/security"');
  });

  test('GIVEN a second router in the same account and region THEN refused', () => {
    const stack = propertyTestStack();
    const topic = new SecureTopic(stack, 'T');
    build(stack, [{ name: 'A', destination: FindingsDestination.topic(topic) }]);
    expect(() => new FindingsRouter(stack, 'Router2', { routes: [{ name: 'A', destination: FindingsDestination.topic(topic) }] }))
      .toThrow(/invalid 'FindingsRouter': must be the only one for account 111122223333 and region eu-west-1/);
  });

  test('property: any valid routes render one rule per route and routed source, each with DLQ and alarm', () => {
    fc.assert(fc.property(
      fc.array(fc.record({
        severity: fc.constantFrom(...FindingSeverity.all()),
        sources: fc.subarray(FindingSource.all(), { minLength: 1 }),
      }), { minLength: 1, maxLength: 3 }),
      (specs) => {
        const stack = propertyTestStack();
        const topic = new SecureTopic(stack, 'T');
        const routes = specs.map((s, i) => ({ name: `R${i}`, minimumSeverity: s.severity, sources: s.sources, destination: FindingsDestination.topic(topic) }));
        const expected = routes.reduce((n, r) => n + r.sources.filter((s) => s.eventPattern(r.minimumSeverity) !== undefined).length, 0);
        if (expected === 0 || routes.some((r) => r.sources.every((s) => s.eventPattern(r.minimumSeverity) === undefined))) {
          expect(() => build(stack, routes)).toThrow(/would never match/);
          return;
        }
        const router = build(stack, routes);
        expect(router.rules.length).toBe(expected);
        expect(router.failedInvocationsAlarms.length).toBe(expected);
      },
    ), { numRuns: 8 });
  });
});

describe('FindingsRouter compliance (all six packs + FortressChecks)', () => {
  test('GIVEN topic, queue, function and event bus routes THEN no unacknowledged error; only the function\'s documented acknowledgments', () => {
    const stack = complianceTestStack();
    const fn = new SecureFunction(stack, 'Responder', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>{}') });
    build(stack, [
      { name: 'Page', minimumSeverity: FindingSeverity.CRITICAL, destination: FindingsDestination.topic(new SecureTopic(stack, 'Oncall')) },
      { name: 'Ticket', minimumSeverity: FindingSeverity.MEDIUM, destination: FindingsDestination.queue(new SecureQueue(stack, 'Tickets')) },
      { name: 'Respond', sources: [FindingSource.GUARDDUTY], destination: FindingsDestination.lambdaFunction(fn) },
      { name: 'Central', destination: FindingsDestination.eventBus('arn:aws:events:eu-west-1:444455556666:event-bus/security') },
    ]);
    // The router itself acknowledges nothing: these are the shared alert queue's, the function's and the queue's own.
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual([
      'Stack/FortressUndeliveredAlerts AwsSolutions-SQS3',
      'Stack/FortressUndeliveredAlerts Serverless-SQSRedrivePolicy',
      'Stack/Responder HIPAA.Security-LambdaInsideVPC',
      'Stack/Responder NIST.800.53.R4-LambdaInsideVPC',
      'Stack/Responder NIST.800.53.R5-LambdaInsideVPC',
      'Stack/Responder PCI.DSS.321-LambdaInsideVPC',
      'Stack/Responder/DeadLetterQueue AwsSolutions-SQS3',
      'Stack/Responder/DeadLetterQueue Serverless-SQSRedrivePolicy',
      'Stack/ResponderServiceRole/Permissions1 AwsSolutions-IAM5[Resource::*]',
      'Stack/Tickets/DeadLetterQueue AwsSolutions-SQS3',
      'Stack/Tickets/DeadLetterQueue Serverless-SQSRedrivePolicy',
    ]);
  });
});

describe('FindingsRouter attacks', () => {
  test('GIVEN an escape hatch that drops a target\'s dead-letter queue THEN the packs report it', () => {
    const stack = complianceTestStack();
    const router = build(stack, [{ name: 'A', sources: [FindingSource.GUARDDUTY], destination: FindingsDestination.topic(new SecureTopic(stack, 'T')) }]);
    router.rules[0].addPropertyDeletionOverride('Targets.0.DeadLetterConfig');
    expect(() => expectCompliant(stack)).toThrow(/Serverless-EventBusDLQ/);
  });
});

describe('FindingsRouter rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Router: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Router', props, (stack, id, p) => new FindingsRouter(stack, id, p));
  const topic = (stack: Stack) => FindingsDestination.topic(new SecureTopic(stack, 'T'));

  test.each<[string, (stack: Stack) => any, string]>([
    ['no props', () => undefined, "invalid 'routes': must be a list of 1 to 30 routes"],
    ['no routes', () => ({ routes: [] }), "invalid 'routes': must be a list of 1 to 30 routes"],
    ['31 routes', (s) => { const t = topic(s); return { routes: Array.from({ length: 31 }, (_, i) => ({ name: `R${i}`, destination: t })) }; }, "invalid 'routes': must be a list of 1 to 30 routes"],
    ['a route with no destination', () => ({ routes: [{ name: 'A' }] }), "invalid 'routes[0].destination': is required: FindingsDestination.topic"],
    ['a raw topic as destination', (s) => ({ routes: [{ name: 'A', destination: new SecureTopic(s, 'T') }] }), "invalid 'routes[0].destination': is required"],
    ['a route without a name', (s) => ({ routes: [{ destination: topic(s) }] }), "invalid 'routes[0].name': must be 1-32 letters and digits"],
    ['a name with spaces', (s) => ({ routes: [{ name: 'on call', destination: topic(s) }] }), "invalid 'routes[0].name': must be 1-32 letters and digits"],
    ['a duplicate name', (s) => ({ routes: [{ name: 'A', destination: topic(s) }, { name: 'A', destination: FindingsDestination.eventBus('arn:aws:events:eu-west-1:444455556666:event-bus/x') }] }),
      "invalid 'routes[1].name': must be unique among the routes"],
    ['a severity name as a string', (s) => ({ routes: [{ name: 'A', minimumSeverity: 'HIGH', destination: topic(s) }] }), "invalid 'routes[0].minimumSeverity': must be a FindingSeverity"],
    ['an empty source list', (s) => ({ routes: [{ name: 'A', sources: [], destination: topic(s) }] }), "invalid 'routes[0].sources': must list at least one FindingSource"],
    ['a source name as a string', (s) => ({ routes: [{ name: 'A', sources: ['GUARDDUTY'], destination: topic(s) }] }), "invalid 'routes[0].sources': must each be a FindingSource"],
    ['a repeated source', (s) => ({ routes: [{ name: 'A', sources: [FindingSource.MACIE, FindingSource.MACIE], destination: topic(s) }] }), "invalid 'routes[0].sources': must not repeat a source"],
    ['a route that can never match', (s) => ({ routes: [{ name: 'A', minimumSeverity: FindingSeverity.CRITICAL, sources: [FindingSource.MACIE, FindingSource.CONFIG_COMPLIANCE], destination: topic(s) }] }),
      "invalid 'routes[0].sources': must include a source that reports findings of severity CRITICAL or above (this route would never match)"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props) as Error;
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect(error.message).toContain(PREFIX + message);
  });

  test.each<[string, () => unknown, string]>([
    ['an unknown severity name', () => FindingSeverity.of('SEVERE'), "[cdk-fortress] FindingSeverity: invalid 'name': must be one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL"],
    ['a Macie-style severity name', () => FindingSeverity.of('Moderate'), "invalid 'name'"],
    ['an event bus ARN that is a rule ARN', () => FindingsDestination.eventBus('arn:aws:events:eu-west-1:444455556666:rule/x'), "invalid 'eventBus': must be an event bus ARN"],
    ['a custom action that is not an action target', () => FindingSource.securityHubCustomAction('arn:aws:sns:eu-west-1:111122223333:x'), "invalid 'securityHubCustomAction'"],
    ['a FIFO queue', () => FindingsDestination.queue(new SecureQueue(propertyTestStack(), 'Q', { fifo: true })), "invalid 'queue': must be a standard queue"],
    ['a plain queue', () => FindingsDestination.queue({} as any), "invalid 'queue': must be a SecureQueue"],
    ['a plain function', () => FindingsDestination.lambdaFunction({} as any), "invalid 'lambdaFunction': must be a SecureFunction"],
  ])('%s', (_name, make, message) => {
    expect(make).toThrow(message);
  });

  test('GIVEN this account\'s own bus as eventBus THEN refused (route to a topic, queue or function instead)', () => {
    const stack = propertyTestStack();
    expect(() => new FindingsRouter(stack, 'Router', { routes: [{ name: 'A', destination: FindingsDestination.eventBus('arn:aws:events:eu-west-1:111122223333:event-bus/default') }] }))
      .toThrow("must be another account's event bus");
  });

  test('property: unknown severity names are always refused with the library\'s error', () => {
    const known = (s: string) => FindingSeverity.all().some((l) => l.name === s.trim().toUpperCase());
    const unknownName = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !known(s));
    fc.assert(fc.property(unknownName, (name) => {
      let error: unknown;
      try { FindingSeverity.of(name); } catch (e) { error = e; }
      expect(FortressErrors.isFortressError(error)).toBe(true);
    }), { numRuns: 8 });
  });
});
