import { defineRule, RuleProblem } from '../../template/fortress-rule';
import { asList, TemplateValue } from '../../template/stack-template';

/**
 * Secrets and every replica of them are encrypted with a customer-managed KMS key. cdk-nag's SecretsManagerUsingKMSKey
 * (HIPAA, NIST 800-53 rev 5, PCI only) accepts `alias/aws/secretsmanager` and any ARN of the AWS managed key, and
 * never looks at `ReplicaRegions`, where a replica without `KmsKeyId` falls back to the AWS managed key.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::SecretsManager::Secret'],
  info: 'The secret, or one of its replicas, is not encrypted with a customer-managed KMS key.',
  explanation: 'The AWS managed key aws/secretsmanager cannot be scoped by key policy or audited per key, and every principal of the '
    + 'account that may read the secret may decrypt with it; a customer-managed key adds a second, separately governed permission.',
  fix: 'Use SecureSecret (the key ring\'s secrets key), and give every replica region an encryptionKey of that region.',
  evaluate: (secret) => {
    const problems: RuleProblem[] = [];
    if (!isCustomerManagedKeyId(secret.properties.KmsKeyId)) {
      problems.push({ detail: secret.properties.KmsKeyId === undefined ? 'KmsKeyId is not set (the AWS managed key aws/secretsmanager).' : 'KmsKeyId is the AWS managed key aws/secretsmanager.' });
    }
    asList(secret.properties.ReplicaRegions).forEach((replica: TemplateValue, i: number) => {
      if (!isCustomerManagedKeyId(replica?.KmsKeyId)) {
        problems.push({ detail: `ReplicaRegions[${i}] (${typeof replica?.Region === 'string' ? replica.Region : 'a region'}) has no customer-managed KmsKeyId.` });
      }
    });
    return problems;
  },
});

/** Set, and not the AWS managed key (`aws/secretsmanager`, `alias/aws/secretsmanager`, or its alias ARN). */
function isCustomerManagedKeyId(keyId: TemplateValue): boolean {
  if (keyId === undefined || keyId === null || keyId === '') return false;
  if (typeof keyId !== 'string') return true;
  return !/(^|:)(alias\/)?aws\/secretsmanager$/.test(keyId);
}
