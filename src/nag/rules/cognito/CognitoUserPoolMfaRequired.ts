import { defineRule, problemIf } from '../../template/fortress-rule';

/** User pools require MFA (`MfaConfiguration: ON`). AwsSolutions-COG2 only warns; HIPAA, NIST and PCI do not check it. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::Cognito::UserPool'],
  info: 'The Cognito user pool does not require MFA.',
  explanation: 'Without a second factor, a phished, guessed or reused password is enough to take over an account (PCI DSS 8.4, NIST IA-2(1)).',
  fix: 'Use SecureUserPool (MFA required, TOTP), or set mfa: Mfa.REQUIRED; acknowledge with the reason where sign-in is federated to an identity provider that enforces MFA.',
  evaluate: (pool) => problemIf(pool.properties.MfaConfiguration !== 'ON', `MfaConfiguration is ${JSON.stringify(pool.properties.MfaConfiguration ?? 'absent (OFF)')}.`),
});
