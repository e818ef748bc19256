import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { IConstruct } from 'constructs';
import { pluginsEnforcedOn } from './enforced-plugins';
import { RuleGroup } from './rule-group';

/**
 * Acknowledgments whose final ids are known only when the App synthesizes: they are recorded in
 * a construct validation, which CDK runs after every construct exists, aspects have run and
 * cross-stack references are resolved, and before any validation plugin (pack) reads acknowledgments.
 */

/** The ids of `group` for the packs enforced over `scope` (every pack's, when none is registered yet). */
export function groupRuleIds(scope: IConstruct, group: RuleGroup): string[] {
  return group.ruleIdsFor(pluginsEnforcedOn(scope).map((plugin) => plugin.name));
}

/** Acknowledges `group` on `scope` at synthesis, in exactly the packs enforced then. */
export function acknowledgeGroupAtSynth(scope: IConstruct, group: RuleGroup, reason: string): void {
  deferAcknowledgment(scope, () => groupRuleIds(scope, group), reason);
}

/**
 * The id cdk-nag gives a finding of `ruleId` about `finding` (e.g. `Resource::<Bucket.Arn>/*`), with
 * tokens in `finding` resolved the way the pack sees them in `scope`'s stack (imports included).
 */
export function findingRuleId(scope: IConstruct, ruleId: string, finding: string): string {
  return `${ruleId}[${flattenCfnReference(Stack.of(scope).resolve(finding))}]`;
}

/** Acknowledges the finding of `ruleId` about `finding` on `scope`, its id computed at synthesis. */
export function acknowledgeFindingAtSynth(scope: IConstruct, ruleId: string, finding: string, reason: string): void {
  deferAcknowledgment(scope, () => [findingRuleId(scope, ruleId, finding)], reason);
}

function deferAcknowledgment(scope: IConstruct, ids: () => string[], reason: string): void {
  let recorded = false;
  scope.node.addValidation({
    validate: () => {
      if (!recorded) {
        recorded = true;
        for (const id of ids()) Validations.of(scope).acknowledge({ id, reason });
      }
      return [];
    },
  });
}
