import { defineRule, problemIf } from '../../template/fortress-rule';

/** S3 buckets keep versioning enabled, so an overwrite or delete can be undone. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The S3 bucket does not have versioning enabled.',
  explanation: 'Without versioning an overwrite, a delete or ransomware encryption of an object cannot be undone; suspending it through an escape hatch is as bad as never enabling it.',
  fix: 'Use EncryptedBucket (versioned by default) and remove overrides of VersioningConfiguration; for disposable data set versioned: false and acknowledge RuleGroup.S3_VERSIONING on the bucket.',
  evaluate: (bucket) => problemIf(bucket.properties.VersioningConfiguration?.Status !== 'Enabled',
    `VersioningConfiguration.Status is ${JSON.stringify(bucket.properties.VersioningConfiguration?.Status ?? 'absent')}.`),
});
