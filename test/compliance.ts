import { App, AppProps, Stack } from 'aws-cdk-lib';
import { FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT, VALIDATE_AGAINST_DEFAULT_RULES } from 'aws-cdk-lib/cx-api';
import { ALL_COMPLIANCE_PACKS, Acknowledgments, AcknowledgmentRecord, ComplianceFinding, ComplianceReport, SecureBaseline } from '../src';

/**
 * An App for tests that only assert template properties: CDK's built-in
 * CloudFormation validation (about 4x the synthesis time) is off.
 */
export function propertyTestApp(props: AppProps = {}): App {
  return new App({ builtinCloudFormationValidation: false, ...props });
}

/** A stack in a property-test App (no template validation, no packs). */
export function propertyTestStack(id = 'Stack'): Stack {
  return new Stack(propertyTestApp(), id, { env: { account: '111122223333', region: 'eu-west-1' } });
}

/**
 * An App that checks templates hard: all six cdk-nag packs plus FortressChecks,
 * and CloudFormation's template validation with its errors kept as errors.
 * Synthesis reports instead of throwing, so tests can list every finding.
 */
export function complianceTestApp(): App {
  const app = new App({
    context: {
      [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false,
      [VALIDATE_AGAINST_DEFAULT_RULES]: true,
    },
  });
  SecureBaseline.enforce(app, { packs: [...ALL_COMPLIANCE_PACKS], reportOnly: true });
  return app;
}

/** A stack in a compliance-test App. */
export function complianceTestStack(id = 'Stack'): Stack {
  return new Stack(complianceTestApp(), id, { env: { account: '111122223333', region: 'eu-west-1' } });
}

/** The outcome of a compliance synthesis. */
export interface ComplianceResult {
  readonly report: ComplianceReport;
  readonly acknowledgments: AcknowledgmentRecord[];
}

/** Synthesizes the App that holds `scope` and reads its validation report. */
export function checkCompliance(scope: Stack | App): ComplianceResult {
  const app = App.isApp(scope) ? scope : (scope.node.root as App);
  const assembly = app.synth({ force: true });
  return {
    report: ComplianceReport.fromAssemblyDirectory(assembly.directory),
    acknowledgments: Acknowledgments.list(app),
  };
}

/**
 * Asserts that every pack reports no unacknowledged error for the App holding `scope`,
 * failing with the full list of findings otherwise. Returns the result for further checks.
 */
export function expectCompliant(scope: Stack | App): ComplianceResult {
  const result = checkCompliance(scope);
  const errors = result.report.errors;
  if (errors.length > 0) {
    throw new Error(`expected no unacknowledged compliance errors, found ${errors.length}:\n${result.report.render(errors)}`);
  }
  return result;
}

/** Rule ids of the unacknowledged errors, sorted and de-duplicated. */
export function errorRuleIds(findings: ComplianceFinding[]): string[] {
  return [...new Set(findings.filter((f) => f.severity !== 'warning').map((f) => f.ruleId))].sort();
}

/**
 * Builds `build(stack, id, props)` in a fresh property-test stack and returns what it threw (or
 * undefined), asserting that a refused construct left nothing behind at `id`.
 */
export function rejectionOf<P>(id: string, props: (stack: Stack) => P, build: (stack: Stack, id: string, props: P) => unknown): unknown {
  const stack = propertyTestStack();
  try {
    build(stack, id, props(stack));
  } catch (e) {
    if (stack.node.tryFindChild(id) !== undefined) throw new Error(`${id} was refused but left constructs behind`);
    return e;
  }
  return undefined;
}
