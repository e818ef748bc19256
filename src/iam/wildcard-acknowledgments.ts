import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { IConstruct } from 'constructs';
import { grantFamilyWildcards } from './grant-actions';
import { Acknowledgments } from '../core/acknowledgments';

/** One customer-managed permissions policy of a role or group, with the IAM5 findings already acknowledged on it. */
export interface PermissionPolicyEntry {
  readonly policy: iam.ManagedPolicy;
  readonly acknowledged: Set<string>;
}

/**
 * Acknowledges, on `entry.policy`, the AwsSolutions-IAM5 findings `statement` raises that are least privilege
 * already: aws-cdk-lib grant action families, object-level resources under a named resource (`<arn>/*`), and `*`
 * for actions declared without resource-level permissions (`noResourceLevel`: lower-case action to reason).
 *
 * A wildcard action is acknowledged only when the statement's whole action list is exactly one that an
 * aws-cdk-lib data grant produces (see `grantFamilyWildcards`), and never when it covers an administration or
 * escalation action: a statement written by hand with other wildcards keeps its finding, for a reviewer to see.
 */
export function acknowledgeLeastPrivilegeWildcards(
  scope: IConstruct, entry: PermissionPolicyEntry, statement: iam.PolicyStatement, noResourceLevel: ReadonlyMap<string, string>,
): void {
  const json = Stack.of(scope).resolve(statement.toStatementJson());
  if (json.Effect === 'Deny') return;
  const acknowledge = (finding: string, reason: string) => {
    const id = `AwsSolutions-IAM5[${finding}]`;
    if (entry.acknowledged.has(id)) return;
    entry.acknowledged.add(id);
    Acknowledgments.acknowledge(entry.policy, id, reason);
  };
  const actions: string[] = [json.Action ?? []].flat();
  for (const action of grantFamilyWildcards(scope, actions)) {
    acknowledge(`Action::${action}`, `${action} is an aws-cdk-lib grant action family (one resource type's related actions), scoped to the resources named in the statement.`);
  }
  for (const resource of [json.Resource ?? []].flat().map(flattenCfnReference)) {
    if (resource === '*') {
      // One entry per reason (several actions usually share one), so the reason is not repeated per action.
      const byReason = new Map<string, string[]>();
      actions.forEach((a) => {
        const reason = noResourceLevel.get(a.toLowerCase()) ?? '';
        byReason.set(reason, [...(byReason.get(reason) ?? []), a]);
      });
      const reasons = [...byReason].map(([reason, acts]) => `${acts.join(', ')}: ${reason}`).join(' ');
      acknowledge('Resource::*', `Declared in noResourceLevelActions: ${reasons}`);
    } else if (/^<[^>]+\.Arn>\/(index\/)?\*$/.test(resource) || /^arn:[a-z-]+:s3:::[^/*]+\/\*$/.test(resource)) {
      acknowledge(`Resource::${resource}`, 'Object-level actions are scoped to one named resource\'s objects or indexes (<ARN>/*), the narrowest ARN the service accepts.');
    }
  }
}
