import { defineRule, problemIf } from '../../template/fortress-rule';
import { asList } from '../../template/stack-template';

/** S3 buckets disable ACLs: object ownership is `BucketOwnerEnforced`, so access is decided by policies alone. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The S3 bucket does not disable ACLs (ObjectOwnership is not BucketOwnerEnforced).',
  explanation: 'With ACLs enabled, objects uploaded by other accounts can stay owned by them and grants can bypass bucket policies.',
  fix: 'Use EncryptedBucket, or set objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED.',
  evaluate: (r) => problemIf(
    !asList(r.properties.OwnershipControls?.Rules).some((rule: any) => rule?.ObjectOwnership === 'BucketOwnerEnforced')
      || r.properties.AccessControl !== undefined,
    'OwnershipControls do not enforce bucket ownership, or a canned ACL (AccessControl) is set.'),
});
