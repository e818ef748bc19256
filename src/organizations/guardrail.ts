import { deny, exempt, GLOBAL_SERVICE_ACTIONS } from './guardrail-statements';

/** An AWS Organizations policy type the guardrail catalogue uses. */
export enum GuardrailPolicyKind {
  /** Service control policy: limits what principals of the member accounts may do. */
  SERVICE_CONTROL_POLICY = 'SERVICE_CONTROL_POLICY',
  /** Resource control policy: limits what anyone may do to the member accounts' resources. */
  RESOURCE_CONTROL_POLICY = 'RESOURCE_CONTROL_POLICY',
  /** Declarative policy for EC2: account attributes the member accounts cannot change. */
  DECLARATIVE_POLICY_EC2 = 'DECLARATIVE_POLICY_EC2',
}

/** What a guardrail's statements are built from (the OrganizationGuardrails props). */
export interface GuardrailContext {
  /** ARN pattern of the exemption (break-glass) role, e.g. `arn:*:iam::*:role/BreakGlass`. */
  readonly exemptionRoleArn: string;
  /** The organization id, e.g. `o-a1b2c3d4e5`; required by the resource control policies. */
  readonly organizationId?: string;
}

/**
 * One building block of {@link OrganizationGuardrails}: a set of policy statements (or, for the EC2
 * declarative policy, attributes) of one policy type, documented with what it denies and why.
 * Catalogue entries are static members; `Guardrail.regionAllowList(...)` and `Guardrail.custom(...)`
 * build parameterized ones.
 */
export class Guardrail {
  /** SCP: member accounts cannot leave the organization (and so escape every guardrail). */
  public static readonly DENY_LEAVE_ORGANIZATION = new Guardrail('DenyLeaveOrganization', GuardrailPolicyKind.SERVICE_CONTROL_POLICY,
    'Member accounts cannot leave the organization.', () => [deny('DenyLeaveOrganization', ['organizations:LeaveOrganization'])]);

  /**
   * SCP: CloudTrail, AWS Config, GuardDuty, Security Hub and IAM Access Analyzer cannot be stopped, deleted or
   * reconfigured by member-account principals (the exemption role and StackSets' execution roles excepted).
   */
  public static readonly PROTECT_SECURITY_SERVICES = new Guardrail('ProtectSecurityServices', GuardrailPolicyKind.SERVICE_CONTROL_POLICY,
    'CloudTrail, Config, GuardDuty, Security Hub and Access Analyzer cannot be turned off or changed.', () => [deny('ProtectSecurityServices', [
      'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:PutInsightSelectors',
      'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder', 'config:DeleteDeliveryChannel', 'config:PutConfigurationRecorder',
      'config:PutDeliveryChannel', 'config:DeleteConfigRule', 'config:DeleteEvaluationResults', 'config:DeleteRetentionConfiguration',
      'guardduty:DeleteDetector', 'guardduty:UpdateDetector', 'guardduty:DisassociateFromMasterAccount', 'guardduty:DisassociateFromAdministratorAccount',
      'guardduty:DeletePublishingDestination', 'guardduty:UpdatePublishingDestination', 'guardduty:CreateFilter', 'guardduty:UpdateFilter',
      'guardduty:CreateIPSet', 'guardduty:UpdateIPSet', 'guardduty:StopMonitoringMembers',
      'securityhub:DisableSecurityHub', 'securityhub:DisassociateFromMasterAccount', 'securityhub:DisassociateFromAdministratorAccount',
      'securityhub:BatchDisableStandards', 'securityhub:UpdateStandardsControl', 'securityhub:DeleteInvitations',
      'access-analyzer:DeleteAnalyzer', 'access-analyzer:CreateArchiveRule', 'access-analyzer:UpdateArchiveRule',
    ], { stackSetRoles: true })]);

  /**
   * SCP: the AccountHardening switches cannot be turned back (password policy, EBS default encryption and key, S3
   * account Block Public Access, IMDS defaults, snapshot and AMI Block Public Access, alternate contacts), and the
   * stacks that OrganizationBaseline's StackSets deploy (`StackSet-*`) cannot be changed by member-account principals:
   * only StackSets' execution roles (`stacksets-exec-*`), the roles of those stacks and the exemption role can (every
   * set of SCPs also protects those roles themselves: see OrganizationGuardrails).
   */
  public static readonly PROTECT_ACCOUNT_HARDENING = new Guardrail('ProtectAccountHardening', GuardrailPolicyKind.SERVICE_CONTROL_POLICY,
    'The AccountHardening settings and the baseline StackSet instances cannot be changed from member accounts.', () => [
      deny('ProtectAccountHardening', [
        'iam:UpdateAccountPasswordPolicy', 'iam:DeleteAccountPasswordPolicy',
        'ec2:DisableEbsEncryptionByDefault', 'ec2:ModifyEbsDefaultKmsKeyId', 'ec2:ResetEbsDefaultKmsKeyId',
        's3:PutAccountPublicAccessBlock', 'ec2:ModifyInstanceMetadataDefaults',
        'ec2:DisableSnapshotBlockPublicAccess', 'ec2:EnableSnapshotBlockPublicAccess', 'ec2:DisableImageBlockPublicAccess',
        'account:PutAlternateContact', 'account:DeleteAlternateContact',
      ], { stackSetRoles: true }),
      deny('ProtectBaselineStacks', [
        'cloudformation:UpdateStack', 'cloudformation:DeleteStack', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet',
        'cloudformation:SetStackPolicy', 'cloudformation:UpdateTerminationProtection', 'cloudformation:ContinueUpdateRollback',
      ], { stackSetRoles: true, resources: ['arn:*:cloudformation:*:*:stack/StackSet-*'] }),
    ]);

  /** SCP: the root user of member accounts can do nothing (use roles; the root user remains for account recovery by AWS). */
  public static readonly DENY_ROOT_USER = new Guardrail('DenyRootUser', GuardrailPolicyKind.SERVICE_CONTROL_POLICY,
    'The root user of member accounts can do nothing.', (c) => [{
      Sid: 'DenyRootUser',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html (root user example)
      Condition: { StringLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' }, ...exempt(c) },
    }]);

  /**
   * SCP: instances must be launched with IMDSv2 required, their metadata options cannot be loosened, and credentials
   * delivered through IMDSv1 are useless (`ec2:RoleDelivery` below 2.0 denied).
   * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html#enforce-imdsv2-at-the-account-level
   */
  public static readonly DENY_IMDSV1 = new Guardrail('DenyImdsV1', GuardrailPolicyKind.SERVICE_CONTROL_POLICY,
    'Instances launch with IMDSv2 required; IMDSv1 credentials are refused.', (c) => [
      { Sid: 'RequireImdsV2', Effect: 'Deny', Action: 'ec2:RunInstances', Resource: 'arn:*:ec2:*:*:instance/*', Condition: { StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' }, ...exempt(c) } },
      { Sid: 'DenyImdsOptionsChange', Effect: 'Deny', Action: 'ec2:ModifyInstanceMetadataOptions', Resource: '*', Condition: { ...exempt(c) } },
      { Sid: 'DenyImdsV1Credentials', Effect: 'Deny', Action: '*', Resource: '*', Condition: { NumericLessThan: { 'ec2:RoleDelivery': '2.0' }, ...exempt(c) } },
    ]);

  /** SCP (opt-in): no IAM users, login profiles or access keys: people use federation, workloads use roles. */
  public static readonly DENY_IAM_USERS = new Guardrail('DenyIamUsers', GuardrailPolicyKind.SERVICE_CONTROL_POLICY,
    'No IAM users, passwords or access keys are created.', () => [deny('DenyIamUsers', ['iam:CreateUser', 'iam:CreateLoginProfile', 'iam:CreateAccessKey'])]);

  /**
   * RCP: S3, SQS, KMS, Secrets Manager and STS resources of the organization are only for principals of the organization
   * and AWS services (AWS's data-perimeter identity-perimeter pattern "EnforceOrgIdentities"). Requires `organizationId`.
   * https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/resource_control_policies/identity_perimeter_rcp.json
   */
  public static readonly ENFORCE_ORG_IDENTITIES = new Guardrail('EnforceOrgIdentities', GuardrailPolicyKind.RESOURCE_CONTROL_POLICY,
    'Only principals of the organization and AWS services may use S3, SQS, KMS, Secrets Manager and STS resources.', (c) => [{
      Sid: 'EnforceOrgIdentities',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'sts:AssumeRole', 'sts:DecodeAuthorizationMessage', 'sts:GetAccessKeyInfo',
        'sts:GetFederationToken', 'sts:GetServiceBearerToken', 'sts:GetSessionToken', 'sts:SetContext'],
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': c.organizationId }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
    }]);

  /**
   * RCP: AWS services may use the organization's resources only on behalf of the organization (confused-deputy
   * protection, the pattern "EnforceConfusedDeputyProtection"). Requires `organizationId`.
   * https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/resource_control_policies/identity_perimeter_rcp.json
   */
  public static readonly ENFORCE_CONFUSED_DEPUTY_PROTECTION = new Guardrail('EnforceConfusedDeputyProtection', GuardrailPolicyKind.RESOURCE_CONTROL_POLICY,
    'AWS services may use S3, SQS, KMS, Secrets Manager and STS resources only on behalf of the organization.', (c) => [{
      Sid: 'EnforceConfusedDeputyProtection',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'sts:*'],
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:SourceOrgID': c.organizationId }, Null: { 'aws:SourceAccount': 'false' }, Bool: { 'aws:PrincipalIsAWSService': 'true' } },
    }]);

  /**
   * RCP: S3, SQS, KMS, Secrets Manager and STS resources refuse requests without TLS, whatever their own policies say.
   * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_examples.html
   */
  public static readonly ENFORCE_SECURE_TRANSPORT = new Guardrail('EnforceSecureTransport', GuardrailPolicyKind.RESOURCE_CONTROL_POLICY,
    'Requests to S3, SQS, KMS, Secrets Manager and STS resources must use TLS.', () => [{
      Sid: 'EnforceSecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'sts:*'],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
    }]);

  /**
   * Declarative policy for EC2: IMDSv2 required by default (hop limit 2), snapshots and AMIs blocked from public
   * sharing, EC2 serial console off. Member accounts cannot change these attributes, and the APIs that would are refused.
   * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_declarative_syntax.html
   */
  public static readonly EC2_DECLARATIVE_BASELINE = new Guardrail('Ec2DeclarativeBaseline', GuardrailPolicyKind.DECLARATIVE_POLICY_EC2,
    'IMDSv2 required, snapshot and AMI public sharing blocked, serial console off.', () => [{
      instance_metadata_defaults: {
        http_tokens: { '@@assign': 'required' },
        http_put_response_hop_limit: { '@@assign': '2' },
        http_endpoint: { '@@assign': 'no_preference' },
        instance_metadata_tags: { '@@assign': 'no_preference' },
      },
      snapshot_block_public_access: { state: { '@@assign': 'block_all_sharing' } },
      image_block_public_access: { state: { '@@assign': 'block_new_sharing' } },
      serial_console_access: { status: { '@@assign': 'disabled' } },
    }]);

  /**
   * SCP: every action outside `allowedRegions` is denied, except the global services AWS's own example exempts
   * (they are served from us-east-1 or another single region). Check the list against the global services you use.
   * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html
   *
   * @param allowedRegions region names, e.g. `['eu-west-1', 'eu-central-1']`
   */
  public static regionAllowList(allowedRegions: string[]): Guardrail {
    return new Guardrail('RegionAllowList', GuardrailPolicyKind.SERVICE_CONTROL_POLICY,
      `Nothing outside ${(allowedRegions ?? []).join(', ')} except global services.`, (c) => [{
        Sid: 'DenyOutsideAllowedRegions',
        Effect: 'Deny',
        NotAction: [...GLOBAL_SERVICE_ACTIONS],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [...allowedRegions] }, ...exempt(c) },
      }], allowedRegions);
  }

  /**
   * A guardrail of your own: `statementsJson` is a JSON array of statements (SCP, RCP) or a JSON object of
   * `ec2_attributes` (declarative). Statements are checked like the catalogue's: size, syntax, and that no Deny
   * could apply to the exemption role (give each Deny a condition that excludes it).
   *
   * @param name a name made of letters and digits, unique among the guardrails of one OrganizationGuardrails
   */
  public static custom(name: string, kind: GuardrailPolicyKind, statementsJson: string): Guardrail {
    return new Guardrail(name, kind, 'Custom guardrail.', () => {
      const parsed = JSON.parse(statementsJson);
      return Array.isArray(parsed) ? parsed : [parsed];
    }, undefined, statementsJson);
  }

  /** The guardrail's name (letters and digits). */
  public readonly name: string;
  /** The policy type it belongs to. */
  public readonly kind: GuardrailPolicyKind;
  /** What it does, in one sentence. */
  public readonly description: string;
  /** @internal */
  public readonly _regions?: string[];
  /** @internal */
  public readonly _source?: string;
  private readonly build: (context: GuardrailContext) => any[];

  private constructor(
    name: string, kind: GuardrailPolicyKind, description: string, build: (context: GuardrailContext) => any[], regions?: string[], source?: string,
  ) {
    this.name = name;
    this.kind = kind;
    this.description = description;
    this.build = build;
    this._regions = regions;
    this._source = source;
  }

  /**
   * The statements (SCP, RCP) or the `ec2_attributes` fragment (declarative policy) this guardrail contributes,
   * for `context`.
   */
  public render(context: GuardrailContext): any[] {
    return this.build(context);
  }
}

