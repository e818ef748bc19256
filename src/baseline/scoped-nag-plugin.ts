import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { recordBroadAcknowledgments } from './acknowledgment-ledger';
import { judgeRenderedOverrides } from './rendered-shadow';
import { FortressChecks } from '../nag/fortress-checks';

/**
 * Runs a cdk-nag pack over one Stage's subtree only.
 *
 * cdk-nag's own `validate()` walks the whole App whichever Stage the pack was
 * registered on, so enforcing on a `prod` Stage would fail on a `dev` Stage's
 * findings. The plugin keeps the pack's name, so acknowledgments and report
 * namespaces are unchanged.
 */
export class ScopedNagPlugin implements IPolicyValidationPlugin {
  public readonly name: string;
  public readonly version?: string;
  public readonly ruleIds?: string[];

  constructor(public readonly pack: NagPack, private readonly scope: IConstruct) {
    this.name = pack.name;
    this.version = pack.version;
    this.ruleIds = pack.ruleIds;
    recordBroadAcknowledgments(pack);
  }

  public validate(_context: IPolicyValidationContext): PolicyValidationPluginReport {
    // FortressChecks reads the templates synthesis has just written: what CloudFormation receives.
    if (this.pack instanceof FortressChecks) return this.pack.validateSynthesized(this.scope);
    // The standard packs read construct props: resources with escape hatches are re-judged as synthesized.
    const report = judgeRenderedOverrides(this.pack, this.scope, this.pack.validateScope(this.scope));
    // cdk-nag reports failure for any violation, warnings included (e.g. AwsSolutions-CFR1 "may require Geo
    // restrictions"): only errors fail synthesis, as for FortressChecks.
    return { ...report, success: report.violations.every((v) => v.severity === 'warning') };
  }
}
