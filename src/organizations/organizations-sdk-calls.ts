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
