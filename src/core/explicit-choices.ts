import { Annotations, RemovalPolicy } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Acknowledgments } from './acknowledgments';

/**
 * Records a less secure setting the user chose explicitly on a construct: the
 * FortressChecks rule it breaks is acknowledged on that construct only, with
 * the choice as the reason, and a synth warning keeps it visible in every
 * `cdk synth`. Defaults never go through here.
 *
 * @param construct the construct the user configured
 * @param ruleId the rule the choice breaks, e.g. `Fortress-S3BucketRetained`
 * @param choice what was chosen and what it means, e.g. `pendingWindow 7 days was set explicitly: ...`
 */
export function acknowledgeExplicitChoice(construct: IConstruct, ruleId: string, choice: string): void {
  Acknowledgments.acknowledge(construct, ruleId, choice);
  Annotations.of(construct).addWarningV2(`cdk-fortress:explicit:${ruleId}`, choice);
}

/** Removal policies a bucket or key supports: SNAPSHOT is not one (CloudFormation rejects it for them). */
export const STATEFUL_REMOVAL_POLICIES: readonly RemovalPolicy[] = [
  RemovalPolicy.RETAIN, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, RemovalPolicy.DESTROY,
];

/**
 * Stateful resources are retained unless the user explicitly chose otherwise:
 * a removal policy that deletes data is acknowledged (see {@link acknowledgeExplicitChoice}).
 *
 * @returns the removal policy to apply: the requested one, RETAIN by default
 */
export function removalPolicyOf(resource: IConstruct, retentionRuleId: string, requested: RemovalPolicy | undefined): RemovalPolicy {
  if (requested === RemovalPolicy.DESTROY) {
    acknowledgeExplicitChoice(resource, retentionRuleId,
      `removalPolicy ${requested} was set explicitly on this construct: its data is declared disposable and is deleted with the stack.`);
  }
  return requested ?? RemovalPolicy.RETAIN;
}
