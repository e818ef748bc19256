import { Annotations, Aws, Duration, Names, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct, IConstruct } from 'constructs';
import { ManagedRuleGroup } from './managed-rule-group';
import { WAF_ENTITY_NAME, WAF_LOG_GROUP_PREFIX } from './waf-names';
import { AWS_MANAGED_RULE_GROUP_BLOCKING_RULES } from '../analysis';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { pathOf, PropChecks } from '../core/prop-checks';
import { stackSingleton } from '../core/stack-singleton';
import { KeyPurpose } from '../kms/key-purpose';
import { KeyService } from '../kms/key-service';
import { KmsKeyRing } from '../kms/kms-key-ring';
import { SecureLogGroup } from '../logs/secure-log-group';

/**
 * AWS WAF's bounds on a rate-based rule's limit (requests per evaluation window and aggregation key):
 * 10 to 2,000,000,000 (the minimum was 100 before August 2024).
 *
 * @see https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatement.html
 */
const RATE_LIMIT_MIN = 10;
/** See {@link RATE_LIMIT_MIN}. */
const RATE_LIMIT_MAX = 2_000_000_000;
/** The evaluation windows WAF offers for rate-based rules, in seconds (API_RateBasedStatement, EvaluationWindowSec). */
const RATE_WINDOWS = [60, 120, 300, 600];
/** The default limit: 2,000 requests per IP per 5 minutes (about 7 per second sustained). */
const DEFAULT_RATE_LIMIT = 2000;
/** Headers that carry credentials and session tokens: always redacted from WAF logs. */
const ALWAYS_REDACTED_HEADERS = ['authorization', 'cookie'];
/** Priorities of the rules this construct writes: the rate-based rule, then managed groups 200, 210, ... */
const RATE_RULE_PRIORITY = 100;
const MANAGED_PRIORITY_BASE = 200;
const MANAGED_PRIORITY_STEP = 10;
/** The WCUs a web ACL includes in its base price; more (up to 5,000) is billed per extra 500 WCUs. */
const INCLUDED_WCUS = 1500;
const MAX_WCUS = 5000;

/** Where a web ACL applies. */
export enum WebAclScope {
  /** Regional resources: Application Load Balancers, API Gateway REST API stages, AppSync APIs, Cognito user pools. */
  REGIONAL = 'REGIONAL',
  /** CloudFront distributions; the web ACL (and its stack) must be in us-east-1. */
  CLOUDFRONT = 'CLOUDFRONT',
}

/** What a custom rule does with a request it matches. */
export enum WebAclRuleAction {
  /** Block the request (HTTP 403). */
  BLOCK = 'BLOCK',
  /**
   * Allow the request; no further rules are evaluated. Before the last managed rule group (a priority below it), the
   * requests it matches skip the managed groups: FortressChecks reports `Fortress-WAFv2WebAclManagedRules[allowFirst:<name>]`
   * (acknowledge it on the web ACL if what the rule matches is trusted), so prefer a priority of 1000 and up.
   */
  ALLOW = 'ALLOW',
  /** Count the request and go on evaluating (for tuning a rule before it blocks). */
  COUNT = 'COUNT',
  /** Ask for a CAPTCHA (billed per attempt). */
  CAPTCHA = 'CAPTCHA',
  /** Run a silent browser challenge (billed per attempt). */
  CHALLENGE = 'CHALLENGE',
}

/** A rule of your own in a {@link SecureWebAcl}. */
export interface WebAclCustomRule {
  /** The rule's name, unique in the web ACL: 1-128 letters, digits, `_` or `-`. Also its CloudWatch metric name. */
  readonly name: string;
  /**
   * Where the rule is evaluated: lower first. A non-negative integer, unique in the web ACL; the construct's
   * own rules use 100 (rate-based rule) and 200, 210, 220, ... (managed rule groups, in the order given).
   * Use 0-99 to run before them, 101-199 between the rate limit and the managed groups, or 1000 and up after them.
   */
  readonly priority: number;
  /** What the rule matches (any WAF statement: IP sets, geo match, byte match, ...). */
  readonly statement: wafv2.CfnWebACL.StatementProperty;
  /** What happens to a matching request. */
  readonly action: WebAclRuleAction;
}

/** Rules of a managed rule group switched to COUNT (while you tune false positives). */
export interface ManagedRuleCountOverride {
  /** The managed rule group; it must be one of the web ACL's `managedRuleGroups`. */
  readonly ruleGroup: ManagedRuleGroup;
  /** Names of the group's rules that only count, e.g. `['SizeRestrictions_BODY']`. 1 to 100 names. */
  readonly ruleNames: string[];
}

/**
 * Properties of a {@link SecureWebAcl}. Every prop is optional: the defaults are compliant.
 */
export interface SecureWebAclProps {
  /**
   * Where the web ACL applies. CLOUDFRONT requires the stack to be in us-east-1 (refused elsewhere
   * when the stack's region is known).
   *
   * @default WebAclScope.REGIONAL
   */
  readonly scope?: WebAclScope;

  /**
   * The web ACL's name: 1-128 letters, digits, `_` or `-`.
   *
   * @default - generated by CloudFormation
   */
  readonly webAclName?: string;

  /**
   * The AWS managed rule groups evaluated, in this order (priorities 200, 210, ...). At least one;
   * each at most once. Add groups with `[...ManagedRuleGroup.baseline(), ManagedRuleGroup.SQL_INJECTION]`.
   * Each group costs $1 per month (as a rule); together with your custom rules the web ACL may use
   * up to 5,000 WCUs, and WAF bills extra above 1,500.
   *
   * @default ManagedRuleGroup.baseline() - IP reputation, core rule set, known bad inputs (925 WCUs, $3/month)
   */
  readonly managedRuleGroups?: ManagedRuleGroup[];

  /**
   * Rules of managed groups that only count instead of blocking, e.g. `SizeRestrictions_BODY` of the core
   * rule set for an API that accepts uploads larger than 8 KB. The rest of the group keeps blocking.
   *
   * @default - none: every rule of every managed group acts as its vendor configured it
   */
  readonly managedRuleCountOverrides?: ManagedRuleCountOverride[];

  /**
   * The rate-based rule's limit: requests per `rateLimitWindow` from one client IP above which further
   * requests are blocked, 10 to 2,000,000,000. Size it above your busiest legitimate client.
   *
   * @default 2000 (per 5 minutes)
   */
  readonly rateLimit?: number;

  /**
   * The rate-based rule's evaluation window: 1, 2, 5 or 10 minutes.
   *
   * @default Duration.minutes(5)
   */
  readonly rateLimitWindow?: Duration;

  /**
   * Take the client IP from this header instead of the connection, for a web ACL behind a proxy or CDN
   * (e.g. `X-Forwarded-For` on a load balancer behind CloudFront, which otherwise rate-limits CloudFront's
   * edge addresses). Requests without a valid IP in the header are counted as matching (fail closed).
   *
   * @default - the connection's source IP
   */
  readonly rateLimitForwardedIpHeader?: string;

  /**
   * Rules of your own, evaluated by priority among the construct's rules. Names and priorities must be unique.
   *
   * @default - none
   */
  readonly customRules?: WebAclCustomRule[];

  /**
   * Headers redacted from the WAF logs besides `authorization` and `cookie` (always redacted), lowercase,
   * e.g. `['x-api-key']`.
   *
   * @default - only authorization and cookie
   */
  readonly additionalRedactedHeaders?: string[];

  /**
   * Name of the log group WAF logs to; it must start with `aws-waf-logs-` (WAF refuses other destinations).
   *
   * @default - `aws-waf-logs-<unique name of this construct>`
   */
  readonly logGroupName?: string;

  /**
   * How long WAF logs are kept. INFINITE is refused.
   *
   * @default logs.RetentionDays.ONE_YEAR (CloudWatch Logs bills ingestion and storage: busy sites log a lot; see the README)
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The key ring whose logs key encrypts the WAF logs; CloudWatch Logs and vended log delivery are enabled on it.
   *
   * @default - the stack's shared ring, `KmsKeyRing.of(this)`
   */
  readonly keyRing?: KmsKeyRing;

  /**
   * The web ACL's description (at most 256 characters).
   *
   * @default - none
   */
  readonly description?: string;
}

/**
 * An AWS WAF web ACL that is compliant with no configuration: AWS managed rule groups (IP reputation,
 * core rule set, known bad inputs), a rate-based rule per client IP, default action allow, CloudWatch
 * metrics and sampled requests on every rule, and full logging to an encrypted `SecureLogGroup` named
 * `aws-waf-logs-...` with the `authorization` and `cookie` headers redacted.
 *
 * Associate it with regional resources through `associate*()`; a CLOUDFRONT-scope web ACL is given to a
 * distribution by its `webAclArn` instead.
 *
 * Costs: $5 per month per web ACL, $1 per rule or rule group per month (4 by default), $0.60 per million
 * requests, plus CloudWatch Logs ingestion and storage of the logs.
 *
 * @example
 * declare const stack: Stack;
 * declare const loadBalancer: elbv2.IApplicationLoadBalancer;
 * const acl = new SecureWebAcl(stack, 'Firewall');
 * acl.associateLoadBalancer(loadBalancer);
 */
export class SecureWebAcl extends Construct {
  /** The web ACL's ARN (what CloudFront's `webAclId` takes for a CLOUDFRONT-scope web ACL). */
  public readonly webAclArn: string;
  /** The web ACL's id. */
  public readonly webAclId: string;
  /** Where the web ACL applies. */
  public readonly aclScope: WebAclScope;
  /** The log group WAF logs to. */
  public readonly logGroup: SecureLogGroup;
  /** The `AWS::WAFv2::LoggingConfiguration`. */
  public readonly loggingConfiguration: wafv2.CfnLoggingConfiguration;
  private readonly webAcl: wafv2.CfnWebACL;
  private readonly associated = new Set<string>();

  constructor(scope: Construct, id: string, props: SecureWebAclProps = {}) {
    const p = propsOf(scope, id, props);
    const groups = p.managedRuleGroups ?? ManagedRuleGroup.baseline();
    const capacity = validate(scope, pathOf(scope, id), p, groups);
    super(scope, id);
    if (capacity > INCLUDED_WCUS) {
      Annotations.of(this).addWarningV2('cdk-fortress:wafCapacity',
        `the web ACL needs at least ${capacity} WCUs: AWS WAF bills capacity above ${INCLUDED_WCUS} WCUs per extra 500 WCUs`);
    }
    this.aclScope = p.scope ?? WebAclScope.REGIONAL;
    if (this.aclScope === WebAclScope.CLOUDFRONT && Token.isUnresolved(Stack.of(this).region)) {
      Annotations.of(this).addWarningV2('cdk-fortress:wafCloudFrontRegion',
        'a CLOUDFRONT-scope web ACL deploys only in us-east-1: this stack\'s region is not known at synth, so deploy it to us-east-1');
    }

    const rules = [
      rateRule(p),
      ...groups.map((group, i) => managedGroupRule(group, MANAGED_PRIORITY_BASE + i * MANAGED_PRIORITY_STEP, p.managedRuleCountOverrides ?? [])),
      ...(p.customRules ?? []).map(customRule),
    ].sort((a, b) => a.priority - b.priority);

    this.webAcl = new wafv2.CfnWebACL(this, 'Resource', {
      name: p.webAclName,
      description: p.description,
      scope: this.aclScope,
      defaultAction: { allow: {} },
      rules,
      visibilityConfig: visibility(metricNameOf(this)),
    });
    this.webAclArn = this.webAcl.attrArn;
    this.webAclId = this.webAcl.attrId;

    const ring = p.keyRing ?? KmsKeyRing.of(this);
    // CloudWatch Logs encrypts the events under the logs key; vended log delivery (delivery.logs.amazonaws.com) writes them.
    ring.enableService(KeyPurpose.LOGS, KeyService.LOG_DELIVERY);
    this.logGroup = new SecureLogGroup(this, 'Logs', {
      logGroupName: p.logGroupName ?? `${WAF_LOG_GROUP_PREFIX}${Names.uniqueResourceName(this, { maxLength: 200, separator: '-' })}`,
      retention: p.logRetention,
      keyRing: ring,
    });
    const redacted = [...ALWAYS_REDACTED_HEADERS, ...(p.additionalRedactedHeaders ?? []).map((h) => h.toLowerCase())];
    this.loggingConfiguration = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAclArn,
      logDestinationConfigs: [this.logGroup.logGroupArn],
      redactedFields: [...new Set(redacted)].map((name) => ({ singleHeader: { Name: name } })),
    });
    this.loggingConfiguration.node.addDependency(wafLogDeliveryPolicy(this));
  }

  /**
   * Associates the web ACL with a regional resource by ARN (an Application Load Balancer, an API Gateway
   * REST API stage, an AppSync GraphQL API, a Cognito user pool, an App Runner service or a Verified Access
   * instance). Prefer the typed `associate*` methods. A resource holds at most one web ACL.
   *
   * @param id the association's construct id, unique under this web ACL
   * @param resourceArn the resource's ARN
   */
  public associate(id: string, resourceArn: string): wafv2.CfnWebACLAssociation {
    return this.associateIn(this, id, resourceArn);
  }

  /** Associates the web ACL with an Application Load Balancer. */
  public associateLoadBalancer(loadBalancer: elbv2.IApplicationLoadBalancer): wafv2.CfnWebACLAssociation {
    return this.associateIn(loadBalancer, undefined, loadBalancer.loadBalancerArn);
  }

  /** Associates the web ACL with an API Gateway REST API stage. */
  public associateApiStage(stage: apigateway.IStage): wafv2.CfnWebACLAssociation {
    const stack = Stack.of(stage);
    return this.associateIn(stage, undefined,
      `arn:${stack.partition}:apigateway:${stack.region}::/restapis/${stage.restApi.restApiId}/stages/${stage.stageName}`);
  }

  /** Associates the web ACL with an AppSync GraphQL API. */
  public associateGraphqlApi(api: appsync.IGraphqlApi): wafv2.CfnWebACLAssociation {
    return this.associateIn(api, undefined, api.arn);
  }

  /** Associates the web ACL with a Cognito user pool (its hosted UI and public API endpoints). */
  public associateUserPool(userPool: cognito.IUserPool): wafv2.CfnWebACLAssociation {
    return this.associateIn(userPool, undefined, userPool.userPoolArn);
  }

  /**
   * The association lives in the resource's stack (so rules that look for a web ACL next to the
   * resource find it), under this web ACL when both share a stack, else under the resource.
   */
  private associateIn(resource: IConstruct, id: string | undefined, resourceArn: string): wafv2.CfnWebACLAssociation {
    if (this.aclScope === WebAclScope.CLOUDFRONT) {
      throw FortressError.invalidProp(this, 'associate',
        'is for REGIONAL web ACLs: give a CLOUDFRONT-scope web ACL to the distribution (webAclId: acl.webAclArn)');
    }
    if (resource === undefined || resource === null || typeof (resource as any).node?.path !== 'string') {
      throw FortressError.invalidProp(this, 'associate', 'needs a resource construct', resource);
    }
    if (id !== undefined) {
      if (typeof id !== 'string' || id.length === 0) throw FortressError.invalidProp(this, 'associate', 'needs a non-empty id', id);
      if (typeof resourceArn !== 'string' || resourceArn.length === 0) throw FortressError.invalidProp(this, 'associate', 'needs the resource ARN', resourceArn);
    }
    const key = Token.isUnresolved(resourceArn) ? Stack.of(this).resolve(resourceArn) : resourceArn;
    const fingerprint = JSON.stringify(key);
    if (this.associated.has(fingerprint)) throw FortressError.invalidProp(this, 'associate', 'already associates this resource', resourceArn);
    this.associated.add(fingerprint);
    const sameStack = Stack.of(resource) === Stack.of(this);
    const parent: IConstruct = id !== undefined || sameStack ? this : resource;
    const childId = id ?? (sameStack ? `Association${Names.nodeUniqueId(resource.node)}` : `WebAclAssociation${Names.nodeUniqueId(this.node)}`);
    return new wafv2.CfnWebACLAssociation(parent as Construct, childId, { resourceArn, webAclArn: this.webAclArn });
  }
}

/** The rate-based rule: block a client IP above the limit. */
function rateRule(p: SecureWebAclProps): wafv2.CfnWebACL.RuleProperty {
  const forwarded = p.rateLimitForwardedIpHeader;
  return {
    name: 'RateLimitPerClientIp',
    priority: RATE_RULE_PRIORITY,
    action: { block: {} },
    statement: {
      rateBasedStatement: {
        limit: p.rateLimit ?? DEFAULT_RATE_LIMIT,
        evaluationWindowSec: p.rateLimitWindow?.toSeconds() ?? 300,
        aggregateKeyType: forwarded === undefined ? 'IP' : 'FORWARDED_IP',
        forwardedIpConfig: forwarded === undefined ? undefined : { headerName: forwarded, fallbackBehavior: 'MATCH' },
      },
    },
    visibilityConfig: visibility('RateLimitPerClientIp'),
  };
}

function managedGroupRule(group: ManagedRuleGroup, priority: number, overrides: ManagedRuleCountOverride[]): wafv2.CfnWebACL.RuleProperty {
  const counted = overrides.filter((o) => o.ruleGroup === group).flatMap((o) => o.ruleNames);
  return {
    name: group.vendorName === 'AWS' ? group.name : `${group.vendorName}-${group.name}`.replace(/[^0-9A-Za-z_-]/g, '-').slice(0, 128),
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: group.vendorName,
        name: group.name,
        ruleActionOverrides: counted.length === 0 ? undefined : [...new Set(counted)].map((name) => ({ name, actionToUse: { count: {} } })),
      },
    },
    visibilityConfig: visibility(group.name),
  };
}

function customRule(rule: WebAclCustomRule): wafv2.CfnWebACL.RuleProperty {
  const action = { [rule.action.toLowerCase()]: {} } as wafv2.CfnWebACL.RuleActionProperty;
  return { name: rule.name, priority: rule.priority, action, statement: rule.statement, visibilityConfig: visibility(rule.name) };
}

/** CloudWatch metrics and sampled requests on, as AWS recommends for every rule. */
function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

function metricNameOf(acl: Construct): string {
  return Names.uniqueResourceName(acl, { maxLength: 128, separator: '-' }).replace(/[^\w#:.\-/]/g, '-');
}

/**
 * The CloudWatch Logs resource policy vended log delivery needs to write WAF logs into this account's
 * `aws-waf-logs-*` log groups, with the documented confused-deputy conditions. One per stack: an account
 * holds at most 10 resource policies per region.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-CWL.html
 */
function wafLogDeliveryPolicy(scope: IConstruct): logs.ResourcePolicy {
  return stackSingleton(scope, 'FortressWafLogDelivery', logs.ResourcePolicy, (stack, id) => new logs.ResourcePolicy(stack, id, {
    policyStatements: [new iam.PolicyStatement({
      sid: 'AWSLogDeliveryWriteWafLogs',
      principals: [new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${WAF_LOG_GROUP_PREFIX}*:log-stream:*`],
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` },
      },
    })],
  }));
}

/** Refuses invalid props; returns the web ACL's capacity (WCUs, at least). */
function validate(scope: Construct, path: string, p: SecureWebAclProps, groups: ManagedRuleGroup[]): number {
  const check = new PropChecks(path);
  check.oneOf('scope', p.scope, Object.values(WebAclScope));
  const region = Stack.of(scope).region;
  if (p.scope === WebAclScope.CLOUDFRONT && !Token.isUnresolved(region) && region !== 'us-east-1') {
    throw FortressError.invalidProp(path, 'scope',
      `CLOUDFRONT requires the stack to be in us-east-1 (AWS WAF manages CloudFront web ACLs there only; this stack is in ${region}): `
      + 'create the web ACL in a us-east-1 stack and pass its ARN to the distribution', p.scope);
  }
  check.matches('webAclName', p.webAclName, WAF_ENTITY_NAME, '1-128 letters, digits, _ or -');
  check.lengthInRange('description', p.description, 1, 256);
  check.integerInRange('rateLimit', p.rateLimit, RATE_LIMIT_MIN, RATE_LIMIT_MAX);
  if (p.rateLimitWindow !== undefined) {
    const valid = p.rateLimitWindow instanceof Duration;
    const seconds = valid && !p.rateLimitWindow.isUnresolved() ? p.rateLimitWindow.toSeconds({ integral: false }) : undefined;
    if (!valid || (seconds !== undefined && !RATE_WINDOWS.includes(seconds))) {
      throw FortressError.invalidProp(path, 'rateLimitWindow', 'must be a Duration of 1, 2, 5 or 10 minutes (what WAF offers)',
        valid ? p.rateLimitWindow.toHumanString() : p.rateLimitWindow);
    }
  }
  check.matches('rateLimitForwardedIpHeader', p.rateLimitForwardedIpHeader, /^[a-zA-Z0-9-]{1,255}$/, 'a header name such as X-Forwarded-For');
  check.satisfies('logGroupName', p.logGroupName, (n) => n.startsWith(WAF_LOG_GROUP_PREFIX) && /^[A-Za-z0-9_\-/.#]{1,512}$/.test(n),
    `a log group name starting with '${WAF_LOG_GROUP_PREFIX}' (WAF logs to no other name)`);
  check.finiteLogRetention('logRetention', p.logRetention);
  if (p.keyRing !== undefined && !(p.keyRing instanceof KmsKeyRing)) throw FortressError.invalidProp(path, 'keyRing', 'must be a KmsKeyRing');

  if (!Array.isArray(groups) || groups.length === 0) {
    throw FortressError.invalidProp(path, 'managedRuleGroups', 'must list at least one managed rule group, e.g. ManagedRuleGroup.baseline()', groups);
  }
  groups.forEach((g, i) => {
    if (!(g instanceof ManagedRuleGroup)) throw FortressError.invalidProp(path, `managedRuleGroups[${i}]`, 'must be a ManagedRuleGroup, e.g. ManagedRuleGroup.SQL_INJECTION', g);
    if (groups.indexOf(g) !== i) throw FortressError.invalidProp(path, 'managedRuleGroups', 'must not repeat a group', g.name);
  });
  const names = groups.map((g) => `${g.vendorName}/${g.name}`);
  if (new Set(names).size !== names.length) throw FortressError.invalidProp(path, 'managedRuleGroups', 'must not repeat a group', names);

  (p.managedRuleCountOverrides ?? []).forEach((o, i) => {
    const prop = `managedRuleCountOverrides[${i}]`;
    if (o === null || typeof o !== 'object' || !groups.includes(o.ruleGroup)) {
      throw FortressError.invalidProp(path, `${prop}.ruleGroup`, 'must be one of managedRuleGroups', o?.ruleGroup?.name ?? o?.ruleGroup);
    }
    if (!Array.isArray(o.ruleNames) || o.ruleNames.length === 0 || o.ruleNames.length > 100) {
      throw FortressError.invalidProp(path, `${prop}.ruleNames`, 'must list 1 to 100 rule names', o.ruleNames);
    }
    o.ruleNames.forEach((n) => check.matches(`${prop}.ruleNames`, n, WAF_ENTITY_NAME, 'rule names of 1-128 letters, digits, _ or -'));
    // Counting every blocking rule of a group neuters it (Fortress-WAFv2WebAclManagedRules judges the same on the template).
    const counted = (p.managedRuleCountOverrides ?? []).filter((x) => x?.ruleGroup === o.ruleGroup).flatMap((x) => x.ruleNames ?? []);
    const blocking = o.ruleGroup.vendorName === 'AWS' ? AWS_MANAGED_RULE_GROUP_BLOCKING_RULES[o.ruleGroup.name] : undefined;
    if (blocking !== undefined && blocking.every((n) => counted.includes(n))) {
      throw FortressError.invalidProp(path, 'managedRuleCountOverrides', `must leave at least one blocking rule of ${o.ruleGroup.name} blocking (remove the group instead)`, counted);
    }
  });

  const taken = new Map<number, string>([[RATE_RULE_PRIORITY, 'the rate-based rule']]);
  groups.forEach((g, i) => taken.set(MANAGED_PRIORITY_BASE + i * MANAGED_PRIORITY_STEP, `managed rule group ${g.name}`));
  const ruleNames = new Set<string>(['RateLimitPerClientIp', ...groups.map((g) => g.name)]);
  let capacity = groups.reduce((sum, g) => sum + g.capacity, 2);
  (p.customRules ?? []).forEach((r, i) => {
    const prop = `customRules[${i}]`;
    if (r === null || typeof r !== 'object') throw FortressError.invalidProp(path, prop, 'must be a rule { name, priority, statement, action }', r);
    check.required(`${prop}.name`, r.name, 'the rule name');
    check.matches(`${prop}.name`, r.name, WAF_ENTITY_NAME, '1-128 letters, digits, _ or -');
    if (ruleNames.has(r.name)) throw FortressError.invalidProp(path, `${prop}.name`, 'must be unique in the web ACL', r.name);
    ruleNames.add(r.name);
    check.required(`${prop}.priority`, r.priority, 'a non-negative integer, unique in the web ACL');
    check.integerInRange(`${prop}.priority`, r.priority, 0, 2_147_483_647);
    const clash = taken.get(r.priority);
    if (clash) throw FortressError.invalidProp(path, `${prop}.priority`, `must be unique in the web ACL: ${clash} has priority ${r.priority}`, r.priority);
    taken.set(r.priority, `custom rule ${r.name}`);
    check.oneOf(`${prop}.action`, r.action, Object.values(WebAclRuleAction));
    if (r.action === undefined) check.required(`${prop}.action`, r.action, 'what the rule does, e.g. WebAclRuleAction.BLOCK');
    if (r.statement === undefined || r.statement === null || typeof r.statement !== 'object' || Object.keys(r.statement).length !== 1) {
      throw FortressError.invalidProp(path, `${prop}.statement`, 'must be one WAF statement, e.g. { geoMatchStatement: { countryCodes: [...] } }', r.statement);
    }
    capacity += 1;
  });
  if (capacity > MAX_WCUS) {
    throw FortressError.invalidProp(path, 'managedRuleGroups', `must fit a web ACL's ${MAX_WCUS} WCUs (these need at least ${capacity})`, names);
  }
  (p.additionalRedactedHeaders ?? []).forEach((h) => check.matches('additionalRedactedHeaders', h, /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, 'HTTP header names'));
  return capacity;
}
