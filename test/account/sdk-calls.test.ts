import type { PutAlternateContactCommandInput } from '@aws-sdk/client-account';
import type {
  EnableEbsEncryptionByDefaultCommandInput, EnableImageBlockPublicAccessCommandInput,
  ModifyEbsDefaultKmsKeyIdCommandInput, ModifyInstanceMetadataDefaultsCommandInput,
} from '@aws-sdk/client-ec2';
import type { UpdateAccountPasswordPolicyCommandInput } from '@aws-sdk/client-iam';
import type { EnablePolicyTypeCommandInput } from '@aws-sdk/client-organizations';
import type { CopyObjectCommandInput } from '@aws-sdk/client-s3';
import type { PutPublicAccessBlockCommandInput } from '@aws-sdk/client-s3-control';
import {
  accountPublicAccessBlock, ebsDefaultKmsKey, enableEbsEncryptionByDefault, imageBlockPublicAccess, instanceMetadataDefaults, passwordPolicy,
  securityAlternateContact,
} from '../../src/account/account-sdk-calls';
import { copyAsset, enablePolicyType } from '../../src/organizations/organizations-sdk-calls';

/**
 * `U` if it is assignable to the SDK input `T` and has no key `T` lacks (a misspelled parameter),
 * `never` otherwise: assigning a value to `Exact<T, U>` fails type-checking.
 */
type Exact<T, U extends T> = Exclude<keyof U, keyof T> extends never ? U : never;
type Config = NonNullable<PutPublicAccessBlockCommandInput['PublicAccessBlockConfiguration']>;

describe('AccountHardening and OrganizationGuardrails SDK calls are the SDK\'s input shapes', () => {
  test('IAM UpdateAccountPasswordPolicy: CIS values, expiry only when chosen', () => {
    const cis: Exact<UpdateAccountPasswordPolicyCommandInput, ReturnType<typeof passwordPolicy>> = passwordPolicy(14, 24, undefined);
    expect(cis).toEqual({
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      PasswordReusePrevention: 24,
      HardExpiry: false,
    });
    expect(passwordPolicy(16, 24, 90).MaxPasswordAge).toBe(90);
  });

  test('EC2 EnableEbsEncryptionByDefault, ModifyEbsDefaultKmsKeyId, ModifyInstanceMetadataDefaults, EnableImageBlockPublicAccess', () => {
    const enable: Exact<EnableEbsEncryptionByDefaultCommandInput, ReturnType<typeof enableEbsEncryptionByDefault>> = enableEbsEncryptionByDefault();
    const key: Exact<ModifyEbsDefaultKmsKeyIdCommandInput, ReturnType<typeof ebsDefaultKmsKey>> = ebsDefaultKmsKey('arn:aws:kms:eu-west-1:111122223333:key/k');
    const imds: Exact<ModifyInstanceMetadataDefaultsCommandInput, ReturnType<typeof instanceMetadataDefaults>> = instanceMetadataDefaults(2);
    const ami: Exact<EnableImageBlockPublicAccessCommandInput, ReturnType<typeof imageBlockPublicAccess>> = imageBlockPublicAccess();
    expect(enable).toEqual({});
    expect(key).toEqual({ KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k' });
    expect(imds).toEqual({ HttpTokens: 'required', HttpPutResponseHopLimit: 2 });
    expect(ami).toEqual({ ImageBlockPublicAccessState: 'block-new-sharing' });
  });

  test('S3 Control PutPublicAccessBlock: all four switches on', () => {
    const input: Exact<PutPublicAccessBlockCommandInput, ReturnType<typeof accountPublicAccessBlock>> = accountPublicAccessBlock('111122223333');
    const config: Exact<Config, typeof input.PublicAccessBlockConfiguration> = input.PublicAccessBlockConfiguration;
    expect(config).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
  });

  test('Account PutAlternateContact for SECURITY', () => {
    const input: Exact<PutAlternateContactCommandInput, ReturnType<typeof securityAlternateContact>> = securityAlternateContact({
      name: 'Security', emailAddress: 'security@example.com', phoneNumber: '+1 555 0100', title: 'Security team',
    });
    expect(input.AlternateContactType).toBe('SECURITY');
  });

  test('Organizations EnablePolicyType', () => {
    const input: Exact<EnablePolicyTypeCommandInput, ReturnType<typeof enablePolicyType>> = enablePolicyType('r-ab12', 'RESOURCE_CONTROL_POLICY');
    expect(input).toEqual({ RootId: 'r-ab12', PolicyType: 'RESOURCE_CONTROL_POLICY' });
  });

  test('S3 CopyObject of a baseline asset: both buckets must belong to the account', () => {
    const input: Exact<CopyObjectCommandInput, ReturnType<typeof copyAsset>> = copyAsset('cdk-assets', 'abc.zip', 'org-assets', 'abc.zip', '111122223333');
    expect(input).toEqual({
      Bucket: 'org-assets',
      Key: 'abc.zip',
      CopySource: 'cdk-assets/abc.zip',
      ExpectedBucketOwner: '111122223333',
      ExpectedSourceBucketOwner: '111122223333',
      ServerSideEncryption: 'AES256',
    });
  });
});
