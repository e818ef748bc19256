import { defineRule, problemIf } from '../../template/fortress-rule';

/** The four S3 Block Public Access settings of a bucket. */
const SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/** S3 buckets block public access with all four settings on. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The S3 bucket does not block public access with all four Block Public Access settings.',
  explanation: 'Block Public Access is the account-independent backstop against a public policy or ACL added later, by anyone, through any tool.',
  fix: 'Use EncryptedBucket (all four on) and remove overrides of PublicAccessBlockConfiguration; serve public content through CloudFront with origin access control instead.',
  evaluate: (bucket) => {
    const config = bucket.properties.PublicAccessBlockConfiguration ?? {};
    const off = SETTINGS.filter((s) => config[s] !== true);
    return problemIf(off.length > 0, `${off.join(', ')} ${off.length === 1 ? 'is' : 'are'} not true.`);
  },
});
