import { CfnDeletionPolicy, CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';

/** Deletion policies that keep the resource's data when the stack deletes it. */
const RETAINING = new Set<CfnDeletionPolicy | undefined>([CfnDeletionPolicy.RETAIN, CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE]);

/**
 * COMPLIANT when a stateful resource of `type` is retained on stack deletion,
 * NOT_APPLICABLE for other resource types.
 */
export function retainedCompliance(node: CfnResource, type: string): NagRuleCompliance {
  if (node.cfnResourceType !== type) return NagRuleCompliance.NOT_APPLICABLE;
  return RETAINING.has(node.cfnOptions.deletionPolicy) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
