/**
 * Parameters of the GuardDuty API calls GuardDutyOrg's custom resources make. Their shapes are
 * checked against `@aws-sdk/client-guardduty` input types in the tests, so a misspelled parameter
 * fails the build rather than the deployment.
 */

/** GuardDuty's organization feature names (the SDK's `OrgFeature`). */
const ORG_FEATURES = ['S3_DATA_EVENTS', 'EKS_AUDIT_LOGS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'LAMBDA_NETWORK_LOGS', 'RUNTIME_MONITORING'] as const;
/** Their additional configuration names (the SDK's `OrgFeatureAdditionalConfiguration`). */
const ORG_ADDITIONAL_CONFIGURATION = ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'] as const;
type OrgFeature = typeof ORG_FEATURES[number];
type OrgAdditionalConfiguration = typeof ORG_ADDITIONAL_CONFIGURATION[number];
type AutoEnable = 'ALL' | 'NEW' | 'NONE';

/** `EnableOrganizationAdminAccount` / `DisableOrganizationAdminAccount` parameters. */
export interface OrganizationAdminAccountParameters {
  readonly AdminAccountId: string;
}

/** One feature of `UpdateOrganizationConfiguration`. */
export interface OrganizationFeatureParameters {
  readonly Name: OrgFeature;
  readonly AutoEnable: AutoEnable;
  readonly AdditionalConfiguration?: Array<{ readonly Name: OrgAdditionalConfiguration; readonly AutoEnable: AutoEnable }>;
}

/** `UpdateOrganizationConfiguration` parameters. */
export interface UpdateOrganizationConfigurationParameters {
  readonly DetectorId: string;
  readonly AutoEnableOrganizationMembers: AutoEnable;
  readonly Features?: OrganizationFeatureParameters[];
}

export function organizationAdminAccount(adminAccountId: string): OrganizationAdminAccountParameters {
  return { AdminAccountId: adminAccountId };
}

/**
 * Auto-enable GuardDuty and `features` (with their additional configuration) for `members`, or
 * turn auto-enable off (`NONE`, on delete).
 */
export function updateOrganizationConfiguration(
  detectorId: string, members: AutoEnable, features: Array<{ featureName: string; additionalConfiguration: string[] }>,
): UpdateOrganizationConfigurationParameters {
  return {
    DetectorId: detectorId,
    AutoEnableOrganizationMembers: members,
    Features: features.map((f) => ({
      Name: known(ORG_FEATURES, f.featureName),
      AutoEnable: members,
      ...(f.additionalConfiguration.length > 0
        ? {
          AdditionalConfiguration: f.additionalConfiguration.map((name) => ({
            Name: known(ORG_ADDITIONAL_CONFIGURATION, name),
            AutoEnable: members,
          })),
        }
        : {}),
    })),
  };
}

/** `name` as one of `names`; anything else is a programming error in this library. */
function known<T extends string>(names: readonly T[], name: string): T {
  if (!(names as readonly string[]).includes(name)) throw new Error(`cdk-fortress: unknown GuardDuty feature ${name}`);
  return name as T;
}
