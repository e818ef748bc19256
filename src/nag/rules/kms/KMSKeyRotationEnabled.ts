import { defineRule, problemIf } from '../../template/fortress-rule';

/** Symmetric encryption keys rotate their key material (asymmetric and HMAC keys cannot). */
export default defineRule(__filename, {
  resourceTypes: ['AWS::KMS::Key'],
  info: 'The symmetric KMS key does not rotate its key material.',
  explanation: 'Rotation limits how much data one key version protects and is required by CIS, PCI DSS and NIST; it costs nothing for the old versions AWS keeps.',
  fix: 'Use KmsKeyRing (rotation on) and remove overrides of EnableKeyRotation.',
  evaluate: (key) => {
    const spec = key.properties.KeySpec ?? 'SYMMETRIC_DEFAULT';
    const usage = key.properties.KeyUsage ?? 'ENCRYPT_DECRYPT';
    if (spec !== 'SYMMETRIC_DEFAULT' || usage !== 'ENCRYPT_DECRYPT') return [];
    return problemIf(key.properties.EnableKeyRotation !== true, `EnableKeyRotation is ${JSON.stringify(key.properties.EnableKeyRotation ?? 'absent')}.`);
  },
});
