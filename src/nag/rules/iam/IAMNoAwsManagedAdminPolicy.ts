import { adminEquivalentManagedPolicies, COMPUTED_MANAGED_POLICY } from '../../../analysis';
import { defineRule, RuleProblem } from '../../template/fortress-rule';
import { asList, StackTemplate, TemplateResource } from '../../template/stack-template';

/**
 * No IAM role, user, group or IAM Identity Center permission set has an administrator-equivalent AWS managed
 * policy attached by ARN (`AdministratorAccess`, `PowerUserAccess`, `IAMFullAccess`, ... : the documented list
 * `ADMIN_EQUIVALENT_MANAGED_POLICIES` in src/analysis/admin-managed-policies.ts), in any spelling: a literal ARN of
 * any partition, `Fn::Join` / `Fn::Sub` (parts and variables expanded), a branch of `Fn::If`, `Fn::Select` /
 * `Fn::Split` of literals, a parameter default or a mapping. IAMPolicyNoAdminActionsOnWildcard reads the policies
 * written in the template; this rule covers the policies attached by reference, whose documents the template does not hold.
 *
 * It FAILS CLOSED: an ARN that cannot be proven to name a non-administrator AWS managed policy or a customer managed
 * policy (this account's, another literal account's, or an `AWS::IAM::ManagedPolicy` of the template) is reported as
 * `Fortress-IAMNoAwsManagedAdminPolicy[computed]`: an `Fn::ImportValue`, a parameter without `AllowedValues` (its
 * default binds nobody), a name computed at deploy time. Acknowledge it on the identity once the value is known safe.
 *
 * Membership counts too: a user whose `Groups`, or an `AWS::IAM::UserToGroupAddition` whose `GroupName`, names a group
 * of the same template (by `Ref` or its literal `GroupName`) holding such a policy is reported with the group's findings
 * (the group itself is reported as well): acknowledging the admin group does not silently admit new members. Groups
 * outside the template (an import, a literal name of a group this template does not define) are judged where they are
 * defined.
 *
 * One finding per policy (`Fortress-IAMNoAwsManagedAdminPolicy[AdministratorAccess]`), so an intended
 * administrator (a break-glass role) is acknowledged for exactly the policy it holds.
 * Role/User/Group ManagedPolicyArns: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html
 * PermissionSet ManagedPolicies: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sso-permissionset.html
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::SSO::PermissionSet', 'AWS::IAM::UserToGroupAddition'],
  info: 'An administrator-equivalent AWS managed policy is attached.',
  explanation: 'AdministratorAccess, PowerUserAccess, IAMFullAccess and the like grant every action, or the power to grant oneself every '
    + 'action: attached by ARN, they undo least privilege without a single wildcard appearing in the template.',
  fix: 'Attach a customer-managed policy naming the actions and resources needed (LeastPrivilegeRole, SecureUserGroup and SecurePermissionSet '
    + 'refuse administrator policies); for an emergency administrator use BreakGlassAccess or a SecurePermissionSet with breakGlassReason.',
  evaluate: (r) => {
    if (r.type === 'AWS::IAM::UserToGroupAddition') return viaGroups([r.properties.GroupName], r.template);
    const arns = r.type === 'AWS::SSO::PermissionSet' ? r.properties.ManagedPolicies : r.properties.ManagedPolicyArns;
    const own = adminEquivalentManagedPolicies(arns, r.template.json).map((policy) => ({
      detail: `${policy.name === COMPUTED_MANAGED_POLICY ? 'A managed policy ARN' : policy.name} ${policy.reason}.`,
      finding: policy.name,
    }));
    return r.type === 'AWS::IAM::User' ? [...own, ...viaGroups(asList(r.properties.Groups), r.template)] : own;
  },
});

/** The findings a user inherits from the template's groups named in `groups` (Ref or literal GroupName). */
function viaGroups(groups: unknown[], template: StackTemplate): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const group of template.ofType('AWS::IAM::Group')) {
    if (!groups.some((g) => namesGroup(g, group))) continue;
    for (const policy of adminEquivalentManagedPolicies(group.properties.ManagedPolicyArns, template.json)) {
      const name = policy.name === COMPUTED_MANAGED_POLICY ? 'a managed policy ARN that' : policy.name;
      problems.push({ detail: `Member of group ${group.logicalId}, which holds ${name} (${policy.reason}).`, finding: policy.name });
    }
  }
  return problems;
}

function namesGroup(value: unknown, group: TemplateResource): boolean {
  if (value !== null && typeof value === 'object' && (value as any).Ref === group.logicalId) return true;
  return typeof value === 'string' && typeof group.properties.GroupName === 'string' && value === group.properties.GroupName;
}
