import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { FortressChecks, ManagedRuleGroup, SecureLoadBalancer, SecureWebAcl, WebAclRuleAction } from '../../../src';
import { AWS_MANAGED_RULE_GROUP_BLOCKING_RULES } from '../../../src/analysis';
import { ruleTestStack, violationsOf } from '../rule-harness';

const LB_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1';
const CERT = [{ certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/abc' }];
const redirect = { type: 'redirect', redirectConfig: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } };
const forward = { type: 'forward', targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/t/1' };
const certificate = (stack: any) => acm.Certificate.fromCertificateArn(stack, 'Cert', CERT[0].certificateArn);

describe('ELBv2HttpListenerRedirectsOnly', () => {
  const RULE = 'ELBv2HttpListenerRedirectsOnly';
  const listener = (props: Partial<elbv2.CfnListenerProps>) => {
    const stack = ruleTestStack();
    const l = new elbv2.CfnListener(stack, 'Listener', { loadBalancerArn: LB_ARN, protocol: 'HTTP', port: 80, defaultActions: [redirect], ...props });
    return { stack, l };
  };

  test('Noncompliance 1: an HTTP listener forwarding', () => expect(violationsOf(listener({ defaultActions: [forward] }).stack, RULE)).toEqual(['RuleTest/Listener']));
  test('Noncompliance 2: a redirect that keeps HTTP (#{protocol})', () => {
    const { stack } = listener({ defaultActions: [{ type: 'redirect', redirectConfig: { protocol: '#{protocol}', statusCode: 'HTTP_301' } }] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Listener']);
  });
  test('Noncompliance 3: a fixed response over HTTP', () => {
    const { stack } = listener({ defaultActions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: '200', messageBody: 'hello' } }] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Listener']);
  });
  test('Noncompliance 4: a rule forwarding on a redirecting HTTP listener (cdk-nag misses it)', () => {
    const { stack, l } = listener({});
    new elbv2.CfnListenerRule(stack, 'Rule', { listenerArn: l.ref, priority: 1, actions: [forward], conditions: [{ field: 'path-pattern', values: ['/api/*'] }] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Rule']);
  });
  test('Noncompliance 5: escape hatch turning a SecureLoadBalancer redirect into a forward', () => {
    const stack = ruleTestStack();
    const lb = new SecureLoadBalancer(stack, 'Lb', { vpc: new ec2.Vpc(stack, 'Vpc', { natGateways: 0 }), internetFacing: true });
    const http = lb.addRedirect();
    (http.node.defaultChild as elbv2.CfnListener).addPropertyOverride('DefaultActions', [{ Type: 'forward', TargetGroupArn: forward.targetGroupArn }]);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Lb/Redirect80To443/Resource']);
  });
  test('Noncompliance 8: an ApplicationListener created directly on a SecureLoadBalancer (bypassing addListener)', () => {
    const stack = ruleTestStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
    const lb = new SecureLoadBalancer(stack, 'Lb', { vpc, internetFacing: true });
    const group = new elbv2.ApplicationTargetGroup(stack, 'Targets', { vpc, port: 8080, protocol: elbv2.ApplicationProtocol.HTTP });
    new elbv2.ApplicationListener(stack, 'Sneaky', { loadBalancer: lb, protocol: elbv2.ApplicationProtocol.HTTP, port: 80, defaultTargetGroups: [group], open: false });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Sneaky/Resource']);
  });
  test('Noncompliance 6: a protocol computed at deploy time', () => {
    const { stack, l } = listener({});
    l.addPropertyOverride('Protocol', { 'Fn::If': ['Secure', 'HTTPS', 'HTTP'] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Listener']);
  });
  test('Noncompliance 7: a redirect followed by a forward', () => {
    expect(violationsOf(listener({ defaultActions: [redirect, forward] }).stack, RULE)).toEqual(['RuleTest/Listener']);
  });
  test('Compliance: redirect only; HTTPS listeners and rules on them are not its business', () => {
    const { stack } = listener({});
    const https = new elbv2.CfnListener(stack, 'Https', { loadBalancerArn: LB_ARN, protocol: 'HTTPS', port: 443, certificates: CERT, defaultActions: [forward] });
    new elbv2.CfnListenerRule(stack, 'Rule', { listenerArn: https.ref, priority: 1, actions: [forward], conditions: [{ field: 'path-pattern', values: ['/*'] }] });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('ELBv2ListenerTls12', () => {
  const RULE = 'ELBv2ListenerTls12';
  const listener = (props: Partial<elbv2.CfnListenerProps>) => {
    const stack = ruleTestStack();
    const l = new elbv2.CfnListener(stack, 'Listener', {
      loadBalancerArn: LB_ARN, protocol: 'HTTPS', port: 443, certificates: CERT, defaultActions: [forward], sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', ...props,
    });
    return { stack, l };
  };

  test('Noncompliance 1: no SslPolicy (CloudFormation applies the TLS 1.0 policy)', () => expect(violationsOf(listener({ sslPolicy: undefined }).stack, RULE)).toEqual(['RuleTest/Listener']));
  test('Noncompliance 2: ELBSecurityPolicy-2016-08', () => expect(violationsOf(listener({ sslPolicy: elbv2.SslPolicy.RECOMMENDED }).stack, RULE)).toEqual(['RuleTest/Listener']));
  test('Noncompliance 3: a TLS 1.3 policy with a TLS 1.0 floor', () => expect(violationsOf(listener({ sslPolicy: elbv2.SslPolicy.TLS13_10 }).stack, RULE)).toEqual(['RuleTest/Listener']));
  test('Noncompliance 4: TLS 1.1', () => expect(violationsOf(listener({ sslPolicy: elbv2.SslPolicy.FORWARD_SECRECY_TLS11 }).stack, RULE)).toEqual(['RuleTest/Listener']));
  test('Noncompliance 5: an NLB TLS listener without a policy', () => expect(violationsOf(listener({ protocol: 'TLS', sslPolicy: undefined }).stack, RULE)).toEqual(['RuleTest/Listener']));
  test('Noncompliance 6: escape hatch downgrading a SecureLoadBalancer listener', () => {
    const stack = ruleTestStack();
    const lb = new SecureLoadBalancer(stack, 'Lb', { vpc: new ec2.Vpc(stack, 'Vpc', { natGateways: 0 }) });
    const https = lb.addHttpsListener('Https', { certificates: [certificate(stack)], defaultAction: elbv2.ListenerAction.fixedResponse(404) });
    (https.node.defaultChild as elbv2.CfnListener).addPropertyOverride('SslPolicy', 'ELBSecurityPolicy-TLS-1-0-2015-04');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Lb/Https/Resource']);
  });
  test('Noncompliance 7: a policy computed at deploy time', () => {
    const { stack, l } = listener({});
    l.addPropertyOverride('SslPolicy', { Ref: 'PolicyParameter' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Listener']);
  });
  test.each([elbv2.SslPolicy.TLS13_RES, elbv2.SslPolicy.RECOMMENDED_TLS, elbv2.SslPolicy.TLS13_12_RES_PQ, elbv2.SslPolicy.TLS13_13,
    elbv2.SslPolicy.FIPS_TLS13_12_RES, elbv2.SslPolicy.FORWARD_SECRECY_TLS12_RES_GCM, elbv2.SslPolicy.TLS12])('Compliance: %s', (policy) => {
    expect(violationsOf(listener({ sslPolicy: policy }).stack, RULE)).toEqual([]);
  });
  test('Compliance: HTTP listeners are not its business', () => expect(violationsOf(listener({ protocol: 'HTTP', sslPolicy: undefined, certificates: undefined }).stack, RULE)).toEqual([]));
});

describe('WAFv2WebAclManagedRules and WAFv2WebAclLogged', () => {
  const visibility = { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: 'm' };
  const managed = (overrideAction: any) => ({
    name: 'Crs',
    priority: 1,
    overrideAction,
    visibilityConfig: visibility,
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
  });
  const acl = (rules: any[], logged = true) => {
    const stack = ruleTestStack();
    const a = new wafv2.CfnWebACL(stack, 'Acl', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: visibility, rules });
    if (logged) new wafv2.CfnLoggingConfiguration(stack, 'Logging', { resourceArn: a.attrArn, logDestinationConfigs: ['arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-x'] });
    return { stack, a };
  };

  test('Noncompliance 1: no rules at all', () => expect(violationsOf(acl([]).stack, 'WAFv2WebAclManagedRules')).toEqual(['RuleTest/Acl']));
  test('Noncompliance 2: the managed group only counts', () => expect(violationsOf(acl([managed({ count: {} })]).stack, 'WAFv2WebAclManagedRules')).toEqual(['RuleTest/Acl']));
  test('Noncompliance 3: only a custom rule', () => {
    const geo = { name: 'Geo', priority: 1, action: { block: {} }, visibilityConfig: visibility, statement: { geoMatchStatement: { countryCodes: ['KP'] } } };
    expect(violationsOf(acl([geo]).stack, 'WAFv2WebAclManagedRules')).toEqual(['RuleTest/Acl']);
  });
  test('Noncompliance 4: escape hatch removing the managed groups of a SecureWebAcl', () => {
    const stack = ruleTestStack();
    const secure = new SecureWebAcl(stack, 'Firewall');
    (secure.node.defaultChild as wafv2.CfnWebACL).addPropertyOverride('Rules', []);
    expect(violationsOf(stack, 'WAFv2WebAclManagedRules')).toEqual(['RuleTest/Firewall/Resource']);
  });
  test('Noncompliance 5: escape hatch switching every SecureWebAcl group to COUNT', () => {
    const stack = ruleTestStack();
    const secure = new SecureWebAcl(stack, 'Firewall');
    const cfn = secure.node.defaultChild as wafv2.CfnWebACL;
    const rules = (stack.resolve(cfn._toCloudFormation()) as any).Resources[stack.getLogicalId(cfn)].Properties.Rules;
    cfn.addPropertyOverride('Rules', rules.map((r: any) => (r.OverrideAction ? { ...r, OverrideAction: { Count: {} } } : r)));
    expect(violationsOf(stack, 'WAFv2WebAclManagedRules')).toEqual(['RuleTest/Firewall/Resource']);
  });
  test('Noncompliance 6: no logging configuration', () => expect(violationsOf(acl([managed({ none: {} })], false).stack, 'WAFv2WebAclLogged')).toEqual(['RuleTest/Acl']));
  test('Noncompliance 7: a logging configuration for another web ACL', () => {
    const { stack } = acl([managed({ none: {} })], false);
    const other = new wafv2.CfnWebACL(stack, 'Other', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: visibility, rules: [managed({ none: {} })] });
    new wafv2.CfnLoggingConfiguration(stack, 'Logging', { resourceArn: other.attrArn, logDestinationConfigs: ['arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-x'] });
    expect(violationsOf(stack, 'WAFv2WebAclLogged')).toEqual(['RuleTest/Acl']);
  });
  test('Noncompliance 8: escape hatch emptying the destinations of a SecureWebAcl', () => {
    const stack = ruleTestStack();
    const secure = new SecureWebAcl(stack, 'Firewall');
    secure.loggingConfiguration.addPropertyOverride('LogDestinationConfigs', []);
    expect(violationsOf(stack, 'WAFv2WebAclLogged')).toEqual(['RuleTest/Firewall/Resource']);
  });
  test('Noncompliance 9 (warning): a logging configuration without redaction', () => {
    const { stack } = acl([managed({ none: {} })]);
    expect(violationsOf(stack, 'WAFv2LoggingRedactsCredentials')).toEqual(['RuleTest/Logging']);
  });
  test('Noncompliance 10 (warning): escape hatch dropping the cookie redaction', () => {
    const stack = ruleTestStack();
    const secure = new SecureWebAcl(stack, 'Firewall');
    secure.loggingConfiguration.addPropertyOverride('RedactedFields', [{ SingleHeader: { Name: 'authorization' } }]);
    expect(violationsOf(stack, 'WAFv2LoggingRedactsCredentials')).toEqual(['RuleTest/Firewall/Logging']);
  });
  test('Compliance: a SecureWebAcl passes all three', () => {
    const stack = ruleTestStack();
    new SecureWebAcl(stack, 'Firewall');
    for (const rule of ['WAFv2WebAclManagedRules', 'WAFv2WebAclLogged', 'WAFv2LoggingRedactsCredentials']) expect(violationsOf(stack, rule)).toEqual([]);
  });
  test('Compliance: a managed group acting, logged through a Join-built ARN, credentials redacted (any case)', () => {
    const stack = ruleTestStack();
    const a = new wafv2.CfnWebACL(stack, 'Acl', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: visibility, rules: [managed({ none: {} })] });
    const logging = new wafv2.CfnLoggingConfiguration(stack, 'Logging', {
      resourceArn: a.attrArn,
      logDestinationConfigs: ['arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-x'],
      redactedFields: [{ singleHeader: { Name: 'Authorization' } }, { singleHeader: { Name: 'cookie' } }],
    });
    logging.addPropertyOverride('ResourceArn', { 'Fn::Join': ['', [{ 'Fn::GetAtt': [stack.getLogicalId(a), 'Arn'] }]] });
    expect(violationsOf(stack, 'WAFv2WebAclManagedRules')).toEqual([]);
    expect(violationsOf(stack, 'WAFv2WebAclLogged')).toEqual([]);
    expect(violationsOf(stack, 'WAFv2LoggingRedactsCredentials')).toEqual([]);
  });
});

describe('WAFv2WebAclManagedRules: groups neutered rule by rule', () => {
  const RULE = 'WAFv2WebAclManagedRules';
  const visibility = { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: 'm' };
  const CRS = AWS_MANAGED_RULE_GROUP_BLOCKING_RULES.AWSManagedRulesCommonRuleSet;
  const group = (name: string, statement: Record<string, unknown> = {}, overrideAction: unknown = { None: {} }, vendor = 'AWS') => ({
    Name: name,
    Priority: 1,
    OverrideAction: overrideAction,
    VisibilityConfig: visibility,
    Statement: { ManagedRuleGroupStatement: { VendorName: vendor, Name: name, ...statement } },
  });
  const overrides = (names: readonly string[], action: string) => names.map((n) => ({ Name: n, ActionToUse: { [action]: {} } }));
  const acl = (rules: unknown[]) => {
    const stack = ruleTestStack();
    new wafv2.CfnWebACL(stack, 'Acl', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: 'm' } })
      .addPropertyOverride('Rules', rules);
    return stack;
  };

  test('Noncompliance 1: every rule of the core rule set overridden to Count (OverrideAction None)', () => {
    expect(violationsOf(acl([group('AWSManagedRulesCommonRuleSet', { RuleActionOverrides: overrides(CRS, 'Count') })]), RULE)).toEqual(['RuleTest/Acl']);
  });

  test('Noncompliance 2: the same spelled differently: Allow for some rules, the legacy ExcludedRules for others', () => {
    const statement = {
      RuleActionOverrides: overrides(CRS.slice(0, 10), 'Allow'),
      ExcludedRules: CRS.slice(10).map((n) => ({ Name: n })),
    };
    expect(violationsOf(acl([group('AWSManagedRulesCommonRuleSet', statement)]), RULE)).toEqual(['RuleTest/Acl']);
  });

  test('Noncompliance 3: IP reputation with its two blocking rules counted (the DDoS list only counts by default), next to a group in Count mode', () => {
    const stack = acl([
      group('AWSManagedRulesAmazonIpReputationList', { RuleActionOverrides: overrides(['AWSManagedIPReputationList', 'AWSManagedReconnaissanceList'], 'Count') }),
      group('AWSManagedRulesKnownBadInputsRuleSet', {}, { Count: {} }),
    ]);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Acl']);
  });

  test('Noncompliance 4: escape hatch counting every rule of every SecureWebAcl group', () => {
    const stack = ruleTestStack();
    const secure = new SecureWebAcl(stack, 'Firewall');
    const cfn = secure.node.defaultChild as wafv2.CfnWebACL;
    const rules = (stack.resolve(cfn._toCloudFormation()) as any).Resources[stack.getLogicalId(cfn)].Properties.Rules;
    cfn.addPropertyOverride('Rules', rules.map((r: any) => {
      const m = r.Statement.ManagedRuleGroupStatement;
      return m ? { ...r, Statement: { ManagedRuleGroupStatement: { ...m, RuleActionOverrides: overrides(AWS_MANAGED_RULE_GROUP_BLOCKING_RULES[m.Name], 'Count') } } } : r;
    }));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Firewall/Resource']);
  });

  test('Compliance: one rule counted, every rule overridden to Block (or all but one to Captcha), one group neutered next to one acting, unknown groups', () => {
    expect(violationsOf(acl([group('AWSManagedRulesCommonRuleSet', { RuleActionOverrides: overrides(CRS.slice(1), 'Count') })]), RULE)).toEqual([]);
    expect(violationsOf(acl([group('AWSManagedRulesCommonRuleSet', { RuleActionOverrides: overrides(CRS, 'Block') })]), RULE)).toEqual([]);
    expect(violationsOf(acl([group('AWSManagedRulesCommonRuleSet', { RuleActionOverrides: [...overrides(CRS.slice(1), 'Captcha'), ...overrides(CRS.slice(0, 1), 'Block')] })]), RULE))
      .toEqual([]);
    expect(violationsOf(acl([
      group('AWSManagedRulesCommonRuleSet', { RuleActionOverrides: overrides(CRS, 'Count') }),
      group('AWSManagedRulesSQLiRuleSet'),
    ]), RULE)).toEqual([]);
    // Rules of other vendors' groups are unknown: only OverrideAction decides.
    expect(violationsOf(acl([group('SomeVendorRuleSet', { RuleActionOverrides: overrides(['A', 'B'], 'Count') }, { None: {} }, 'Vendor')]), RULE)).toEqual([]);
  });

  test('Noncompliance 5: every blocking rule overridden to Challenge or Captcha (solvable by any headless browser)', () => {
    expect(violationsOf(acl([group('AWSManagedRulesCommonRuleSet', { RuleActionOverrides: overrides(CRS, 'Captcha') })]), RULE)).toEqual(['RuleTest/Acl']);
    const mixed = [...overrides(CRS.slice(0, 5), 'Challenge'), ...overrides(CRS.slice(5, 10), 'Captcha'), ...overrides(CRS.slice(10), 'Count')];
    expect(violationsOf(acl([group('AWSManagedRulesCommonRuleSet', { RuleActionOverrides: mixed })]), RULE)).toEqual(['RuleTest/Acl']);
  });

  const allow = (name: string, priority: unknown) => ({
    Name: name,
    Priority: priority,
    Action: { Allow: {} },
    VisibilityConfig: visibility,
    Statement: { ByteMatchStatement: { SearchString: 'x', FieldToMatch: { UriPath: {} }, PositionalConstraint: 'CONTAINS', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } },
  });

  test('Noncompliance 6: a managed group narrowed by a ScopeDownStatement (its own, acknowledgeable finding)', () => {
    const scopeDown = { ScopeDownStatement: { ByteMatchStatement: { SearchString: '/nothing', FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } } };
    const stack = acl([group('AWSManagedRulesCommonRuleSet', scopeDown)]);
    expect(violationsOf(stack, `${RULE}[scopeDown:AWSManagedRulesCommonRuleSet]`)).toEqual(['RuleTest/Acl']);
    expect(violationsOf(stack, RULE)).toEqual([]);
    const description = new FortressChecks().validateScope(stack).violations.find((v) => v.ruleName.includes('scopeDown'))!.description;
    expect(description).toMatch(/acknowledge Fortress-WAFv2WebAclManagedRules\[scopeDown:AWSManagedRulesCommonRuleSet\]/);
  });

  test('Noncompliance 7: an Allow rule evaluated before the last managed group (or with a computed priority) shadows it', () => {
    const early = { ...group('AWSManagedRulesCommonRuleSet'), Priority: 10 };
    const late = { ...group('AWSManagedRulesSQLiRuleSet'), Priority: 30 };
    const stack = acl([allow('Office', 20), early, late, allow('Computed', { Ref: 'P' }), allow('After', 40), allow('AfterAsString', '50')]);
    expect(violationsOf(stack, `${RULE}[allowFirst:Office]`)).toEqual(['RuleTest/Acl']);
    expect(violationsOf(stack, `${RULE}[allowFirst:Computed]`)).toEqual(['RuleTest/Acl']);
    expect(violationsOf(stack, `${RULE}[allowFirst:After]`)).toEqual([]);
    expect(violationsOf(stack, `${RULE}[allowFirst:AfterAsString]`)).toEqual([]);
    const description = new FortressChecks().validateScope(stack).violations.find((v) => v.ruleName.includes('allowFirst:Office'))!.description;
    expect(description).toMatch(/Priority above every managed group.*acknowledge Fortress-WAFv2WebAclManagedRules\[allowFirst:Office\]/s);
  });

  test('Noncompliance 8: a SecureWebAcl custom ALLOW rule before the managed groups, and an escape hatch adding a scope-down', () => {
    const stack = ruleTestStack();
    const secure = new SecureWebAcl(stack, 'Firewall', {
      customRules: [{ name: 'Office', priority: 1, action: WebAclRuleAction.ALLOW, statement: { geoMatchStatement: { countryCodes: ['DE'] } } }],
    });
    (secure.node.defaultChild as wafv2.CfnWebACL).addPropertyOverride('Rules.2.Statement.ManagedRuleGroupStatement.ScopeDownStatement',
      { GeoMatchStatement: { CountryCodes: ['KP'] } });
    const ids = new FortressChecks().validateScope(stack).violations.map((v) => v.ruleName).filter((n) => n.includes(RULE)).sort();
    expect(ids).toEqual([`Fortress-${RULE}[allowFirst:Office]`, `Fortress-${RULE}[scopeDown:AWSManagedRulesAmazonIpReputationList]`]);
  });

  test('Compliance: DefaultAction Block with no rules (blocks everything); Allow rules after the last managed group', () => {
    const stack = ruleTestStack();
    new wafv2.CfnWebACL(stack, 'Closed', { scope: 'REGIONAL', defaultAction: { block: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: 'm' } });
    new wafv2.CfnWebACL(stack, 'ClosedEmpty', { scope: 'REGIONAL', defaultAction: { block: {} }, rules: [], visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: 'm' } });
    new SecureWebAcl(stack, 'Firewall', {
      customRules: [{ name: 'Partner', priority: 1000, action: WebAclRuleAction.ALLOW, statement: { geoMatchStatement: { countryCodes: ['DE'] } } }],
    });
    const ids = new FortressChecks().validateScope(stack).violations.map((v) => v.ruleName).filter((n) => n.includes(RULE));
    expect(ids).toEqual([]);
    // Only DefaultAction Block counts: Allow with no rules is still reported.
    expect(violationsOf(acl([]), RULE)).toEqual(['RuleTest/Acl']);
  });

  test('SecureWebAcl refuses counting every blocking rule of a group, allows counting some', () => {
    const stack = ruleTestStack();
    expect(() => new SecureWebAcl(stack, 'Neutered', {
      managedRuleCountOverrides: [
        { ruleGroup: ManagedRuleGroup.COMMON_RULE_SET, ruleNames: CRS.slice(0, 11) },
        { ruleGroup: ManagedRuleGroup.COMMON_RULE_SET, ruleNames: CRS.slice(11) },
      ],
    })).toThrow(/invalid 'managedRuleCountOverrides': must leave at least one blocking rule of AWSManagedRulesCommonRuleSet blocking/);
    new SecureWebAcl(stack, 'Tuned', { managedRuleCountOverrides: [{ ruleGroup: ManagedRuleGroup.COMMON_RULE_SET, ruleNames: ['SizeRestrictions_BODY'] }] });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});
