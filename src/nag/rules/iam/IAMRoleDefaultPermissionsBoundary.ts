import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { DEFAULT_BOUNDARY_METADATA } from '../../../core/permissions';

/**
 * Where a default permissions boundary is set (LeastPrivilegeRole.setDefaultPermissionsBoundary),
 * every IAM role in that scope carries a permissions boundary.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnRole)) return NagRuleCompliance.NOT_APPLICABLE;
    const defaultSet = node.node.scopes.some((scope) => scope.node.metadata.some((m) => m.type === DEFAULT_BOUNDARY_METADATA));
    if (!defaultSet) return NagRuleCompliance.NOT_APPLICABLE;
    // aws-cdk-lib's PermissionsBoundary aspect sets (and clears) the boundary as a property override: read the rendered value.
    const rendered = Stack.of(node).resolve((node as any)._toCloudFormation());
    const boundary = Object.values<any>(rendered.Resources ?? {})[0]?.Properties?.PermissionsBoundary;
    return boundary ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
