import { analyzeTrustPolicy } from '../../../analysis';
import { defineRule } from '../../template/fortress-rule';

/**
 * Role trust policies admit only who they mean to: another account only with sts:ExternalId, MFA,
 * aws:PrincipalOrgID or a named role/user ARN; web identity (GitHub, GitLab, Bitbucket, Terraform
 * Cloud, EKS, Cognito, ...) only with an audience and a subject condition that does not admit every
 * repository, project or service account; SAML only with SAML:aud. (Trust of `AWS: "*"` has its own,
 * never-acknowledgeable rule.)
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::IAM::Role'],
  info: 'The IAM role trust policy admits principals it does not pin down.',
  explanation: 'Trust of a whole account without a guard, or of an identity provider without audience and subject conditions, lets anyone in that account, or any repository on that CI service, assume the role.',
  fix: 'Add the condition the finding names (sts:ExternalId, aws:PrincipalOrgID, MFA; <provider>:aud and <provider>:sub with the repository or project; SAML:aud), or trust a named role ARN.',
  evaluate: (r) => analyzeTrustPolicy(r.properties.AssumeRolePolicyDocument, {
    ownAccount: r.template.account,
    ownIdentities: r.template.identityLogicalIds,
  }).findings
    .filter((f) => f.severity === 'error' && f.code !== 'TRUST_EVERYONE')
    .map((f) => ({ detail: f.message, finding: f.code })),
});
