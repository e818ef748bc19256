import { Stack } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { IConstruct } from 'constructs';
import { Acknowledgments } from './acknowledgments';

/**
 * Acknowledges the `AwsSolutions-IAM5` finding of each wildcard resource
 * (e.g. `<Bucket.Arn>/*`) in a policy, on that policy only, finding by finding.
 * Resources without a wildcard are skipped: they raise no finding. Ids are built
 * with cdk-nag's own `flattenCfnReference`, so they match its findings exactly.
 *
 * @param policy the construct holding the policy (a ManagedPolicy or Policy)
 * @param resources the statement resources, as passed to the policy
 * @param reason why nothing narrower is possible
 */
export function acknowledgeWildcardResources(policy: IConstruct, resources: string[], reason: string): void {
  const stack = Stack.of(policy);
  for (const resource of resources) {
    const flat = flattenCfnReference(stack.resolve(resource));
    if (flat.includes('*')) Acknowledgments.acknowledge(policy, `AwsSolutions-IAM5[Resource::${flat}]`, reason);
  }
}
