import { Token } from 'aws-cdk-lib';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { pathOf } from '../core/prop-checks';
// Security Hub's severity labels are the library's one severity scale (the FindingsRouter's).
import { FindingSeverity } from '../response/finding-severity';

/** A Security Hub finding workflow status (ASFF `Workflow.Status`). */
export enum FindingWorkflowStatus {
  NEW = 'NEW',
  NOTIFIED = 'NOTIFIED',
  RESOLVED = 'RESOLVED',
  SUPPRESSED = 'SUPPRESSED',
}

/** Options of {@link AutomationRule.raiseSeverityOfTaggedResources}. */
export interface RaiseSeverityOptions {
  /** The rule's order, 1-1000 (lower runs first), unique among the rules. */
  readonly ruleOrder: number;
  /**
   * The tag key marking the resources.
   *
   * @default 'Environment'
   */
  readonly tagKey?: string;
  /**
   * The tag value marking the resources.
   *
   * @default 'production'
   */
  readonly tagValue?: string;
  /**
   * The severity findings on those resources are raised to; findings already at or above it are left alone.
   *
   * @default FindingSeverity.HIGH
   */
  readonly severity?: FindingSeverity;
  /**
   * The rule's name.
   *
   * @default - 'Raise severity on <tagKey>=<tagValue>'
   */
  readonly ruleName?: string;
}

/** Options of {@link AutomationRule.suppressControl}. */
export interface SuppressControlOptions {
  /** The rule's order, 1-1000 (lower runs first), unique among the rules. */
  readonly ruleOrder: number;
  /** The security control id, like 'S3.1' or 'EC2.19'. */
  readonly controlId: string;
  /** The ARN of the one resource the control is suppressed for. */
  readonly resourceArn: string;
  /** Why: written to the finding's note (1-512 characters), for auditors. */
  readonly reason: string;
  /**
   * The rule's name.
   *
   * @default - 'Suppress <controlId> for <resource>'
   */
  readonly ruleName?: string;
}

/** Options of {@link AutomationRule.updateWorkflowStatus}. At least one criterion is required. */
export interface UpdateWorkflowStatusOptions {
  /** The rule's order, 1-1000 (lower runs first), unique among the rules. */
  readonly ruleOrder: number;
  /** The workflow status matching findings get. */
  readonly status: FindingWorkflowStatus;
  /** The rule's name. */
  readonly ruleName: string;
  /**
   * A note written to matching findings (1-512 characters); required for SUPPRESSED and RESOLVED.
   *
   * @default - no note
   */
  readonly note?: string;
  /**
   * Match findings of these security controls (like 'S3.1').
   *
   * @default - any control
   */
  readonly controlIds?: string[];
  /**
   * Match findings of these severities.
   *
   * @default - any severity
   */
  readonly severities?: FindingSeverity[];
  /**
   * Match findings on these resources (ARNs).
   *
   * @default - any resource
   */
  readonly resourceArns?: string[];
  /**
   * Match findings from these products (like 'Inspector', 'GuardDuty', 'Security Hub').
   *
   * @default - any product
   */
  readonly productNames?: string[];
}

/**
 * A Security Hub automation rule for a common case, built by one of the static factories and
 * validated when added to {@link SecurityHubAutomationRules}.
 */
export class AutomationRule {
  /**
   * Raise findings on resources tagged `tagKey=tagValue` (production) to `severity`; findings
   * already at or above it are not matched, so the rule never lowers a severity.
   */
  public static raiseSeverityOfTaggedResources(options: RaiseSeverityOptions): AutomationRule {
    return new AutomationRule('raiseSeverity', options.ruleOrder, options);
  }

  /** Suppress one control's findings for one named resource, with the reason in the finding's note. */
  public static suppressControl(options: SuppressControlOptions): AutomationRule {
    return new AutomationRule('suppressControl', options.ruleOrder, options);
  }

  /** Set the workflow status of matching findings. */
  public static updateWorkflowStatus(options: UpdateWorkflowStatusOptions): AutomationRule {
    return new AutomationRule('updateWorkflowStatus', options.ruleOrder, options);
  }

  /** The rule's order (lower runs first). */
  public readonly ruleOrder: number;

  private constructor(private readonly kind: string, ruleOrder: number, private readonly options: any) {
    this.ruleOrder = ruleOrder;
  }

  /** @internal the rule's CloudFormation properties, validated; `prop` names it in errors. */
  public _render(path: string, prop: string): securityhub.CfnAutomationRuleProps {
    const o = this.options ?? {};
    const fail = (field: string, allowed: string, given?: unknown) => FortressError.invalidProp(path, `${prop}.${field}`, allowed, given);
    if (!Token.isUnresolved(this.ruleOrder) && !(Number.isInteger(this.ruleOrder) && this.ruleOrder >= 1 && this.ruleOrder <= 1000)) {
      // RuleOrder: "An integer ranging from 1 to 1000", https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_CreateAutomationRule.html
      throw fail('ruleOrder', 'must be an integer from 1 to 1000', this.ruleOrder);
    }
    if (o.ruleName !== undefined) nonBlank(fail, 'ruleName', o.ruleName);
    switch (this.kind) {
      case 'raiseSeverity': return this.raiseSeverity(o, fail);
      case 'suppressControl': return this.suppress(o, fail);
      default: return this.workflow(o, fail);
    }
  }

  private raiseSeverity(o: RaiseSeverityOptions, fail: Fail): securityhub.CfnAutomationRuleProps {
    const severity = o.severity ?? FindingSeverity.HIGH;
    severityLabel(fail, 'severity', severity);
    if (severity === FindingSeverity.INFORMATIONAL) throw fail('severity', 'must be above INFORMATIONAL (the rule raises severities)', severity.name);
    const key = o.tagKey ?? 'Environment';
    const value = o.tagValue ?? 'production';
    nonBlank(fail, 'tagKey', key);
    nonBlank(fail, 'tagValue', value);
    // Tag keys are at most 128 characters, values 256: https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
    if (key.length > 128) throw fail('tagKey', 'must be at most 128 characters (the tag key limit)', key);
    if (value.length > 256) throw fail('tagValue', 'must be at most 256 characters (the tag value limit)', value);
    const lower = FindingSeverity.all().filter((s) => !s.isAtLeast(severity)).map((s) => s.name);
    return {
      ruleName: o.ruleName ?? `Raise severity on ${key}=${value}`,
      ruleOrder: this.ruleOrder,
      description: `Raises findings on resources tagged ${key}=${value} to ${severity.name} (cdk-fortress)`,
      ruleStatus: 'ENABLED',
      criteria: {
        resourceTags: [{ key, value, comparison: 'EQUALS' }],
        severityLabel: lower.map((label) => ({ value: label, comparison: 'EQUALS' })),
      },
      actions: [{ type: 'FINDING_FIELDS_UPDATE', findingFieldsUpdate: { severity: { label: severity.name } } }],
    };
  }

  private suppress(o: SuppressControlOptions, fail: Fail): securityhub.CfnAutomationRuleProps {
    controlId(fail, 'controlId', o.controlId);
    arn(fail, 'resourceArn', o.resourceArn);
    note(fail, 'reason', o.reason);
    return {
      ruleName: o.ruleName ?? `Suppress ${o.controlId} for ${Token.isUnresolved(o.resourceArn) ? 'a resource' : o.resourceArn}`.slice(0, 256),
      ruleOrder: this.ruleOrder,
      description: `Suppresses ${o.controlId} for one resource: ${o.reason}`.slice(0, 1024),
      ruleStatus: 'ENABLED',
      criteria: {
        complianceSecurityControlId: [{ value: o.controlId, comparison: 'EQUALS' }],
        resourceId: [{ value: o.resourceArn, comparison: 'EQUALS' }],
      },
      actions: [{
        type: 'FINDING_FIELDS_UPDATE',
        findingFieldsUpdate: { workflow: { status: FindingWorkflowStatus.SUPPRESSED }, note: { text: o.reason, updatedBy: 'cdk-fortress' } },
      }],
    };
  }

  private workflow(o: UpdateWorkflowStatusOptions, fail: Fail): securityhub.CfnAutomationRuleProps {
    if (!Object.values(FindingWorkflowStatus).includes(o.status)) throw fail('status', `must be one of ${Object.values(FindingWorkflowStatus).join(', ')}`, o.status);
    nonBlank(fail, 'ruleName', o.ruleName);
    if (o.note !== undefined) note(fail, 'note', o.note);
    if ((o.status === FindingWorkflowStatus.SUPPRESSED || o.status === FindingWorkflowStatus.RESOLVED) && o.note === undefined) {
      throw fail('note', `is required for ${o.status}: say why, for auditors`);
    }
    const lists: Array<[string, unknown[] | undefined]> = [['controlIds', o.controlIds], ['severities', o.severities], ['resourceArns', o.resourceArns], ['productNames', o.productNames]];
    // Suppressing or resolving by severity or product alone hides whole classes of findings (every CRITICAL, every
    // GuardDuty finding) from the FindingsRouter, which routes only NEW and NOTIFIED ones: name controls or resources.
    const closes = o.status === FindingWorkflowStatus.SUPPRESSED || o.status === FindingWorkflowStatus.RESOLVED;
    if (closes && (o.controlIds ?? []).length === 0 && (o.resourceArns ?? []).length === 0) {
      throw fail('controlIds', `must name controlIds or resourceArns for ${o.status}: by severity or product alone the rule would close whole classes of findings`);
    }
    if (lists.every(([, list]) => list === undefined || list.length === 0)) {
      throw fail('controlIds', 'needs at least one criterion (controlIds, severities, resourceArns or productNames): a rule without criteria matches every finding');
    }
    for (const [name, list] of lists) {
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.length === 0) throw fail(name, 'must be a non-empty list when given', list);
      if (new Set(list).size !== list.length) throw fail(name, 'must not repeat entries', list);
    }
    (o.controlIds ?? []).forEach((id) => controlId(fail, 'controlIds', id));
    (o.severities ?? []).forEach((s) => severityLabel(fail, 'severities', s));
    (o.resourceArns ?? []).forEach((a) => arn(fail, 'resourceArns', a));
    (o.productNames ?? []).forEach((n) => nonBlank(fail, 'productNames', n));
    const equals = (values: string[] | undefined) => (values === undefined ? undefined : values.map((value) => ({ value, comparison: 'EQUALS' })));
    return {
      ruleName: o.ruleName,
      ruleOrder: this.ruleOrder,
      description: `Sets the workflow status of matching findings to ${o.status} (cdk-fortress)`,
      ruleStatus: 'ENABLED',
      criteria: {
        complianceSecurityControlId: equals(o.controlIds),
        severityLabel: equals(o.severities?.map((s) => s.name)),
        resourceId: equals(o.resourceArns),
        productName: equals(o.productNames),
      },
      actions: [{
        type: 'FINDING_FIELDS_UPDATE',
        findingFieldsUpdate: { workflow: { status: o.status }, note: o.note === undefined ? undefined : { text: o.note, updatedBy: 'cdk-fortress' } },
      }],
    };
  }
}

type Fail = (field: string, allowed: string, given?: unknown) => FortressError;

function nonBlank(fail: Fail, field: string, value: unknown): void {
  if (typeof value !== 'string' || (!Token.isUnresolved(value) && value.trim().length === 0)) throw fail(field, 'must be a non-empty string', value);
}

function severityLabel(fail: Fail, field: string, value: unknown): void {
  if (!(value instanceof FindingSeverity)) throw fail(field, `must be a FindingSeverity (${FindingSeverity.all().map((s) => s.name).join(', ')})`, value);
}

/** Security control ids are '<service>.<number>', like 'S3.1', 'EC2.19', 'CloudTrail.4'. */
function controlId(fail: Fail, field: string, value: unknown): void {
  if (typeof value !== 'string' || (!Token.isUnresolved(value) && !/^[A-Za-z][A-Za-z0-9]*\.[1-9][0-9]*$/.test(value))) {
    throw fail(field, 'must be a security control id like \'S3.1\'', value);
  }
}

function arn(fail: Fail, field: string, value: unknown): void {
  if (typeof value !== 'string' || (!Token.isUnresolved(value) && !/^arn:aws(-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/.test(value))) {
    throw fail(field, 'must be an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)', value);
  }
}

/** Note text: 1-512 characters (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-securityhub-automationrule-noteupdate.html). */
function note(fail: Fail, field: string, value: unknown): void {
  nonBlank(fail, field, value);
  if ((value as string).length > 512) throw fail(field, 'must be at most 512 characters (the Security Hub note limit)', `${(value as string).length} characters`);
}

/** Properties of {@link SecurityHubAutomationRules}. */
export interface SecurityHubAutomationRulesProps {
  /**
   * The rules, built with AutomationRule's factories.
   *
   * @default - none; add them with `addRule`
   */
  readonly rules?: AutomationRule[];
}

/**
 * Security Hub automation rules (`AWS::SecurityHub::AutomationRule`) for the common cases, validated
 * at synth time: rule orders 1-1000 and unique, non-empty criteria, valid severity labels, workflow
 * statuses, control ids and ARNs, notes within Security Hub's 512-character limit.
 *
 * Deploy it in the Security Hub administrator account (or a standalone account): automation rules
 * created there apply to findings from every member account in the region.
 *
 * @example
 * new SecurityHubAutomationRules(this, 'AutomationRules', {
 *   rules: [AutomationRule.raiseSeverityOfTaggedResources({ ruleOrder: 1 })],
 * });
 */
export class SecurityHubAutomationRules extends Construct {
  private readonly orders = new Map<number, number>();
  private count = 0;

  constructor(scope: Construct, id: string, props?: SecurityHubAutomationRulesProps) {
    const p = propsOf(scope, id, props);
    const path = pathOf(scope, id);
    if (p.rules !== undefined && !Array.isArray(p.rules)) throw FortressError.invalidProp(path, 'rules', 'must be a list of AutomationRule', p.rules);
    // Render (and so validate) every rule before anything is created.
    const rendered = (p.rules ?? []).map((rule, i) => renderRule(path, `rules[${i}]`, rule));
    uniqueOrders(path, rendered.map((r) => r.ruleOrder));
    if (rendered.length > 100) throw FortressError.invalidProp(path, 'rules', 'must be at most 100 (Security Hub\'s automation rule quota per account and region)', rendered.length);
    super(scope, id);
    rendered.forEach((r) => this.create(r));
  }

  /** Adds a rule (validated now; its order must not repeat another rule's). */
  public addRule(rule: AutomationRule): void {
    const rendered = renderRule(this.node.path, `addRule(rules[${this.count}])`, rule);
    this.create(rendered);
  }

  private create(props: securityhub.CfnAutomationRuleProps): void {
    const order = props.ruleOrder;
    if (!Token.isUnresolved(order) && this.orders.has(order)) {
      throw FortressError.invalidProp(this.node.path, 'ruleOrder', `must be unique: ${order} is already rule ${this.orders.get(order)}'s order`, order);
    }
    // At most 100 automation rules per account and region:
    // https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-v2-automation-rules.html
    if (this.count >= 100) throw FortressError.invalidProp(this.node.path, 'rules', 'must be at most 100 (Security Hub\'s automation rule quota per account and region)', this.count + 1);
    this.orders.set(order, this.count);
    new securityhub.CfnAutomationRule(this, `Rule${this.count}`, props);
    this.count++;
  }
}

function renderRule(path: string, prop: string, rule: AutomationRule): securityhub.CfnAutomationRuleProps {
  if (!(rule instanceof AutomationRule)) throw FortressError.invalidProp(path, prop, 'must be built with an AutomationRule factory', rule);
  return rule._render(path, prop);
}

function uniqueOrders(path: string, orders: number[]): void {
  const seen = new Set<number>();
  for (const order of orders) {
    if (!Token.isUnresolved(order) && seen.has(order)) throw FortressError.invalidProp(path, 'ruleOrder', `must be unique: ${order} is used twice`, order);
    seen.add(order);
  }
}
