/**
 * Parameters of the Inspector and Macie API calls ThreatDetectionServices' custom resources make
 * (CloudFormation has no resource for them). Their shapes are checked against the
 * `@aws-sdk/client-inspector2` and `@aws-sdk/client-macie2` input types in the tests, so a
 * misspelled parameter fails the build rather than the deployment.
 */

/** The resource types Inspector scans (the SDK's `ResourceScanType`, without CODE_REPOSITORY, which needs a connector). */
export const INSPECTOR_SCAN_TYPES = ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'] as const;

/** Inspector2 `Enable` / `Disable` parameters: the scan types, for this account. */
export interface InspectorScanTypesParameters {
  readonly resourceTypes: Array<typeof INSPECTOR_SCAN_TYPES[number]>;
}

/** Inspector2 `EnableDelegatedAdminAccount` / `DisableDelegatedAdminAccount` parameters. */
export interface InspectorDelegatedAdminParameters {
  readonly delegatedAdminAccountId: string;
}

/** Inspector2 `UpdateOrganizationConfiguration` parameters. */
export interface InspectorOrganizationConfigurationParameters {
  readonly autoEnable: { readonly ec2: boolean; readonly ecr: boolean; readonly lambda: boolean; readonly lambdaCode: boolean };
}

/** Macie2 `EnableOrganizationAdminAccount` / `DisableOrganizationAdminAccount` parameters. */
export interface MacieOrganizationAdminParameters {
  readonly adminAccountId: string;
}

/** Macie2 `UpdateOrganizationConfiguration` parameters. */
export interface MacieOrganizationConfigurationParameters {
  readonly autoEnable: boolean;
}

/** Macie2 `UpdateAutomatedDiscoveryConfiguration` parameters. */
export interface MacieAutomatedDiscoveryParameters {
  readonly status: 'ENABLED' | 'DISABLED';
  readonly autoEnableOrganizationMembers?: 'ALL' | 'NEW' | 'NONE';
}

export function inspectorScanTypes(): InspectorScanTypesParameters {
  return { resourceTypes: [...INSPECTOR_SCAN_TYPES] };
}

export function inspectorDelegatedAdmin(accountId: string): InspectorDelegatedAdminParameters {
  return { delegatedAdminAccountId: accountId };
}

/** Auto-enable every scan type for new member accounts (`on`), or stop doing so (on delete). */
export function inspectorOrganizationConfiguration(on: boolean): InspectorOrganizationConfigurationParameters {
  return { autoEnable: { ec2: on, ecr: on, lambda: on, lambdaCode: on } };
}

export function macieOrganizationAdmin(accountId: string): MacieOrganizationAdminParameters {
  return { adminAccountId: accountId };
}

export function macieOrganizationConfiguration(on: boolean): MacieOrganizationConfigurationParameters {
  return { autoEnable: on };
}

/**
 * Automated sensitive data discovery on (for new member accounts too, when `members` is given) or off.
 * `autoEnableOrganizationMembers` is only accepted from a Macie administrator account.
 */
export function macieAutomatedDiscovery(on: boolean, members?: 'ALL' | 'NEW' | 'NONE'): MacieAutomatedDiscoveryParameters {
  return members === undefined ? { status: on ? 'ENABLED' : 'DISABLED' } : { status: on ? 'ENABLED' : 'DISABLED', autoEnableOrganizationMembers: members };
}
