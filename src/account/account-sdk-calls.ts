/**
 * Parameters of the API calls AccountHardening's custom resources make, where CloudFormation has no
 * resource for the setting. Their shapes are checked against the official `@aws-sdk/client-*` input
 * types in test/account/sdk-calls.test.ts, so a misspelled parameter fails the build, not the deployment.
 */

/** IAM `UpdateAccountPasswordPolicy`. https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html */
export interface PasswordPolicyParameters {
  readonly MinimumPasswordLength: number;
  readonly RequireSymbols: boolean;
  readonly RequireNumbers: boolean;
  readonly RequireUppercaseCharacters: boolean;
  readonly RequireLowercaseCharacters: boolean;
  readonly AllowUsersToChangePassword: boolean;
  readonly PasswordReusePrevention: number;
  readonly MaxPasswordAge?: number;
  readonly HardExpiry: boolean;
}

export function passwordPolicy(minimumLength: number, reusePrevention: number, maxAgeDays: number | undefined): PasswordPolicyParameters {
  return {
    MinimumPasswordLength: minimumLength,
    RequireSymbols: true,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    AllowUsersToChangePassword: true,
    PasswordReusePrevention: reusePrevention,
    ...(maxAgeDays === undefined ? {} : { MaxPasswordAge: maxAgeDays }),
    // An expired password can still be changed by its user at sign-in; hard expiry would need an administrator.
    HardExpiry: false,
  };
}

/** EC2 `EnableEbsEncryptionByDefault` (no parameters besides DryRun). */
export interface EbsEncryptionByDefaultParameters {
  readonly DryRun?: boolean;
}

export function enableEbsEncryptionByDefault(): EbsEncryptionByDefaultParameters {
  return {};
}

/** EC2 `ModifyEbsDefaultKmsKeyId`. */
export interface EbsDefaultKmsKeyParameters {
  readonly KmsKeyId: string;
}

export function ebsDefaultKmsKey(keyArn: string): EbsDefaultKmsKeyParameters {
  return { KmsKeyId: keyArn };
}

/** EC2 `ModifyInstanceMetadataDefaults`. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstanceMetadataDefaults.html */
export interface InstanceMetadataDefaultsParameters {
  readonly HttpTokens: 'required';
  readonly HttpPutResponseHopLimit: number;
}

export function instanceMetadataDefaults(hopLimit: number): InstanceMetadataDefaultsParameters {
  return { HttpTokens: 'required', HttpPutResponseHopLimit: hopLimit };
}

/** EC2 `EnableImageBlockPublicAccess`: `block-new-sharing` is the only state the API accepts. */
export interface ImageBlockPublicAccessParameters {
  readonly ImageBlockPublicAccessState: 'block-new-sharing';
}

export function imageBlockPublicAccess(): ImageBlockPublicAccessParameters {
  return { ImageBlockPublicAccessState: 'block-new-sharing' };
}

/** S3 Control `PutPublicAccessBlock` (account level). */
export interface AccountPublicAccessBlockParameters {
  readonly AccountId: string;
  readonly PublicAccessBlockConfiguration: {
    readonly BlockPublicAcls: boolean;
    readonly IgnorePublicAcls: boolean;
    readonly BlockPublicPolicy: boolean;
    readonly RestrictPublicBuckets: boolean;
  };
}

export function accountPublicAccessBlock(accountId: string): AccountPublicAccessBlockParameters {
  return {
    AccountId: accountId,
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
  };
}

/** Account `PutAlternateContact` for the SECURITY contact of the calling account (no AccountId: the caller's own). */
export interface AlternateContactParameters {
  readonly AlternateContactType: 'SECURITY';
  readonly Name: string;
  readonly EmailAddress: string;
  readonly PhoneNumber: string;
  readonly Title: string;
}

export function securityAlternateContact(
  contact: { name: string; emailAddress: string; phoneNumber: string; title: string },
): AlternateContactParameters {
  return { AlternateContactType: 'SECURITY', Name: contact.name, EmailAddress: contact.emailAddress, PhoneNumber: contact.phoneNumber, Title: contact.title };
}
