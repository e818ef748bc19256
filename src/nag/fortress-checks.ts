import { CfnResource, IPolicyValidationContext, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { FORTRESS_RULES } from './rules';
import { runRules } from './template/rule-runner';
import { TemplateOrigin, templatesUnder } from './template/template-source';

/**
 * cdk-fortress's own cdk-nag pack: the guarantees the library's constructs make
 * that the standard packs (AwsSolutions, HIPAA, NIST, PCI, Serverless) do not check.
 *
 * Unlike the standard packs, every rule judges the resource **as CloudFormation
 * receives it**: the synthesized template, after every escape-hatch override
 * (`addPropertyOverride`, `addOverride`, deletion overrides), `DeletionPolicy`
 * and `UpdateReplacePolicy` included, for every resource, raw `CfnResource`s
 * and aws-cdk-lib internals too, nested stacks included.
 *
 * Rule ids are `Fortress-<RuleName>`, e.g. `Fortress-S3BucketMinimumTls12`.
 * Acknowledge them with `Validations.of(construct).acknowledge()` on the
 * resource's construct or an ancestor inside its stack; acknowledgments on a
 * Stack, Stage or App are ignored, and some findings can never be acknowledged
 * (see docs/enforcement.md).
 *
 * @example
 * declare const app: App;
 * Validations.of(app).addPlugins(new FortressChecks(app));
 */
export class FortressChecks extends NagPack {
  /** The pack's name: the prefix of its rule ids. */
  public static readonly PACK_NAME = 'Fortress';

  /** Ids of every rule the pack can report, e.g. `Fortress-S3BucketRetained`. */
  public static ruleIdentifiers(): string[] {
    return FORTRESS_RULES.map((rule) => `${FortressChecks.PACK_NAME}-${rule.name}`).sort();
  }

  /** Ids of the rules whose findings no acknowledgment can silence. */
  public static neverAcknowledgeableRuleIdentifiers(): string[] {
    return FORTRESS_RULES.filter((rule) => rule.neverAcknowledgeable).map((rule) => `${FortressChecks.PACK_NAME}-${rule.name}`).sort();
  }

  public readonly name = FortressChecks.PACK_NAME;
  public readonly ruleIds?: string[] = FortressChecks.ruleIdentifiers();
  private readonly verboseFindings: boolean;

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = FortressChecks.PACK_NAME;
    this.verboseFindings = props?.verbose ?? false;
  }

  /**
   * Called by CDK's validation framework after synthesis: judges the template
   * files just written for every stack of the App.
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const root = (context as { appConstruct?: IConstruct }).appConstruct;
    if (!root) return super.validate(context);
    return this.validateSynthesized(root);
  }

  /**
   * Judges the stacks at or below `scope` as synthesis has written them (for a
   * plugin running after synthesis, such as SecureBaseline's).
   */
  public validateSynthesized(scope: IConstruct): PolicyValidationPluginReport {
    return runRules(this.packName, FORTRESS_RULES, templatesUnder(scope, TemplateOrigin.SYNTHESIZED), this.verboseFindings);
  }

  /**
   * Judges the stacks at or below `scope` (or the stack holding it) rendered in
   * memory now, for direct use in tests or tools on a tree not yet synthesized.
   */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return runRules(this.packName, FORTRESS_RULES, templatesUnder(scope, TemplateOrigin.RENDERED), this.verboseFindings);
  }

  /** Not used: rules judge rendered templates in {@link validateScope}, never construct props. */
  protected checkResource(_node: CfnResource): void {
    // Intentionally empty: see validateScope.
  }
}
