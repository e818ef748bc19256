import type { GuardrailContext } from './guardrail';

/**
 * Actions the region allow-list never denies: AWS's example SCP "Deny access to AWS based on the requested AWS Region"
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html, also
 * https://github.com/aws-samples/service-control-policy-examples/blob/main/Region-controls/Deny-access-to-AWS-based-on-the-requested-AWS-region.json),
 * plus `access-analyzer:*` and `account:*` from AWS Control Tower's Region deny control
 * (https://docs.aws.amazon.com/controltower/latest/controlreference/primary-region-deny-policy.html): both are global or
 * called in us-east-1 by the account settings AccountHardening makes.
 */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  'a4b:*', 'access-analyzer:*', 'account:*', 'acm:*', 'aws-marketplace-management:*', 'aws-marketplace:*', 'aws-portal:*', 'budgets:*', 'ce:*',
  'chime:*', 'cloudfront:*', 'config:*', 'cur:*', 'directconnect:*', 'ec2:DescribeRegions', 'ec2:DescribeTransitGateways',
  'ec2:DescribeVpnGateways', 'fms:*', 'globalaccelerator:*', 'health:*', 'iam:*', 'importexport:*', 'kms:*', 'mobileanalytics:*',
  'networkmanager:*', 'organizations:*', 'pricing:*', 'route53:*', 'route53domains:*', 'route53-recovery-cluster:*',
  'route53-recovery-control-config:*', 'route53-recovery-readiness:*', 's3:GetAccountPublic*', 's3:ListAllMyBuckets',
  's3:ListMultiRegionAccessPoints', 's3:PutAccountPublic*', 'shield:*', 'sts:*', 'support:*', 'trustedadvisor:*', 'waf-regional:*',
  'waf:*', 'wafv2:*', 'wellarchitected:*',
];

export interface DenyOptions {
  /** Also exempt the roles StackSets deploy with and the roles of the stacks they deploy. */
  readonly stackSetRoles?: boolean;
  readonly resources?: string[];
}

/** Placeholder replaced by the exemption role ARN pattern when the construct renders statements. */
export const EXEMPTION_ROLE = '${cdk-fortress:exemption-role}';

/**
 * StackSets' execution role in member accounts (service-managed: `stacksets-exec-<hash>`), and the roles of the stacks
 * StackSets create there (stack names start with `StackSet-`, and CloudFormation prefixes generated role names with the
 * stack name). https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html
 */
export const STACKSET_ROLE_ARNS: readonly string[] = ['arn:*:iam::*:role/stacksets-exec-*', 'arn:*:iam::*:role/StackSet-*'];

export function deny(sid: string, actions: string[], options: DenyOptions = {}): any {
  return {
    Sid: sid,
    Effect: 'Deny',
    Action: actions,
    Resource: options.resources ?? '*',
    Condition: { ArnNotLike: { 'aws:PrincipalARN': [EXEMPTION_ROLE, ...(options.stackSetRoles ? STACKSET_ROLE_ARNS : [])] } },
  };
}

export function exempt(_c: GuardrailContext): Record<string, unknown> {
  return { ArnNotLike: { 'aws:PrincipalARN': [EXEMPTION_ROLE] } };
}
