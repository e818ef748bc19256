import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import {
  FortressErrors, KeyPurpose, KmsKeyRing, ManagedRuleGroup, SecureLogGroup, SecureWebAcl, WebAclRuleAction, WebAclScope,
} from '../../src';
import { complianceTestStack, expectCompliant, propertyTestApp, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);
const logicalId = (stack: Stack, c: { node: { defaultChild?: any } }) => stack.getLogicalId(c.node.defaultChild);
const BASELINE = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'];

describe('SecureWebAcl', () => {
  test('GIVEN no props THEN a REGIONAL web ACL allowing by default, with metrics and sampled requests', () => {
    const stack = propertyTestStack();
    const acl = new SecureWebAcl(stack, 'Firewall');
    expect(acl.node.defaultChild?.node.id).toBe('Resource');
    expect(acl.aclScope).toBe(WebAclScope.REGIONAL);
    Template.fromStack(stack).hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: Match.stringLikeRegexp('Firewall') },
    });
  });

  test('GIVEN no props THEN the AWS baseline managed rule groups, not overridden to count', () => {
    const stack = propertyTestStack();
    new SecureWebAcl(stack, 'Firewall');
    const [acl] = Object.values(Template.fromStack(stack).findResources('AWS::WAFv2::WebACL')) as any[];
    const managed = acl.Properties.Rules.filter((r: any) => r.Statement.ManagedRuleGroupStatement);
    expect(managed.map((r: any) => r.Statement.ManagedRuleGroupStatement.Name)).toEqual(BASELINE);
    expect(managed.map((r: any) => r.Priority)).toEqual([200, 210, 220]);
    for (const rule of managed) {
      expect(rule.OverrideAction).toEqual({ None: {} });
      expect(rule.Statement.ManagedRuleGroupStatement.VendorName).toBe('AWS');
      expect(rule.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toBeUndefined();
      expect(rule.VisibilityConfig).toEqual({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: rule.Name });
    }
  });

  test('GIVEN no props THEN a rate-based rule blocks a client IP above 2000 requests per 5 minutes', () => {
    const stack = propertyTestStack();
    new SecureWebAcl(stack, 'Firewall');
    Template.fromStack(stack).hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([{
        Name: 'RateLimitPerClientIp',
        Priority: 100,
        Action: { Block: {} },
        Statement: { RateBasedStatement: { Limit: 2000, EvaluationWindowSec: 300, AggregateKeyType: 'IP' } },
        VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: 'RateLimitPerClientIp' },
      }]),
    });
  });

  test('GIVEN no props THEN logging to an encrypted aws-waf-logs- log group, authorization and cookie redacted', () => {
    const stack = propertyTestStack();
    const acl = new SecureWebAcl(stack, 'Firewall');
    expect(acl.logGroup).toBeInstanceOf(SecureLogGroup);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-'),
      KmsKeyId: { 'Fn::GetAtt': [logicalId(stack, KmsKeyRing.of(stack).key(KeyPurpose.LOGS)), 'Arn'] },
      RetentionInDays: 365,
    });
    template.hasResource('AWS::WAFv2::LoggingConfiguration', {
      Properties: {
        ResourceArn: { 'Fn::GetAtt': [logicalId(stack, acl), 'Arn'] },
        LogDestinationConfigs: [{ 'Fn::GetAtt': [logicalId(stack, acl.logGroup), 'Arn'] }],
        RedactedFields: [{ SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'cookie' } }],
      },
      DependsOn: [Match.stringLikeRegexp('FortressWafLogDelivery')],
    });
  });

  test('GIVEN no props THEN log delivery may write aws-waf-logs- groups of this account only, and may use the logs key', () => {
    const stack = propertyTestStack();
    new SecureWebAcl(stack, 'Firewall');
    new SecureWebAcl(stack, 'Second');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::ResourcePolicy', 1);
    const [policy] = Object.values(template.findResources('AWS::Logs::ResourcePolicy')) as any[];
    const document = JSON.stringify(stack.resolve(policy.Properties.PolicyDocument));
    expect(document).toContain('delivery.logs.amazonaws.com');
    expect(document).toContain('logs:CreateLogStream');
    expect(document).toContain('logs:PutLogEvents');
    expect(document).toContain(':log-group:aws-waf-logs-*:log-stream:*');
    expect(document).toContain('aws:SourceAccount');
    expect(document).toContain('aws:SourceArn');
    expect(KmsKeyRing.of(stack).enabledServicesOf(KeyPurpose.LOGS)).toEqual(expect.arrayContaining(['log-delivery', 'cloudwatch-logs']));
  });

  test('GIVEN opt-in groups, count overrides, custom rules and a forwarded IP THEN all rendered', () => {
    const stack = propertyTestStack();
    new SecureWebAcl(stack, 'Firewall', {
      managedRuleGroups: [...ManagedRuleGroup.baseline(), ManagedRuleGroup.SQL_INJECTION, ManagedRuleGroup.LINUX, ManagedRuleGroup.ANONYMOUS_IP],
      managedRuleCountOverrides: [{ ruleGroup: ManagedRuleGroup.COMMON_RULE_SET, ruleNames: ['SizeRestrictions_BODY'] }],
      customRules: [{ name: 'GeoBlock', priority: 5, action: WebAclRuleAction.BLOCK, statement: { geoMatchStatement: { countryCodes: ['KP'] } } }],
      rateLimit: 500,
      rateLimitWindow: Duration.minutes(1),
      rateLimitForwardedIpHeader: 'X-Forwarded-For',
      additionalRedactedHeaders: ['X-Api-Key'],
    });
    const template = Template.fromStack(stack);
    const [acl] = Object.values(template.findResources('AWS::WAFv2::WebACL')) as any[];
    expect(acl.Properties.Rules.map((r: any) => [r.Priority, r.Name])).toEqual([
      [5, 'GeoBlock'], [100, 'RateLimitPerClientIp'], [200, 'AWSManagedRulesAmazonIpReputationList'], [210, 'AWSManagedRulesCommonRuleSet'],
      [220, 'AWSManagedRulesKnownBadInputsRuleSet'], [230, 'AWSManagedRulesSQLiRuleSet'], [240, 'AWSManagedRulesLinuxRuleSet'], [250, 'AWSManagedRulesAnonymousIpList'],
    ]);
    expect(acl.Properties.Rules[0].Action).toEqual({ Block: {} });
    expect(acl.Properties.Rules[1].Statement.RateBasedStatement).toEqual({
      Limit: 500, EvaluationWindowSec: 60, AggregateKeyType: 'FORWARDED_IP', ForwardedIPConfig: { HeaderName: 'X-Forwarded-For', FallbackBehavior: 'MATCH' },
    });
    expect(acl.Properties.Rules[3].Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'cookie' } }, { SingleHeader: { Name: 'x-api-key' } }],
    });
  });

  test('GIVEN a CLOUDFRONT scope in us-east-1 THEN created, and refused for association', () => {
    const stack = new Stack(propertyTestApp(), 'Edge', { env: { account: '111122223333', region: 'us-east-1' } });
    const acl = new SecureWebAcl(stack, 'Firewall', { scope: WebAclScope.CLOUDFRONT });
    Template.fromStack(stack).hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT' });
    expect(() => acl.associate('X', 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/x/1'))
      .toThrow("[cdk-fortress] Edge/Firewall: invalid 'associate': is for REGIONAL web ACLs");
  });

  test('GIVEN an environment-agnostic stack THEN CLOUDFRONT scope is accepted (region unknown) with a warning', () => {
    const stack = new Stack(propertyTestApp(), 'Agnostic');
    new SecureWebAcl(stack, 'Firewall', { scope: WebAclScope.CLOUDFRONT });
    Template.fromStack(stack).resourceCountIs('AWS::WAFv2::WebACL', 1);
    Annotations.fromStack(stack).hasWarning('/Agnostic/Firewall', Match.stringLikeRegexp('us-east-1'));
  });

  test('associations: ALB, API Gateway stage, AppSync API, Cognito user pool, and by ARN', () => {
    const stack = propertyTestStack();
    const acl = new SecureWebAcl(stack, 'Firewall');
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
    const api = new apigateway.RestApi(stack, 'Api', { deploy: true });
    api.root.addMethod('GET', new apigateway.MockIntegration());
    const graphql = new appsync.GraphqlApi(stack, 'Graphql', { name: 'g', definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(`${__dirname}/schema.graphql`)) });
    const pool = new cognito.UserPool(stack, 'Pool');
    acl.associateLoadBalancer(alb);
    acl.associateApiStage(api.deploymentStage);
    acl.associateGraphqlApi(graphql);
    acl.associateUserPool(pool);
    acl.associate('Other', 'arn:aws:apprunner:eu-west-1:111122223333:service/x/1');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 5);
    const arns = Object.values(template.findResources('AWS::WAFv2::WebACLAssociation')).map((r: any) => JSON.stringify(r.Properties.ResourceArn));
    expect(arns.some((a) => a.includes(logicalId(stack, alb)))).toBe(true);
    expect(arns.some((a) => a.includes(':apigateway:') && a.includes(logicalId(stack, api)) && a.includes('/stages/'))).toBe(true);
    expect(arns.some((a) => a.includes(logicalId(stack, graphql)))).toBe(true);
    expect(arns.some((a) => a.includes(logicalId(stack, pool)))).toBe(true);
    template.allResourcesProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: { 'Fn::GetAtt': [logicalId(stack, acl), 'Arn'] } });
    expect(() => acl.associateLoadBalancer(alb)).toThrow("invalid 'associate': already associates this resource");
  });

  test('GIVEN a resource in another stack THEN the association lives in that stack', () => {
    const app = propertyTestApp();
    const env = { account: '111122223333', region: 'eu-west-1' };
    const edge = new Stack(app, 'Edge', { env });
    const workload = new Stack(app, 'Workload', { env });
    const acl = new SecureWebAcl(edge, 'Firewall');
    const pool = new cognito.UserPool(workload, 'Pool');
    const association = acl.associateUserPool(pool);
    expect(Stack.of(association)).toBe(workload);
  });

  test('GIVEN more than 1,500 WCUs THEN a synth warning about the extra capacity charge', () => {
    const stack = propertyTestStack();
    const php = ManagedRuleGroup.custom('AWS', 'AWSManagedRulesPHPRuleSet', 600);
    new SecureWebAcl(stack, 'Firewall', { managedRuleGroups: [...ManagedRuleGroup.baseline(), php] });
    Annotations.fromStack(stack).hasWarning('/Stack/Firewall', Match.stringLikeRegexp('WCUs'));
  });
});

describe('SecureWebAcl compliance (all six packs + FortressChecks)', () => {
  test('GIVEN no props THEN no unacknowledged error and no acknowledgment', () => {
    const stack = complianceTestStack();
    new SecureWebAcl(stack, 'Firewall');
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual([]);
  });

  test('property: random valid props always synthesize compliant', () => {
    const optIn = [ManagedRuleGroup.SQL_INJECTION, ManagedRuleGroup.LINUX, ManagedRuleGroup.ANONYMOUS_IP];
    fc.assert(fc.property(fc.record({
      rateLimit: fc.option(fc.integer({ min: 10, max: 2_000_000_000 }), { nil: undefined }),
      window: fc.option(fc.constantFrom(1, 2, 5, 10), { nil: undefined }),
      extra: fc.subarray(optIn),
      customPriority: fc.option(fc.oneof(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1000, max: 100000 })), { nil: undefined }),
      retention: fc.option(fc.constantFrom(logs.RetentionDays.THREE_MONTHS, logs.RetentionDays.TEN_YEARS), { nil: undefined }),
      forwarded: fc.boolean(),
    }), (p) => {
      const stack = complianceTestStack();
      new SecureWebAcl(stack, 'Firewall', {
        rateLimit: p.rateLimit,
        rateLimitWindow: p.window === undefined ? undefined : Duration.minutes(p.window),
        managedRuleGroups: p.extra.length === 0 ? undefined : [...ManagedRuleGroup.baseline(), ...p.extra],
        customRules: p.customPriority === undefined ? undefined
          : [{ name: 'AllowOffice', priority: p.customPriority, action: WebAclRuleAction.COUNT, statement: { geoMatchStatement: { countryCodes: ['DE'] } } }],
        logRetention: p.retention,
        rateLimitForwardedIpHeader: p.forwarded ? 'X-Forwarded-For' : undefined,
      });
      expect(expectCompliant(stack).acknowledgments).toEqual([]);
    }), { numRuns: 5 });
  });
});

describe('SecureWebAcl rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Firewall: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Firewall', props, (stack, id, p) => new SecureWebAcl(stack, id, p));
  const geo = { geoMatchStatement: { countryCodes: ['KP'] } };

  test.each<[string, (stack: Stack) => any, string]>([
    ['a rate limit under 10', () => ({ rateLimit: 9 }), "invalid 'rateLimit': must be an integer from 10 to 2000000000 (got 9)"],
    ['a rate limit over 2,000,000,000', () => ({ rateLimit: 2_000_000_001 }), "invalid 'rateLimit'"],
    ['a fractional rate limit', () => ({ rateLimit: 100.5 }), "invalid 'rateLimit'"],
    ['a 3-minute rate window', () => ({ rateLimitWindow: Duration.minutes(3) }), "invalid 'rateLimitWindow': must be a Duration of 1, 2, 5 or 10 minutes"],
    ['a rate window as a number', () => ({ rateLimitWindow: 300 }), "invalid 'rateLimitWindow'"],
    ['CLOUDFRONT scope outside us-east-1', () => ({ scope: WebAclScope.CLOUDFRONT }), "invalid 'scope': CLOUDFRONT requires the stack to be in us-east-1"],
    ['an unknown scope', () => ({ scope: 'GLOBAL' }), "invalid 'scope': must be one of"],
    ['no managed rule group', () => ({ managedRuleGroups: [] }), "invalid 'managedRuleGroups': must list at least one managed rule group"],
    ['a managed group twice', () => ({ managedRuleGroups: [ManagedRuleGroup.LINUX, ManagedRuleGroup.LINUX] }), "invalid 'managedRuleGroups': must not repeat a group"],
    ['a managed group given by name', () => ({ managedRuleGroups: ['AWSManagedRulesCommonRuleSet'] }), "invalid 'managedRuleGroups[0]': must be a ManagedRuleGroup"],
    ['a count override for a group not evaluated', () => ({ managedRuleCountOverrides: [{ ruleGroup: ManagedRuleGroup.LINUX, ruleNames: ['LFI_URIPATH'] }] }),
      "invalid 'managedRuleCountOverrides[0].ruleGroup': must be one of managedRuleGroups"],
    ['a count override without rule names', () => ({ managedRuleCountOverrides: [{ ruleGroup: ManagedRuleGroup.COMMON_RULE_SET, ruleNames: [] }] }),
      "invalid 'managedRuleCountOverrides[0].ruleNames': must list 1 to 100 rule names"],
    ['count overrides covering every blocking rule of a group', () => ({ managedRuleCountOverrides: [{ ruleGroup: ManagedRuleGroup.AMAZON_IP_REPUTATION, ruleNames: ['AWSManagedIPReputationList', 'AWSManagedReconnaissanceList'] }] }),
      "invalid 'managedRuleCountOverrides': must leave at least one blocking rule of AWSManagedRulesAmazonIpReputationList blocking"],
    ['a custom rule on the rate rule priority', () => ({ customRules: [{ name: 'Geo', priority: 100, action: WebAclRuleAction.BLOCK, statement: geo }] }),
      "invalid 'customRules[0].priority': must be unique in the web ACL: the rate-based rule has priority 100"],
    ['a custom rule on a managed group priority', () => ({ customRules: [{ name: 'Geo', priority: 210, action: WebAclRuleAction.BLOCK, statement: geo }] }),
      "invalid 'customRules[0].priority': must be unique in the web ACL: managed rule group AWSManagedRulesCommonRuleSet has priority 210"],
    ['two custom rules with one priority', () => ({
      customRules: [{ name: 'A', priority: 1, action: WebAclRuleAction.BLOCK, statement: geo }, { name: 'B', priority: 1, action: WebAclRuleAction.COUNT, statement: geo }],
    }), "invalid 'customRules[1].priority': must be unique in the web ACL: custom rule A has priority 1"],
    ['two custom rules with one name', () => ({
      customRules: [{ name: 'A', priority: 1, action: WebAclRuleAction.BLOCK, statement: geo }, { name: 'A', priority: 2, action: WebAclRuleAction.COUNT, statement: geo }],
    }), "invalid 'customRules[1].name': must be unique in the web ACL"],
    ['a custom rule named like a managed group', () => ({ customRules: [{ name: 'AWSManagedRulesCommonRuleSet', priority: 1, action: WebAclRuleAction.BLOCK, statement: geo }] }),
      "invalid 'customRules[0].name': must be unique"],
    ['a negative priority', () => ({ customRules: [{ name: 'A', priority: -1, action: WebAclRuleAction.BLOCK, statement: geo }] }), "invalid 'customRules[0].priority'"],
    ['a custom rule without action', () => ({ customRules: [{ name: 'A', priority: 1, statement: geo }] }), "invalid 'customRules[0].action': is required"],
    ['a custom rule with an unknown action', () => ({ customRules: [{ name: 'A', priority: 1, action: 'DROP', statement: geo }] }), "invalid 'customRules[0].action': must be one of"],
    ['a custom rule with two statements', () => ({ customRules: [{ name: 'A', priority: 1, action: WebAclRuleAction.BLOCK, statement: { ...geo, ipSetReferenceStatement: { arn: 'x' } } }] }),
      "invalid 'customRules[0].statement': must be one WAF statement"],
    ['a rule name with spaces', () => ({ customRules: [{ name: 'my rule', priority: 1, action: WebAclRuleAction.BLOCK, statement: geo }] }), "invalid 'customRules[0].name'"],
    ['a log group not named aws-waf-logs-', () => ({ logGroupName: 'waf-logs' }), "invalid 'logGroupName': must be a log group name starting with 'aws-waf-logs-'"],
    ['logs kept forever', () => ({ logRetention: logs.RetentionDays.INFINITE }), "invalid 'logRetention'"],
    ['a web ACL name with a dot', () => ({ webAclName: 'edge.acl' }), "invalid 'webAclName'"],
    ['a forwarded IP header with a space', () => ({ rateLimitForwardedIpHeader: 'X Forwarded' }), "invalid 'rateLimitForwardedIpHeader'"],
    ['a redacted header with a colon', () => ({ additionalRedactedHeaders: ['x-api:key'] }), "invalid 'additionalRedactedHeaders'"],
    ['more than 5,000 WCUs', () => ({ managedRuleGroups: [ManagedRuleGroup.custom('AWS', 'A', 5000), ManagedRuleGroup.custom('AWS', 'B', 100)] }),
      "invalid 'managedRuleGroups': must fit a web ACL's 5000 WCUs"],
    ['a key ring that is not one', () => ({ keyRing: {} }), "invalid 'keyRing': must be a KmsKeyRing"],
    ['props that are not an object', () => 'acl', "invalid 'props': must be an object"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });

  test.each([undefined, null])('JavaScript callers passing %p props get the defaults', (props) => {
    expect(attempt(() => props)).toBeUndefined();
  });

  test('ManagedRuleGroup.custom refuses bad names and capacities', () => {
    expect(() => ManagedRuleGroup.custom('AWS', 'bad name', 10)).toThrow("invalid 'name'");
    expect(() => ManagedRuleGroup.custom('AWS', 'Good', 0)).toThrow("invalid 'capacity'");
    expect(() => ManagedRuleGroup.custom('', 'Good', 10)).toThrow("invalid 'vendorName'");
  });

  test('property: any out-of-range rate limit is refused with the library error', () => {
    const outOfRange = fc.oneof(fc.integer({ max: 9 }), fc.integer({ min: 2_000_000_001 }), fc.double({ min: 10.01, max: 1e6, noInteger: true }));
    fc.assert(fc.property(outOfRange, (n) => {
      expect(FortressErrors.isFortressError(attempt(() => ({ rateLimit: n })))).toBe(true);
    }), { numRuns: 30 });
  });
});
