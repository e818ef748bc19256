import { defineRule } from '../../template/fortress-rule';

/**
 * User pools are on the PLUS plan with threat protection enforced (`UserPoolAddOns.AdvancedSecurityMode: ENFORCED`).
 * AwsSolutions-COG8 checks the plan only: a PLUS pool in AUDIT or OFF mode passes it yet blocks nothing.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-threat-protection.html
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::Cognito::UserPool'],
  info: 'The Cognito user pool does not enforce threat protection.',
  explanation: 'Enforced threat protection blocks sign-ins with compromised credentials and challenges risky ones; audit mode only counts them.',
  fix: 'Use SecureUserPool (PLUS, enforced), or set featurePlan PLUS and standardThreatProtectionMode FULL_FUNCTION.',
  evaluate: (pool) => {
    const problems = [];
    if (pool.properties.UserPoolTier !== 'PLUS') problems.push({ detail: `UserPoolTier is ${JSON.stringify(pool.properties.UserPoolTier ?? 'absent')}, not PLUS.` });
    const mode = pool.properties.UserPoolAddOns?.AdvancedSecurityMode;
    if (mode !== 'ENFORCED') problems.push({ detail: `UserPoolAddOns.AdvancedSecurityMode is ${JSON.stringify(mode ?? 'absent')}, not ENFORCED.` });
    return problems;
  },
});
