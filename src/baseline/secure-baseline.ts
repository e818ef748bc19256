import { Aspects, Stage, Validations } from 'aws-cdk-lib';
import { FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT } from 'aws-cdk-lib/cx-api';
import { NagPack, NagPackProps, WriteNagSuppressionsToCloudFormationAspect } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { AcknowledgmentPolicy } from './acknowledgment-policy';
import { CompliancePack, createCompliancePack, DEFAULT_COMPLIANCE_PACKS } from './compliance-pack';
import { ScopedNagPlugin } from './scoped-nag-plugin';
import { FortressError } from '../core/fortress-error';
import { PropChecks } from '../core/prop-checks';
import { FortressChecks } from '../nag/fortress-checks';

/**
 * Options for {@link SecureBaseline.enforce}.
 */
export interface SecureBaselineProps {
  /**
   * The cdk-nag packs to enforce.
   *
   * @default - AwsSolutions, HIPAA Security, NIST 800-53 rev 5 and PCI DSS 3.2.1
   */
  readonly packs?: CompliancePack[];

  /**
   * Whether to enforce cdk-fortress's own `FortressChecks` pack as well.
   *
   * @default true
   */
  readonly fortressChecks?: boolean;

  /**
   * Further NagPacks to enforce, such as an organization's own pack.
   * Each is registered once per Stage, identified by the pack object; names of
   * built-in packs (AwsSolutions, ..., Fortress) are refused.
   *
   * @default - none
   */
  readonly additionalPacks?: NagPack[];

  /**
   * Whether findings carry cdk-nag's long explanation, not only the one-line summary.
   *
   * @default false
   */
  readonly verbose?: boolean;

  /**
   * Report findings without failing synthesis, for tools that read the
   * validation report (a CI summary, the demo). Only honored together with the
   * `@aws-cdk/core:failSynthOnValidationErrors` context set to `false`; that
   * context without this prop is an error, so enforcement is never switched off
   * silently. `SecureBaseline.isReportOnly()` tells summaries to say so.
   *
   * @default false
   */
  readonly reportOnly?: boolean;

  /**
   * Whether acknowledgments are also written into each resource's CloudFormation
   * `Metadata` (`cdk_nag.rules_to_suppress`), for audit tooling that reads templates.
   *
   * @default false
   */
  readonly writeAcknowledgmentsToTemplate?: boolean;
}

/**
 * Packs registered per Stage, so a second `enforce` registers nothing twice: built-in packs by
 * their identity (`builtin:<name>`), additional packs by the pack object itself. A pack that
 * merely calls itself `AwsSolutions` can never stand in for the real one.
 */
const REGISTERED = new WeakMap<Stage, Map<string | NagPack, string>>();
const POLICY_ADDED = new WeakSet<Stage>();
const REPORT_ONLY = new WeakSet<Stage>();
const METADATA_ASPECT_ADDED = new WeakSet<Stage>();
/** Names an additional pack may not take: the built-in packs' and the acknowledgment policy's. */
const RESERVED_PACK_NAMES = [...Object.values(CompliancePack), FortressChecks.PACK_NAME, 'Fortress-AcknowledgmentPolicy'];

/**
 * Makes an App (or a Stage) fail synthesis on any unacknowledged compliance error.
 *
 * Registers the cdk-nag 3 packs and `FortressChecks` as CDK validation plugins
 * (`Validations.of(stage).addPlugins()`): they run over every stack in the
 * Stage, nested Stages included, each time it synthesizes.
 *
 * @example
 * const app = new App();
 * SecureBaseline.enforce(app);
 */
export class SecureBaseline {
  /**
   * Enforces the baseline on `scope`, an App or a Stage.
   *
   * Idempotent: a pack already enforced on `scope`, or on a Stage that contains
   * it, is not registered again (it already covers this Stage).
   *
   * @param scope the App or Stage whose stacks must comply
   * @param props which packs to enforce
   * @throws FortressError when `scope` is not a Stage or the pack list is invalid
   */
  public static enforce(scope: IConstruct, props: SecureBaselineProps = {}): SecureBaseline {
    if (!Stage.isStage(scope)) {
      throw FortressError.invalidProp(scope, 'scope', 'SecureBaseline.enforce() takes an App or a Stage, not a Stack or another construct');
    }
    const checks = new PropChecks(scope);
    const packs = props.packs ?? [...DEFAULT_COMPLIANCE_PACKS];
    checks.unique('packs', packs);
    for (const [i, pack] of packs.entries()) {
      checks.oneOf(`packs[${i}]`, pack, Object.values(CompliancePack));
    }
    checks.unique('additionalPacks', (props.additionalPacks ?? []).map((p) => p.name));
    for (const [i, pack] of (props.additionalPacks ?? []).entries()) {
      // Both the plugin name (report and acknowledgment namespace) and cdk-nag's packName (rule id prefix) count.
      const names = [pack?.name, (pack as { readPackName?: unknown } | undefined)?.readPackName].map((n) => String(n).toLowerCase());
      if (RESERVED_PACK_NAMES.some((name) => names.includes(name.toLowerCase()))) {
        throw FortressError.invalidProp(scope, `additionalPacks[${i}].name`, `must not be the name of a built-in pack (${RESERVED_PACK_NAMES.join(', ')}): enable those with packs and fortressChecks`, pack?.name);
      }
    }
    const fortressChecks = props.fortressChecks ?? true;
    if (packs.length === 0 && !fortressChecks && (props.additionalPacks ?? []).length === 0) {
      throw FortressError.invalidProp(scope, 'packs', 'must name at least one pack when fortressChecks and additionalPacks are off; there would be nothing to enforce', packs);
    }

    const nagProps: NagPackProps = { verbose: props.verbose ?? false };
    const wanted: Array<[string | NagPack, () => NagPack]> = [
      ...packs.map((pack): [string, () => NagPack] => [`builtin:${pack}`, () => createCompliancePack(pack, scope, nagProps)]),
      ...(fortressChecks ? [[`builtin:${FortressChecks.PACK_NAME}`, () => new FortressChecks(scope, nagProps)] as [string, () => NagPack]] : []),
      ...(props.additionalPacks ?? []).map((pack): [NagPack, () => NagPack] => [pack, () => pack]),
    ];

    const registered = REGISTERED.get(scope) ?? new Map<string | NagPack, string>();
    REGISTERED.set(scope, registered);
    for (const [identity, create] of wanted) {
      if (SecureBaseline.registeredOn(scope).has(identity)) continue;
      const pack = create();
      Validations.of(scope).addPlugins(new ScopedNagPlugin(pack, scope));
      registered.set(identity, pack.name);
    }
    // The acknowledgment policy runs after the packs, once per Stage (see docs/enforcement.md).
    if (!POLICY_ADDED.has(scope)) {
      POLICY_ADDED.add(scope);
      Validations.of(scope).addPlugins(new AcknowledgmentPolicy(scope));
      scope.node.addValidation({ validate: () => reportingProblems(scope) });
    }
    if (props.reportOnly) REPORT_ONLY.add(scope);

    if (props.writeAcknowledgmentsToTemplate && !METADATA_ASPECT_ADDED.has(scope)) {
      Aspects.of(scope).add(new WriteNagSuppressionsToCloudFormationAspect());
      METADATA_ASPECT_ADDED.add(scope);
    }
    return new SecureBaseline(scope);
  }

  /**
   * Names of the packs enforced on `stage`, including those inherited from the Stages that contain it.
   */
  public static enforcedOn(stage: IConstruct): string[] {
    return [...new Set(SecureBaseline.registeredOn(stage).values())].sort();
  }

  /**
   * Whether `stage` (or a Stage containing it) runs in report-only mode: findings are
   * written to the validation report and synthesis does not fail.
   */
  public static isReportOnly(stage: IConstruct): boolean {
    return stagesFrom(stage).some((s) => REPORT_ONLY.has(s));
  }

  /** Identities of the packs registered on `stage` and the Stages containing it, with their names. */
  private static registeredOn(stage: IConstruct): Map<string | NagPack, string> {
    const all = new Map<string | NagPack, string>();
    for (const current of stagesFrom(stage)) {
      for (const [identity, name] of REGISTERED.get(current) ?? []) all.set(identity, name);
    }
    return all;
  }

  /** The App or Stage the baseline is enforced on. */
  public readonly stage: Stage;

  private constructor(stage: Stage) {
    this.stage = stage;
  }

  /** Names of the packs now enforced on the Stage (own and inherited), sorted. */
  public get packNames(): string[] {
    return SecureBaseline.enforcedOn(this.stage);
  }
}

/** `scope` if it is a Stage, else its Stage, then every Stage containing it. */
function stagesFrom(scope: IConstruct): Stage[] {
  const stages: Stage[] = [];
  for (let current = Stage.isStage(scope) ? scope : Stage.of(scope); current; current = current.parentStage) stages.push(current);
  return stages;
}

/** Enforcement switched off by context without the explicit reportOnly prop is an error. */
function reportingProblems(stage: Stage): string[] {
  const failSynth = stage.node.tryGetContext(FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT);
  if ((failSynth === false || failSynth === 'false') && !SecureBaseline.isReportOnly(stage)) {
    return [`[cdk-fortress] ${stage.node.path || '<root>'}: the context ${FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT}=false would let an app with compliance errors synthesize. Remove it, or pass reportOnly: true to SecureBaseline.enforce() if this synthesis only produces a report.`];
  }
  return [];
}
