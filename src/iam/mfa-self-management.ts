import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * AWS's documented policy "AWS: Allows MFA-authenticated IAM users to manage their own credentials on
 * the Security credentials page", current version:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html
 * (the MFA-only variant, whose `AllowManageOwnVirtualMFADevice` statement allows `CreateVirtualMFADevice` on
 * `mfa/*` because users may name their devices freely and can only enable them on their own user:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage-mfa-only.html).
 *
 * Deviations from the example, each narrower or documented there:
 * - ARNs name this account (`${AWS::AccountId}`) and partition instead of `arn:aws:iam::*`.
 * - No statements for the user's own access keys, signing certificates, SSH keys or Git credentials:
 *   people in this group use roles or IAM Identity Center, not long-term credentials.
 * - `iam:ChangePassword` and `iam:GetAccountPasswordPolicy` are also exempt from the MFA deny, the
 *   variant the page documents ("You can allow this by adding iam:ChangePassword and
 *   iam:GetAccountPasswordPolicy to the statement DenyAllExceptListedIfNoMFA"): users added to the group
 *   must reset their password at first sign-in, before they can have set up MFA. ChangePassword only
 *   ever acts on the caller's own user, and the allow names `user/${aws:username}`.
 */
export function mfaSelfManagementStatements(): iam.PolicyStatement[] {
  const ownUser = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:user/\${aws:username}`;
  return [
    new iam.PolicyStatement({
      sid: 'AllowViewAccountInfo',
      actions: ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'AllowManageOwnPasswords',
      actions: ['iam:ChangePassword', 'iam:GetUser'],
      resources: [ownUser],
    }),
    new iam.PolicyStatement({
      sid: 'AllowManageOwnVirtualMFADevice',
      actions: ['iam:CreateVirtualMFADevice'],
      resources: [`arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:mfa/*`],
    }),
    new iam.PolicyStatement({
      sid: 'AllowManageOwnUserMFA',
      actions: ['iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:GetMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'],
      resources: [ownUser],
    }),
    new iam.PolicyStatement({
      sid: 'DenyAllExceptListedIfNoMFA',
      effect: iam.Effect.DENY,
      notActions: [
        'iam:ChangePassword',
        'iam:CreateVirtualMFADevice',
        'iam:EnableMFADevice',
        'iam:GetAccountPasswordPolicy',
        'iam:GetMFADevice',
        'iam:GetUser',
        'iam:ListMFADevices',
        'iam:ListVirtualMFADevices',
        'iam:ResyncMFADevice',
        'sts:GetSessionToken',
      ],
      resources: ['*'],
      conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    }),
  ];
}
