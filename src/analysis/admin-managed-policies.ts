/**
 * AWS managed policies that make the identity they are attached to an administrator, or let it make itself
 * one: attaching one by ARN is the same as writing `"Action": "*"`, however least-privileged the rest of the
 * identity's policies are.
 */
import { isIntrinsic, renderValue } from './intrinsics';

/**
 * Administrator-equivalent AWS managed policies, with why (names as AWS spells them; compared without regard to
 * case). Each grants every action, or an action set that lets the holder grant itself every action
 * (the privilege-escalation paths of {@link PRIVILEGE_ESCALATION_ACTIONS}, one level up).
 *
 * Deliberately not listed:
 * - `AWSCloudFormationFullAccess` (`cloudformation:*`): a stack runs with the caller's own permissions unless it is given
 *   a service role, which needs `iam:PassRole` that the policy does not grant.
 * - other `*FullAccess` policies (`AmazonS3FullAccess`, `AWSLambda_FullAccess`, ...): full access to one service, a
 *   least-privilege problem that AwsSolutions-IAM4 already reports for every AWS managed policy and that
 *   LeastPrivilegeRole / SecureUserGroup / SecurePermissionSet refuse; not administrator access to the account.
 *
 * Policy documents: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html
 */
export const ADMIN_EQUIVALENT_MANAGED_POLICIES: Readonly<Record<string, string>> = {
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
  'AdministratorAccess': 'grants every action on every resource ("Action": "*")',
  // AWS: "should be considered as powerful as the AdministratorAccess policy" (IAM identities with any permissions,
  // iam:PassRole on every role): https://docs.aws.amazon.com/amplify/latest/userguide/security-iam-awsmanpol.html
  'AdministratorAccess-Amplify': 'creates IAM identities with any permission and passes any role (AWS: as powerful as AdministratorAccess)',
  // "full administrative permissions to create, modify, and delete ... environments, and their underlying resources":
  // https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/AWSHowTo.iam.managed-policies.html
  'AdministratorAccess-AWSElasticBeanstalk': 'administers Elastic Beanstalk and every resource under it (EC2, Auto Scaling, CloudFormation, S3), passing roles to them',
  // Every action except iam:*, organizations:* and account:*: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/PowerUserAccess.html
  // That leaves sts:AssumeRole on every role that trusts the account, kms:PutKeyPolicy, s3:PutBucketPolicy, ssm:SendCommand and
  // lambda:UpdateFunctionCode on workloads running under more privileged roles: administrator-equivalent by SENSITIVE_SERVICES.
  'PowerUserAccess': 'grants every action but IAM and Organizations, including sts:AssumeRole, kms:*, s3:*, ssm:* and secretsmanager:* on every resource',
  // iam:* on "*": https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html
  'IAMFullAccess': 'grants every IAM action ("iam:*"): creates or changes any identity to hold AdministratorAccess',
  // organizations:* : https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSOrganizationsFullAccess.html
  'AWSOrganizationsFullAccess': 'grants every Organizations action: detaches SCPs, moves or removes accounts, reaches members through OrganizationAccountAccessRole',
  // sso:* and identitystore:* : https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSSOMasterAccountAdministrator.html
  'AWSSSOMasterAccountAdministrator': 'grants every IAM Identity Center action: assigns an AdministratorAccess permission set to anyone in any account',
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSSOMemberAccountAdministrator.html
  'AWSSSOMemberAccountAdministrator': 'grants every IAM Identity Center action: assigns an AdministratorAccess permission set to anyone in member accounts',
  // identitystore:* : https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSSODirectoryAdministrator.html
  'AWSSSODirectoryAdministrator': 'grants every identity store action: adds any user to the groups that hold administrator permission sets',
};

/** The finding for an AWS managed policy ARN whose name is computed at deploy time (a parameter, an import). */
export const COMPUTED_MANAGED_POLICY = 'computed';

/** An AWS managed policy attached by ARN that is administrator-equivalent (or cannot be known). */
export interface AdminManagedPolicy {
  /** The policy's name as listed in {@link ADMIN_EQUIVALENT_MANAGED_POLICIES}, or {@link COMPUTED_MANAGED_POLICY}. */
  readonly name: string;
  /** Why it amounts to administrator access. */
  readonly reason: string;
}

/** The administrator-equivalent AWS managed policy `policyName` (path allowed, any case), if it is one. */
export function adminEquivalentManagedPolicy(policyName: string): AdminManagedPolicy | undefined {
  const last = policyName.split('/').pop()!.toLowerCase();
  const name = Object.keys(ADMIN_EQUIVALENT_MANAGED_POLICIES).find((n) => n.toLowerCase() === last);
  return name === undefined ? undefined : { name, reason: ADMIN_EQUIVALENT_MANAGED_POLICIES[name] };
}

/**
 * The administrator-equivalent AWS managed policies among rendered managed-policy ARNs (`ManagedPolicyArns`,
 * `ManagedPolicies`): plain strings, `Fn::Join` / `Fn::Sub` with `${AWS::Partition}` or any literal partition,
 * and every branch of `Fn::If` / `Fn::Select` (a condition must not hide AdministratorAccess). An AWS managed policy
 * (`arn:<partition>:iam::aws:policy/...`) whose name is computed is reported as {@link COMPUTED_MANAGED_POLICY}.
 * ARNs of customer managed policies (`{ Ref: Policy }`, `arn:aws:iam::111122223333:policy/x`) are not reported.
 *
 * @param template the template's `Parameters` and `Mappings`: a `Ref` to a parameter is judged by its `Default` and
 * `AllowedValues`, an `Fn::FindInMap` by every value of its mapping.
 */
export function adminEquivalentManagedPolicies(arns: unknown, template: TemplateSections = {}): AdminManagedPolicy[] {
  const found = new Map<string, AdminManagedPolicy>();
  for (const rendered of renderedCandidates(arns, template)) {
    // Mask placeholders (`${AWS::Partition}` holds colons) before reading the ARN's fields.
    const match = /^arn:[^:]*:iam::aws:policy\/(.+)$/i.exec(rendered.replace(/\$\{[^}]*\}/g, (p) => (p === '${?}' ? '\u0000' : '#')));
    if (!match) continue;
    if (match[1].includes('\u0000')) {
      found.set(COMPUTED_MANAGED_POLICY, { name: COMPUTED_MANAGED_POLICY, reason: 'is an AWS managed policy whose name is computed at deploy time and cannot be verified' });
      continue;
    }
    const policy = adminEquivalentManagedPolicy(match[1]);
    if (policy) found.set(policy.name, policy);
  }
  return [...found.values()];
}

/** The sections of a template that decide what a `Ref` to a parameter or an `Fn::FindInMap` deploys as. */
export interface TemplateSections {
  readonly Parameters?: Record<string, any>;
  readonly Mappings?: Record<string, any>;
}

/** Every string a managed-policy value can deploy as: literals, rendered Join/Sub, each branch of other intrinsics. */
function renderedCandidates(value: unknown, template: TemplateSections): string[] {
  const recurse = (v: unknown) => renderedCandidates(v, template);
  if (Array.isArray(value)) return value.flatMap(recurse);
  if (!isIntrinsic(value)) {
    const rendered = renderValue(value);
    return rendered === undefined ? [] : [rendered];
  }
  const [key, arg] = Object.entries(value)[0];
  if (key === 'Ref') {
    const parameter = typeof arg === 'string' ? template.Parameters?.[arg] : undefined;
    return parameter === undefined ? [renderValue(value)!] : [parameter.Default, parameter.AllowedValues].flatMap(recurse);
  }
  if (key === 'Fn::FindInMap' && Array.isArray(arg) && typeof arg[0] === 'string') return leaves(template.Mappings?.[arg[0]]).flatMap(recurse);
  if (key === 'Fn::Join' || key === 'Fn::Sub') return [renderValue(value)!];
  // Fn::If, Fn::Select, ...: any literal inside may be what deploys.
  return leaves(arg).flatMap(recurse);
}

/** The values nested in lists and (non-intrinsic) objects, intrinsics kept whole. */
function leaves(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value !== null && typeof value === 'object' && !isIntrinsic(value)) return Object.values(value).flatMap(leaves);
  return [value];
}
