import { Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { securityControlIdProblem } from './security-control-prefixes';
import { SecurityHubStandard } from './security-hub-standard';
import { ConfigRecorder } from '../config/config-recorder';
import { assertExplainingReason } from '../core/acknowledgments';
import { FortressError } from '../core/fortress-error';
import { claimOnePerAccount } from '../core/one-per-account';
import { partitionOf, PropChecks } from '../core/prop-checks';
import { SecurityNotificationsTopic } from '../monitoring/security-notifications-topic';
import { undeliveredAlertsQueue } from '../monitoring/undelivered-alerts-queue';

/** A Security Hub control turned off, with the reason (recorded in the template). */
export interface DisabledControl {
  /**
   * The security control id (`IAM.6`, spelled as Security Hub does, with the prefix of a service Security
   * Hub has controls for), or, with `standard` set, that standard's own control id (`1.14`).
   */
  readonly controlId: string;
  /** Why the control does not apply or is accepted. */
  readonly reason: string;
  /**
   * The one standard to disable it in (required for CIS and PCI DSS 3.2.1, which number controls their own way).
   *
   * @default - every enabled standard that uses security control ids
   */
  readonly standard?: SecurityHubStandard;
}

/** Central configuration of an organization, from the Security Hub delegated administrator account. */
export interface SecurityHubCentralConfiguration {
  /** Where the configuration policy applies: the organization root (`r-...`), OUs (`ou-...`) or accounts. */
  readonly targetIds: string[];
}

/**
 * Properties of a {@link SecurityHubBaseline}. Every prop is optional.
 */
export interface SecurityHubBaselineProps {
  /**
   * The standards to enable, explicitly (the implicit default standards are never enabled).
   *
   * @default - AWS Foundational Security Best Practices and CIS AWS Foundations Benchmark v3.0.0
   */
  readonly standards?: SecurityHubStandard[];

  /**
   * Controls to turn off, each with a reason.
   *
   * @default - none
   */
  readonly disabledControls?: DisabledControl[];

  /**
   * The AWS Config recorder Security Hub's controls evaluate (it must exist before Security Hub
   * is useful). When given, the hub is created after it.
   *
   * @default - none: record with a ConfigRecorder in this account and region
   */
  readonly configRecorder?: ConfigRecorder;

  /**
   * Aggregate findings from every other region into this (home) region. Cannot be combined
   * with `aggregationRegions`.
   *
   * @default false
   */
  readonly aggregateAllRegions?: boolean;

  /**
   * Aggregate findings from these regions into this (home) region: regions aws-cdk-lib's region-info
   * knows, in this stack's partition (when its region is known at synth time); this region must not be listed.
   *
   * @default - no aggregation
   */
  readonly aggregationRegions?: string[];

  /**
   * Where new CRITICAL and HIGH findings are sent (EventBridge rule).
   *
   * @default - the stack's SecurityNotificationsTopic
   */
  readonly alertTopic?: sns.ITopic;

  /**
   * In the organization's management account: make this account the Security Hub delegated
   * administrator. Cannot be combined with `centralConfiguration` (that runs in the administrator account).
   *
   * @default - no delegation
   */
  readonly delegatedAdminAccountId?: string;

  /**
   * In the delegated administrator account: configure the organization centrally with a
   * configuration policy holding the standards and disabled controls. Requires aggregation.
   *
   * @default - this account only
   */
  readonly centralConfiguration?: SecurityHubCentralConfiguration;
}

/**
 * Security Hub with an explicit baseline: enabled without the implicit default standards,
 * consolidated control findings, new controls auto-enabled, AWS Foundational Security Best
 * Practices and CIS v3.0.0 enabled explicitly (NIST and PCI selectable), controls disabled only
 * with a reason, optional cross-region aggregation, new CRITICAL and HIGH findings alerted to the
 * security-notifications topic, and organization delegation or central configuration.
 *
 * @example
 * const config = new ConfigRecorder(this, 'Config');
 * new SecurityHubBaseline(this, 'SecurityHub', {
 *   configRecorder: config,
 *   standards: [SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES, SecurityHubStandard.CIS_V3, SecurityHubStandard.NIST_800_53_R5],
 *   disabledControls: [{ controlId: 'Macie.1', reason: 'Macie is not licensed in this account; S3 data is classified by the data platform.' }],
 * });
 */
export class SecurityHubBaseline extends Construct {
  /** The hub. */
  public readonly hub: securityhub.CfnHub;
  /** The enabled standards. */
  public readonly standards: SecurityHubStandard[];

  constructor(scope: Construct, id: string, props: SecurityHubBaselineProps = {}) {
    super(scope, id);
    this.standards = props.standards ?? [SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES, SecurityHubStandard.CIS_V3];
    validate(this, props, this.standards);
    claimOnePerAccount(this, {
      kind: 'SecurityHubBaseline',
      why: 'Security Hub has one hub per account and region, so the second would fail at deploy',
    });

    this.hub = new securityhub.CfnHub(this, 'Resource', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    });
    if (props.configRecorder) this.hub.node.addDependency(props.configRecorder);

    const aggregator = this.aggregateFindings(props);
    if (props.delegatedAdminAccountId) {
      new securityhub.CfnDelegatedAdmin(this, 'DelegatedAdmin', { adminAccountId: props.delegatedAdminAccountId }).node.addDependency(this.hub);
    }
    if (props.centralConfiguration) {
      this.configureOrganization(props, props.centralConfiguration, aggregator!);
    } else {
      this.enableStandards(props.disabledControls ?? []);
    }
    this.alertOnSevereFindings(props.alertTopic ?? SecurityNotificationsTopic.of(this));
  }

  /** Each standard explicitly, with its disabled controls and their reasons. */
  private enableStandards(disabled: DisabledControl[]): void {
    for (const standard of this.standards) {
      const controls = disabled.filter((c) => (c.standard ? c.standard === standard : standard.usesSecurityControlIds));
      new securityhub.CfnStandard(this, standardId(standard), {
        standardsArn: standard.standardsArn,
        disabledStandardsControls: controls.length === 0 ? undefined
          : controls.map((c) => ({ standardsControlArn: standard.controlArn(c.controlId), reason: c.reason.trim() })),
      }).node.addDependency(this.hub);
    }
  }

  private aggregateFindings(props: SecurityHubBaselineProps): securityhub.CfnFindingAggregator | undefined {
    if (!props.aggregateAllRegions && !props.aggregationRegions) return undefined;
    const aggregator = new securityhub.CfnFindingAggregator(this, 'FindingAggregator', {
      regionLinkingMode: props.aggregateAllRegions ? 'ALL_REGIONS' : 'SPECIFIED_REGIONS',
      regions: props.aggregationRegions,
    });
    aggregator.node.addDependency(this.hub);
    return aggregator;
  }

  /** Central configuration: organization configuration, one configuration policy, and its associations. */
  private configureOrganization(
    props: SecurityHubBaselineProps, central: SecurityHubCentralConfiguration, aggregator: securityhub.CfnFindingAggregator,
  ): void {
    const organization = new securityhub.CfnOrganizationConfiguration(this, 'OrganizationConfiguration', {
      autoEnable: false,
      autoEnableStandards: 'NONE',
      configurationType: 'CENTRAL',
    });
    organization.node.addDependency(aggregator);
    const disabled = (props.disabledControls ?? []).map((c) => c.controlId);
    const policy = new securityhub.CfnConfigurationPolicy(this, 'ConfigurationPolicy', {
      name: `${Stack.of(this).stackName}-security-baseline`.slice(0, 128),
      description: `Standards and disabled controls of ${this.node.path}. Disabled: ${
        (props.disabledControls ?? []).map((c) => `${c.controlId} (${c.reason.trim()})`).join('; ') || 'none'}`.slice(0, 512),
      configurationPolicy: {
        securityHub: {
          serviceEnabled: true,
          enabledStandardIdentifiers: this.standards.map((s) => s.standardsArn),
          securityControlsConfiguration: { disabledSecurityControlIdentifiers: disabled },
        },
      },
    });
    policy.node.addDependency(organization);
    central.targetIds.forEach((targetId, i) => {
      new securityhub.CfnPolicyAssociation(this, `PolicyAssociation${i + 1}`, {
        configurationPolicyId: policy.attrId,
        targetId,
        targetType: targetId.startsWith('r-') ? 'ROOT' : targetId.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT',
      });
    });
  }

  /**
   * New, active CRITICAL and HIGH findings go to the topic (whose policy admits EventBridge of this
   * account); alerts EventBridge cannot deliver are kept in an encrypted dead-letter queue.
   */
  private alertOnSevereFindings(topic: sns.ITopic): void {
    new events.CfnRule(this, 'SevereFindingsRule', {
      description: 'New CRITICAL and HIGH Security Hub findings',
      eventPattern: {
        'source': ['aws.securityhub'],
        'detail-type': ['Security Hub Findings - Imported'],
        'detail': {
          findings: {
            Severity: { Label: ['CRITICAL', 'HIGH'] },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
          },
        },
      },
      state: 'ENABLED',
      targets: [{ id: 'SecurityNotifications', arn: topic.topicArn, deadLetterConfig: { arn: undeliveredAlertsQueue(this).queueArn } }],
    });
  }
}

function standardId(standard: SecurityHubStandard): string {
  return standard.path.replace(/\/v\//, '-').split(/[^A-Za-z0-9]+/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

function validate(scope: Construct, props: SecurityHubBaselineProps, standards: SecurityHubStandard[]): void {
  const check = new PropChecks(scope);
  check.minLength('standards', standards, 1);
  check.unique('standards', standards.map((s) => s?.path));
  const known = Object.values(SecurityHubStandard).filter((v) => v instanceof SecurityHubStandard);
  standards.forEach((s, i) => {
    if (!known.includes(s)) throw FortressError.invalidProp(scope, `standards[${i}]`, 'must be a SecurityHubStandard constant', (s as any)?.path ?? s);
  });
  (props.disabledControls ?? []).forEach((control, i) => {
    const prop = `disabledControls[${i}]`;
    check.required(prop, control, 'a DisabledControl with controlId and reason');
    check.required(`${prop}.controlId`, control.controlId, 'the security control id (e.g. IAM.6) or, with standard, that standard\'s control id');
    assertExplainingReason(scope, `${prop}.reason`, control.reason);
    if (control.standard) {
      if (!standards.includes(control.standard)) throw FortressError.invalidProp(scope, `${prop}.standard`, 'must be one of the enabled standards', control.standard.path);
      if (props.centralConfiguration) throw FortressError.invalidProp(scope, `${prop}.standard`, 'is not used with centralConfiguration: configuration policies disable security control ids across standards');
      check.matches(`${prop}.controlId`, control.controlId, /^(PCI\.)?[A-Za-z0-9]+(\.\d+)+$/, "the standard's control id, e.g. 1.14 or PCI.IAM.1");
    } else {
      const problem = Token.isUnresolved(control.controlId) ? undefined : securityControlIdProblem(control.controlId);
      if (problem) throw FortressError.invalidProp(scope, `${prop}.controlId`, problem, control.controlId);
      if (!props.centralConfiguration && !standards.some((s) => s.usesSecurityControlIds)) {
        throw FortressError.invalidProp(scope, `${prop}.standard`,
          'must be set: none of the enabled standards uses security control ids, so name the standard and its own control id', control.controlId);
      }
    }
  });
  check.unique('disabledControls', (props.disabledControls ?? []).map((c) => `${c.standard?.path ?? '*'}:${c.controlId}`));
  check.exclusive('aggregateAllRegions', props.aggregateAllRegions || undefined, 'aggregationRegions', props.aggregationRegions);
  check.minLength('aggregationRegions', props.aggregationRegions, 1);
  check.unique('aggregationRegions', props.aggregationRegions);
  const partition = partitionOf(Stack.of(scope));
  for (const region of props.aggregationRegions ?? []) check.knownRegion('aggregationRegions', region, partition);
  const home = Stack.of(scope).region;
  if (!Token.isUnresolved(home) && props.aggregationRegions?.includes(home)) {
    throw FortressError.invalidProp(scope, 'aggregationRegions', `must not list the home region ${home}, where findings are aggregated`, props.aggregationRegions);
  }
  check.matches('delegatedAdminAccountId', props.delegatedAdminAccountId, /^\d{12}$/, 'a 12-digit account id');
  check.exclusive('delegatedAdminAccountId', props.delegatedAdminAccountId, 'centralConfiguration', props.centralConfiguration);
  if (props.centralConfiguration) {
    check.required('centralConfiguration.targetIds', props.centralConfiguration.targetIds, 'the organization root (r-...), OUs (ou-...) or accounts the policy applies to');
    check.minLength('centralConfiguration.targetIds', props.centralConfiguration.targetIds, 1);
    for (const target of props.centralConfiguration.targetIds) {
      check.matches('centralConfiguration.targetIds', target, /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/, 'organization root (r-...), OU (ou-...-...) or account ids');
    }
    if (!props.aggregateAllRegions && !props.aggregationRegions) {
      throw FortressError.invalidProp(scope, 'centralConfiguration', 'requires aggregateAllRegions or aggregationRegions: central configuration runs from the aggregation (home) region');
    }
  }
}
