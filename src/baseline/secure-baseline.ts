import { Aspects, Stage, Validations } from 'aws-cdk-lib';
import { NagPack, NagPackProps, WriteNagSuppressionsToCloudFormationAspect } from 'cdk-nag';
import { IConstruct } from 'constructs';
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
   * Each is registered once per Stage, identified by its `name`.
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
   * Whether acknowledgments are also written into each resource's CloudFormation
   * `Metadata` (`cdk_nag.rules_to_suppress`), for audit tooling that reads templates.
   *
   * @default false
   */
  readonly writeAcknowledgmentsToTemplate?: boolean;
}

/** Pack names registered per Stage, so a second `enforce` registers nothing twice. */
const REGISTERED = new WeakMap<Stage, Set<string>>();
const METADATA_ASPECT_ADDED = new WeakSet<Stage>();

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
    const fortressChecks = props.fortressChecks ?? true;
    if (packs.length === 0 && !fortressChecks && (props.additionalPacks ?? []).length === 0) {
      throw FortressError.invalidProp(scope, 'packs', 'must name at least one pack when fortressChecks and additionalPacks are off; there would be nothing to enforce', packs);
    }

    const nagProps: NagPackProps = { verbose: props.verbose ?? false };
    const wanted: NagPack[] = [
      ...packs.map((pack) => createCompliancePack(pack, scope, nagProps)),
      ...(fortressChecks ? [new FortressChecks(scope, nagProps)] : []),
      ...(props.additionalPacks ?? []),
    ];

    const registered = REGISTERED.get(scope) ?? new Set<string>();
    REGISTERED.set(scope, registered);
    for (const pack of wanted) {
      if (SecureBaseline.enforcedOn(scope).includes(pack.name)) continue;
      Validations.of(scope).addPlugins(new ScopedNagPlugin(pack, scope));
      registered.add(pack.name);
    }

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
    const names = new Set<string>();
    for (let current = Stage.of(stage) ?? undefined; current; current = current.parentStage) {
      for (const name of REGISTERED.get(current) ?? []) names.add(name);
    }
    if (Stage.isStage(stage)) {
      for (const name of REGISTERED.get(stage) ?? []) names.add(name);
    }
    return [...names].sort();
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
