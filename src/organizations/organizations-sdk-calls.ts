/**
 * Parameters of the Organizations API calls OrganizationGuardrails' custom resources make (CloudFormation has no resource
 * that enables a policy type on the root). Checked against `@aws-sdk/client-organizations` in test/account/sdk-calls.test.ts.
 */

/** The policy types the catalogue uses (the SDK's `PolicyType` values). */
export type GuardrailPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | 'DECLARATIVE_POLICY_EC2';

/** `EnablePolicyType` / `DisablePolicyType`. https://docs.aws.amazon.com/organizations/latest/APIReference/API_EnablePolicyType.html */
export interface EnablePolicyTypeParameters {
  readonly RootId: string;
  readonly PolicyType: GuardrailPolicyType;
}

export function enablePolicyType(rootId: string, policyType: GuardrailPolicyType): EnablePolicyTypeParameters {
  return { RootId: rootId, PolicyType: policyType };
}

/**
 * S3 `CopyObject` of a baseline asset from the CDK bootstrap bucket into the organization-readable asset bucket of the same
 * region and account. Both `Expected*BucketOwner` make S3 refuse the copy if either bucket belongs to another account
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 */
export interface CopyAssetParameters {
  readonly Bucket: string;
  readonly Key: string;
  readonly CopySource: string;
  readonly ExpectedBucketOwner: string;
  readonly ExpectedSourceBucketOwner: string;
  readonly ServerSideEncryption: 'AES256';
}

export function copyAsset(sourceBucket: string, sourceKey: string, bucket: string, key: string, account: string): CopyAssetParameters {
  return {
    Bucket: bucket,
    Key: key,
    // Object keys are content hashes with an extension: nothing to URL-encode.
    CopySource: `${sourceBucket}/${sourceKey}`,
    ExpectedBucketOwner: account,
    ExpectedSourceBucketOwner: account,
    ServerSideEncryption: 'AES256',
  };
}
