/**
 * AWS managed policies that make the identity they are attached to an administrator, or let it make itself
 * one: attaching one by ARN is the same as writing `"Action": "*"`, however least-privileged the rest of the
 * identity's policies are.
 */
import { CandidateTemplate, candidateElements } from './candidates';
import { UNKNOWN_PLACEHOLDER } from './intrinsics';

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

/**
 * The finding for a managed policy ARN that cannot be proven to name a non-administrator AWS managed policy or a customer
 * managed policy: a parameter the deployer chooses, an import from another stack, a name computed at deploy time.
 */
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
 * `ManagedPolicies`), FAILING CLOSED. Every value an ARN can deploy as is expanded ({@link candidateElements}: literals,
 * `Fn::Join` / `Fn::Sub` parts and variables as a cartesian product, every branch of `Fn::If`, `Fn::Select` and
 * `Fn::Split` of literals, every `Fn::FindInMap` value, a parameter's `AllowedValues`, or its `Default` and anything else).
 * A candidate passes only when it provably names
 * - a non-administrator AWS managed policy: `arn:<partition>:iam::aws:policy/<literal name>`, the partition literal or
 *   `${AWS::Partition}` (how aws-cdk-lib renders `ManagedPolicy.fromAwsManagedPolicyName`), or
 * - a customer managed policy: `arn:<partition>:iam::<12 digits | ${AWS::AccountId}>:policy/...`, or a `Ref` /
 *   `Fn::GetAtt ... PolicyArn` of an `AWS::IAM::ManagedPolicy` of the template.
 * An administrator-equivalent name is reported by name; anything else (an `Fn::ImportValue`, a parameter without
 * `AllowedValues`, a computed name or account) is reported once as {@link COMPUTED_MANAGED_POLICY}.
 *
 * @param template the template (`Parameters`, `Mappings`, `Resources`) the ARNs are rendered in.
 */
export function adminEquivalentManagedPolicies(arns: unknown, template: CandidateTemplate = {}): AdminManagedPolicy[] {
  const found = new Map<string, AdminManagedPolicy>();
  const unproven: string[] = [];
  for (const candidate of candidateElements(arns, template)) {
    const verdict = judgeManagedPolicyArn(candidate, template);
    if (verdict === 'safe') continue;
    if (verdict === 'unproven') unproven.push(candidate);
    else found.set(verdict.name, verdict);
  }
  if (unproven.length > 0) {
    found.set(COMPUTED_MANAGED_POLICY, {
      name: COMPUTED_MANAGED_POLICY,
      reason: `cannot be proven to be a customer managed policy or a non-administrator AWS managed policy (it may deploy as ${unproven.slice(0, 3).map((u) => `"${u}"`).join(', ')}`
        + `${unproven.length > 3 ? ', ...' : ''}; \${?} is a value chosen at deploy time, by a parameter, an import or another resource)`,
    });
  }
  return [...found.values()];
}

const PARTITION = String.raw`(?:aws(?:-[a-z]+)*|\$\{AWS::Partition\})`;
const AWS_MANAGED_ARN = new RegExp(String.raw`^arn:${PARTITION}:iam::aws:policy/(?:[\w+=,.@-]+/)*[\w+=,.@-]+$`);
const CUSTOMER_MANAGED_ARN = new RegExp(String.raw`^arn:${PARTITION}:iam::(?:\d{12}|\$\{AWS::AccountId\}):policy/.+$`);
const TEMPLATE_POLICY = /^\$\{(?:Ref:([^}.]+)|GetAtt:([^}.]+)\.PolicyArn)\}$/;

/** One candidate ARN: safe, an administrator-equivalent AWS managed policy, or not provably either. */
function judgeManagedPolicyArn(candidate: string, template: CandidateTemplate): 'safe' | 'unproven' | AdminManagedPolicy {
  // Mask placeholders (`${AWS::Partition}` holds colons) to spot an AWS managed policy however its partition is written.
  const masked = candidate.replace(/\$\{[^}]*\}/g, (p) => (p === UNKNOWN_PLACEHOLDER ? '\u0000' : '#'));
  const anyAwsManaged = /^arn:[^:]*:iam::aws:policy\/(.+)$/i.exec(masked);
  if (anyAwsManaged && !anyAwsManaged[1].includes('\u0000') && !anyAwsManaged[1].includes('#')) {
    const admin = adminEquivalentManagedPolicy(anyAwsManaged[1]);
    if (admin) return admin;
  }
  if (AWS_MANAGED_ARN.test(candidate) || CUSTOMER_MANAGED_ARN.test(candidate)) return 'safe';
  const reference = TEMPLATE_POLICY.exec(candidate);
  const id = reference?.[1] ?? reference?.[2];
  if (id !== undefined && template.Resources?.[id]?.Type === 'AWS::IAM::ManagedPolicy') return 'safe';
  return 'unproven';
}

