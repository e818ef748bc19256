import * as fs from 'fs';
import * as path from 'path';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import { suggestedConstruct } from './construct-suggestions';

/**
 * One finding of a validation plugin (a cdk-nag pack, FortressChecks, or
 * CloudFormation's template validation) on one construct.
 */
export interface ComplianceFinding {
  /** Plugin that reported it, e.g. `AwsSolutions`, `Fortress`, `CloudFormation Validate`. */
  readonly pack: string;
  /** Rule (or rule finding) id, e.g. `AwsSolutions-S1`. */
  readonly ruleId: string;
  /** `error`, `warning` or `fatal` (a plugin that could not run). */
  readonly severity: string;
  /** Path of the violating construct, when the plugin could tell. */
  readonly constructPath: string;
  /** What is wrong. */
  readonly description: string;
  /** For an acknowledged finding: why it is accepted. */
  readonly acknowledgedReason?: string;
  /**
   * The cdk-fortress construct that satisfies the rule by default, when one does
   * (e.g. `EncryptedBucket` for `AwsSolutions-S1`).
   */
  readonly suggestedConstruct?: string;
}

/**
 * The validation report CDK writes into a cloud assembly
 * (`validation-report.json`), read as a flat list of findings.
 *
 * Findings acknowledged with `Validations.of(c).acknowledge({ id: 'Rule' })`
 * are dropped by cdk-nag itself and do not appear; those acknowledged in the
 * namespaced form (`Pack::Rule`) are listed in `acknowledgedFindings`.
 *
 * @example
 * declare const app: App;
 * const assembly = app.synth();
 * const report = ComplianceReport.fromAssemblyDirectory(assembly.directory);
 * const unacknowledgedErrors = report.errors;
 */
export class ComplianceReport {
  /**
   * Reads the report of an assembly directory (`cdk.out`); an empty report when
   * no validation plugin ran.
   */
  public static fromAssemblyDirectory(directory: string): ComplianceReport {
    const file = path.join(directory, VALIDATION_REPORT_FILE);
    if (!fs.existsSync(file)) return new ComplianceReport([], []);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    const findings: ComplianceFinding[] = [];
    const acknowledged: ComplianceFinding[] = [];
    for (const report of json.pluginReports ?? []) {
      findings.push(...flatten(report.pluginName, report.violations));
      acknowledged.push(...flatten(report.pluginName, report.suppressedViolations));
    }
    return new ComplianceReport(findings, acknowledged);
  }

  /** Unacknowledged findings, all severities. */
  public readonly findings: ComplianceFinding[];
  /** Findings suppressed by CDK's namespaced acknowledgments. */
  public readonly acknowledgedFindings: ComplianceFinding[];

  private constructor(findings: ComplianceFinding[], acknowledgedFindings: ComplianceFinding[]) {
    this.findings = findings;
    this.acknowledgedFindings = acknowledgedFindings;
  }

  /** Unacknowledged findings that fail synthesis (`error` or `fatal`). */
  public get errors(): ComplianceFinding[] {
    return this.findings.filter((f) => f.severity === 'error' || f.severity === 'fatal');
  }

  /** Unacknowledged warnings. */
  public get warnings(): ComplianceFinding[] {
    return this.findings.filter((f) => f.severity === 'warning');
  }

  /** Findings on `constructPath` or anything below it (e.g. a stack's path). */
  public findingsUnder(constructPath: string): ComplianceFinding[] {
    return this.findings.filter((f) => f.constructPath === constructPath || f.constructPath.startsWith(`${constructPath}/`));
  }

  /**
   * One line per finding: `error AwsSolutions-S1 App/Stack/Bucket/Resource: description (cdk-fortress: use EncryptedBucket)`.
   */
  public render(findings: ComplianceFinding[] = this.findings): string {
    return findings.map((f) => `${f.severity} ${f.ruleId} ${f.constructPath}: ${f.description}${
      f.suggestedConstruct ? ` (cdk-fortress: ${f.suggestedConstruct} satisfies this by default)` : ''}`).join('\n');
  }
}

function flatten(pack: string, violations: any[] | undefined): ComplianceFinding[] {
  return (violations ?? []).flatMap((v) =>
    (v.violatingConstructs ?? [{}]).map((c: any) => ({
      pack,
      ruleId: v.ruleName,
      severity: v.severity ?? 'error',
      constructPath: c.constructPath ?? '',
      description: v.description ?? '',
      ...(v.reason === undefined ? {} : { acknowledgedReason: v.reason }),
      ...(suggestedConstruct(v.ruleName ?? '') ? { suggestedConstruct: suggestedConstruct(v.ruleName) } : {}),
    })),
  );
}
