import { Token } from 'aws-cdk-lib';
import { FindingSeverity } from './finding-severity';
import { FortressError } from '../core/fortress-error';

/** Builds the EventBridge pattern of a source's events at `minimum` or above, or undefined when it reports none. */
type PatternBuilder = (minimum: FindingSeverity, excludedProducts: string[]) => { [key: string]: any } | undefined;

/** Security Hub's labels at or above `minimum`. */
const labels = (minimum: FindingSeverity) => minimum.andAbove().map((s) => s.name);

/**
 * GuardDuty's numeric severity bands: Low 1.0-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0
 * (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html). The lower bound of each band.
 */
const GUARDDUTY_BAND_START: Record<string, number> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 4, HIGH: 7, CRITICAL: 9 };

/**
 * Macie's `severity.description` is Low, Medium or High (score 1-3)
 * (https://docs.aws.amazon.com/macie/latest/user/findings-severity.html); Macie has no Critical.
 */
const MACIE_LEVELS: Array<[string, FindingSeverity]> = [['Low', FindingSeverity.LOW], ['Medium', FindingSeverity.MEDIUM], ['High', FindingSeverity.HIGH]];

/**
 * Inspector's `severity` is INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL or UNTRIAGED
 * (https://docs.aws.amazon.com/inspector/latest/user/findings-understanding-severity.html); UNTRIAGED (the vendor has
 * not rated it yet) counts as MEDIUM here, so an unrated vulnerability is not silently dropped by a MEDIUM route.
 */
const inspectorLevels = (minimum: FindingSeverity) => [...labels(minimum), ...(FindingSeverity.MEDIUM.isAtLeast(minimum) ? ['UNTRIAGED'] : [])];

/** Security Hub `ProductName` of the findings each direct source also sends to Security Hub (ASFF `ProductName`). */
const SECURITY_HUB_PRODUCT_NAMES: Record<string, string> = {
  GUARDDUTY: 'GuardDuty',
  INSPECTOR: 'Inspector',
  MACIE: 'Macie',
  ACCESS_ANALYZER: 'IAM Access Analyzer',
};

/** Security Hub findings still to act on: active records whose workflow is NEW or NOTIFIED (not RESOLVED or SUPPRESSED). */
function securityHubFindings(minimum: FindingSeverity, excludedProducts: string[]): { [key: string]: any } {
  return {
    Severity: { Label: labels(minimum) },
    RecordState: ['ACTIVE'],
    Workflow: { Status: ['NEW', 'NOTIFIED'] },
    ...(excludedProducts.length > 0 ? { ProductName: [{ 'anything-but': [...excludedProducts].sort() }] } : {}),
  };
}

/** A fixed-severity source's pattern when `minimum` is at or below its level. */
const fixedAt = (level: FindingSeverity, pattern: { [key: string]: any }): PatternBuilder =>
  (minimum) => (level.isAtLeast(minimum) ? pattern : undefined);

/**
 * A source of security findings the {@link FindingsRouter} routes, with the EventBridge pattern of its events and how
 * its severity maps onto {@link FindingSeverity}:
 *
 * - GUARDDUTY: `GuardDuty Finding`, numeric `detail.severity` in GuardDuty's bands (LOW 1.0, MEDIUM 4.0, HIGH 7.0, CRITICAL 9.0 and up).
 * - SECURITY_HUB: `Security Hub Findings - Imported` (new and updated findings), `Severity.Label`, active and NEW or NOTIFIED only;
 *   findings of GuardDuty, Inspector, Macie and IAM Access Analyzer are left out when the same route also takes them directly.
 * - ACCESS_ANALYZER: `Access Analyzer Finding` with status ACTIVE: HIGH when `isPublic`, else MEDIUM (the event has no severity).
 * - CONFIG_COMPLIANCE: `Config Rules Compliance Change` to NON_COMPLIANT: MEDIUM (the event has no severity).
 * - INSPECTOR: `Inspector2 Finding` with status ACTIVE, `detail.severity` (UNTRIAGED counts as MEDIUM).
 * - MACIE: `Macie Finding`, `severity.description` Low, Medium, High.
 * - ROOT_ACTIVITY: any API call or console sign-in by the root user, not by an AWS service (CIS 1.7 / CloudWatch.1): HIGH.
 * - CONSOLE_SIGN_IN_WITHOUT_MFA: successful IAM user console sign-in without MFA (CloudWatch.3): MEDIUM.
 * - `securityHubCustomAction(arn)`: findings a person sent to a Security Hub custom action, by `Severity.Label`.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/ref/events.html
 */
export class FindingSource {
  /** GuardDuty findings (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html). */
  public static readonly GUARDDUTY = new FindingSource('GUARDDUTY', 'GuardDuty', (minimum) => ({
    'source': ['aws.guardduty'],
    'detail-type': ['GuardDuty Finding'],
    'detail': { severity: [{ numeric: ['>=', GUARDDUTY_BAND_START[minimum.name]] }] },
  }));

  /** Security Hub findings, imported and updated (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html). */
  public static readonly SECURITY_HUB = new FindingSource('SECURITY_HUB', 'SecurityHub', (minimum, excludedProducts) => ({
    'source': ['aws.securityhub'],
    'detail-type': ['Security Hub Findings - Imported'],
    'detail': { findings: securityHubFindings(minimum, excludedProducts) },
  }));

  /** IAM Access Analyzer findings (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-eventbridge.html). */
  public static readonly ACCESS_ANALYZER = new FindingSource('ACCESS_ANALYZER', 'AccessAnalyzer', (minimum) => {
    if (!FindingSeverity.HIGH.isAtLeast(minimum)) return undefined;
    return {
      'source': ['aws.access-analyzer'],
      'detail-type': ['Access Analyzer Finding'],
      'detail': { status: ['ACTIVE'], ...(FindingSeverity.MEDIUM.isAtLeast(minimum) ? {} : { isPublic: [true] }) },
    };
  });

  /** AWS Config rule compliance changes to NON_COMPLIANT (https://docs.aws.amazon.com/config/latest/developerguide/monitor-config-with-cloudwatchevents.html). */
  public static readonly CONFIG_COMPLIANCE = new FindingSource('CONFIG_COMPLIANCE', 'ConfigCompliance', fixedAt(FindingSeverity.MEDIUM, {
    'source': ['aws.config'],
    'detail-type': ['Config Rules Compliance Change'],
    'detail': { messageType: ['ComplianceChangeNotification'], newEvaluationResult: { complianceType: ['NON_COMPLIANT'] } },
  }));

  /** Amazon Inspector findings (https://docs.aws.amazon.com/inspector/latest/user/eventbridge-integration.html). */
  public static readonly INSPECTOR = new FindingSource('INSPECTOR', 'Inspector', (minimum) => ({
    'source': ['aws.inspector2'],
    'detail-type': ['Inspector2 Finding'],
    'detail': { severity: inspectorLevels(minimum), status: ['ACTIVE'] },
  }));

  /** Amazon Macie findings (https://docs.aws.amazon.com/macie/latest/user/findings-publish-event-schemas.html). */
  public static readonly MACIE = new FindingSource('MACIE', 'Macie', (minimum) => {
    const levels = MACIE_LEVELS.filter(([, level]) => level.isAtLeast(minimum)).map(([description]) => description);
    if (levels.length === 0) return undefined;
    return { 'source': ['aws.macie'], 'detail-type': ['Macie Finding'], 'detail': { severity: { description: levels } } };
  });

  /**
   * Root user activity: the CIS filter of Security Hub control CloudWatch.1 (`userIdentity.type` Root, no `invokedBy`,
   * `eventType` not AwsServiceEvent) as an EventBridge pattern over CloudTrail's API-call and console sign-in events
   * (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1). Console sign-ins
   * and IAM calls are global events, delivered in us-east-1 (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events).
   */
  public static readonly ROOT_ACTIVITY = new FindingSource('ROOT_ACTIVITY', 'RootActivity', fixedAt(FindingSeverity.HIGH, {
    'detail-type': ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'],
    'detail': { userIdentity: { type: ['Root'], invokedBy: [{ exists: false }] }, eventType: [{ 'anything-but': 'AwsServiceEvent' }] },
  }));

  /**
   * Successful console sign-in of an IAM user without MFA: the filter of Security Hub control CloudWatch.3
   * (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-3).
   */
  public static readonly CONSOLE_SIGN_IN_WITHOUT_MFA = new FindingSource('CONSOLE_SIGN_IN_WITHOUT_MFA', 'ConsoleSignInWithoutMfa', fixedAt(FindingSeverity.MEDIUM, {
    'source': ['aws.signin'],
    'detail-type': ['AWS Console Sign In via CloudTrail'],
    'detail': {
      eventName: ['ConsoleLogin'],
      userIdentity: { type: ['IAMUser'] },
      additionalEventData: { MFAUsed: [{ 'anything-but': 'Yes' }] },
      responseElements: { ConsoleLogin: ['Success'] },
    },
  }));

  /** The sources a route takes when it names none: every constant above. */
  public static all(): FindingSource[] {
    return [
      FindingSource.GUARDDUTY, FindingSource.SECURITY_HUB, FindingSource.ACCESS_ANALYZER, FindingSource.CONFIG_COMPLIANCE,
      FindingSource.INSPECTOR, FindingSource.MACIE, FindingSource.ROOT_ACTIVITY, FindingSource.CONSOLE_SIGN_IN_WITHOUT_MFA,
    ];
  }

  /**
   * Findings a person sends to the Security Hub custom action `actionTargetArn`
   * (`arn:<partition>:securityhub:<region>:<account>:action/custom/<id>`), by `Severity.Label`
   * (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-custom-actions.html).
   */
  public static securityHubCustomAction(actionTargetArn: string): FindingSource {
    if (typeof actionTargetArn !== 'string'
      || (!Token.isUnresolved(actionTargetArn) && !/^arn:aws[a-z-]*:securityhub:[a-z0-9-]+:\d{12}:action\/custom\/[A-Za-z0-9]{1,20}$/.test(actionTargetArn))) {
      throw FortressError.invalidProp('FindingSource', 'securityHubCustomAction',
        'must be a Security Hub action target ARN, arn:<partition>:securityhub:<region>:<account>:action/custom/<1-20 letters or digits>', actionTargetArn);
    }
    return new FindingSource('SECURITY_HUB_CUSTOM_ACTION', 'SecurityHubCustomAction', (minimum) => ({
      'source': ['aws.securityhub'],
      'detail-type': ['Security Hub Findings - Custom Action'],
      'resources': [actionTargetArn],
      'detail': { findings: { Severity: { Label: labels(minimum) } } },
    }));
  }

  /**
   * @param name the constant's name, e.g. `GUARDDUTY`
   * @param idPart what names the source in construct ids, e.g. `GuardDuty`
   */
  private constructor(public readonly name: string, public readonly idPart: string, private readonly build: PatternBuilder) {}

  /**
   * The EventBridge event pattern of this source's events at `minimumSeverity` or above, or undefined when the
   * source reports nothing that severe (e.g. Macie at CRITICAL).
   */
  public eventPattern(minimumSeverity: FindingSeverity): { [key: string]: any } | undefined {
    return this.build(minimumSeverity, []);
  }

  /** @internal the pattern, leaving out Security Hub findings of the direct sources in `alsoRouted` */
  public _eventPattern(minimumSeverity: FindingSeverity, alsoRouted: FindingSource[]): { [key: string]: any } | undefined {
    const excluded = alsoRouted.map((s) => SECURITY_HUB_PRODUCT_NAMES[s.name]).filter((n): n is string => n !== undefined);
    return this.build(minimumSeverity, excluded);
  }
}
