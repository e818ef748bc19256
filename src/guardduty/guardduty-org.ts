import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { GuardDutyProtection } from './guardduty-protection';
import { organizationAdminAccount, updateOrganizationConfiguration } from './guardduty-sdk-calls';
import { dedicatedCustomResource } from '../core/dedicated-custom-resource';
import { acknowledgeExplicitChoice } from '../core/explicit-choices';
import { FortressError } from '../core/fortress-error';
import { claimOnePerAccount } from '../core/one-per-account';
import { PropChecks } from '../core/prop-checks';
import { KeyPurpose } from '../kms/key-purpose';
import { KeyService } from '../kms/key-service';
import { KmsKeyRing } from '../kms/kms-key-ring';
import { SecurityNotificationsTopic } from '../monitoring/security-notifications-topic';
import { undeliveredAlertsQueue } from '../monitoring/undelivered-alerts-queue';
import { EncryptedBucket } from '../s3/encrypted-bucket';
import { assertDeliversWithLogsKey } from '../s3/log-delivery-bucket';

/** Which member accounts the delegated administrator turns GuardDuty on for. */
export enum GuardDutyAutoEnable {
  /** Every member account, existing and new. */
  ALL = 'ALL',
  /** Accounts that join the organization from now on. */
  NEW = 'NEW',
}

/**
 * Properties of a {@link GuardDutyOrg}. Every prop is optional.
 */
export interface GuardDutyOrgProps {
  /**
   * Protection plans to leave off (each one costs money; see GuardDutyProtection).
   *
   * @default - none: every protection plan is on
   */
  readonly disabledProtections?: GuardDutyProtection[];

  /**
   * Adopt the detector this account already has in this region (there can be only one): it is
   * not created or changed, findings are still exported and alerted, and organization settings apply to it.
   *
   * @default - a detector is created
   */
  readonly existingDetectorId?: string;

  /**
   * Where findings are exported.
   *
   * @default - a new EncryptedBucket encrypted with the ring's logs key
   */
  readonly findingsBucket?: s3.IBucket;

  /**
   * The key ring whose logs key encrypts exported findings.
   *
   * @default - the stack's shared ring, `KmsKeyRing.of(this)`
   */
  readonly keyRing?: KmsKeyRing;

  /**
   * Alert on findings of at least this severity (1.0-10.0: low 1.0, medium 4.0, high 7.0, critical 9.0).
   *
   * @default 7 - high and critical findings
   */
  readonly alertSeverity?: number;

  /**
   * Where alerts go.
   *
   * @default - the stack's SecurityNotificationsTopic
   */
  readonly alertTopic?: SecurityNotificationsTopic;

  /**
   * Email addresses subscribed to the alert topic (each confirms its subscription).
   *
   * @default - none
   */
  readonly alertEmails?: string[];

  /**
   * HTTPS endpoints subscribed to the alert topic.
   *
   * @default - none
   */
  readonly alertHttpsEndpoints?: string[];

  /**
   * In the organization's management account: designate this account as GuardDuty's delegated
   * administrator (and remove the designation when the construct is deleted).
   * Cannot be combined with `autoEnableMembers`.
   *
   * @default - no delegation
   */
  readonly delegatedAdminAccountId?: string;

  /**
   * In the delegated administrator account: turn GuardDuty, and the protection plans that are on
   * here, on for all or new member accounts (turned off again when the construct is deleted).
   *
   * @default - member accounts are not changed
   */
  readonly autoEnableMembers?: GuardDutyAutoEnable;
}

/**
 * GuardDuty for an account and region, and for an AWS Organization: a detector publishing every
 * 15 minutes with every protection plan on, findings exported to an EncryptedBucket under the
 * ring's logs key, findings of high severity and above alerted to the security-notifications topic,
 * and organization delegation and auto-enable through custom resources (CloudFormation has none).
 *
 * GuardDuty is regional: deploy a GuardDutyOrg in every region you use.
 *
 * @example
 * new GuardDutyOrg(this, 'GuardDuty', { alertEmails: ['security@example.com'] });
 */
export class GuardDutyOrg extends Construct {
  /** The detector's id. */
  public readonly detectorId: string;
  /** The detector's ARN. */
  public readonly detectorArn: string;
  /** Where findings are exported. */
  public readonly findingsBucket: s3.IBucket;

  constructor(scope: Construct, id: string, props: GuardDutyOrgProps = {}) {
    super(scope, id);
    validate(this, props);
    claimOnePerAccount(this, {
      kind: 'GuardDutyOrg',
      why: 'GuardDuty has one detector per account and region (and one findings export per detector), so the second would fail at deploy',
    });
    const stack = Stack.of(this);
    const protections = GuardDutyProtection.all().filter((p) => !(props.disabledProtections ?? []).includes(p));

    const detector = props.existingDetectorId === undefined ? new guardduty.CfnDetector(this, 'Resource', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      features: GuardDutyProtection.all().map((p) => ({
        name: p.featureName,
        status: protections.includes(p) ? 'ENABLED' : 'DISABLED',
        additionalConfiguration: p.additionalConfiguration.length === 0 ? undefined
          : p.additionalConfiguration.map((name) => ({ name, status: protections.includes(p) ? 'ENABLED' : 'DISABLED' })),
      })),
    }) : undefined;
    if (detector && protections.length < GuardDutyProtection.all().length) {
      acknowledgeExplicitChoice(detector, 'Fortress-GuardDutyAllProtectionPlans', `disabledProtections was set explicitly: ${
        (props.disabledProtections ?? []).map((p) => p.featureName).join(', ')} left off on this detector.`);
    }
    this.detectorId = detector?.ref ?? props.existingDetectorId!;
    this.detectorArn = stack.formatArn({ service: 'guardduty', resource: 'detector', resourceName: this.detectorId });

    const ring = props.keyRing ?? KmsKeyRing.of(this);
    const key = ring.key(KeyPurpose.LOGS);
    ring.enableService(KeyPurpose.LOGS, KeyService.GUARDDUTY_FINDINGS_EXPORT);
    if (props.findingsBucket) assertDeliversWithLogsKey(this, 'findingsBucket', props.findingsBucket, key);
    this.findingsBucket = props.findingsBucket ?? new EncryptedBucket(this, 'FindingsBucket', { encryptionKey: key });
    this.exportFindings(key.keyArn);
    this.alert(props);
    if (props.delegatedAdminAccountId) this.delegateAdministration(props.delegatedAdminAccountId);
    if (props.autoEnableMembers) this.autoEnableMembers(props.autoEnableMembers, protections);
  }

  /** A publishing destination; the bucket policy admits GuardDuty only for this detector and account. */
  private exportFindings(keyArn: string): void {
    const guardDuty = new iam.ServicePrincipal('guardduty.amazonaws.com');
    const fromThisDetector = { StringEquals: { 'aws:SourceAccount': Stack.of(this).account, 'aws:SourceArn': this.detectorArn } };
    this.findingsBucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowGuardDutyGetBucketLocation', principals: [guardDuty], actions: ['s3:GetBucketLocation'], resources: [this.findingsBucket.bucketArn], conditions: fromThisDetector,
    }));
    this.findingsBucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowGuardDutyPutObject', principals: [guardDuty], actions: ['s3:PutObject'], resources: [this.findingsBucket.arnForObjects('*')], conditions: fromThisDetector,
    }));
    const destination = new guardduty.CfnPublishingDestination(this, 'FindingsExport', {
      detectorId: this.detectorId,
      destinationType: 'S3',
      destinationProperties: { destinationArn: this.findingsBucket.bucketArn, kmsKeyArn: keyArn },
    });
    const bucketPolicy = this.findingsBucket.policy?.node.defaultChild;
    // The detector id (a Ref to a created detector) already orders the destination after it.
    if (bucketPolicy) destination.node.addDependency(bucketPolicy);
  }

  private alert(props: GuardDutyOrgProps): void {
    const topic = props.alertTopic ?? SecurityNotificationsTopic.of(this);
    (props.alertEmails ?? []).forEach((address) => topic.addEmailSubscription(address));
    (props.alertHttpsEndpoints ?? []).forEach((url) => topic.addHttpsSubscription(url));
    new events.CfnRule(this, 'FindingsRule', {
      description: `GuardDuty findings of severity ${props.alertSeverity ?? 7} and above`,
      eventPattern: { 'source': ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], 'detail': { severity: [{ numeric: ['>=', props.alertSeverity ?? 7] }] } },
      state: 'ENABLED',
      targets: [{ id: 'SecurityNotifications', arn: topic.topicArn, deadLetterConfig: { arn: undeliveredAlertsQueue(this).queueArn } }],
    });
  }

  /**
   * Management account: EnableOrganizationAdminAccount on create, DisableOrganizationAdminAccount on delete,
   * with a role of their own (not the stack's shared custom-resource role).
   */
  private delegateAdministration(adminAccountId: string): void {
    const stack = Stack.of(this);
    const serviceLinkedRoles = `arn:${stack.partition}:iam::${stack.account}:role/aws-service-role/guardduty.amazonaws.com/*`;
    // Organizations ARNs name the management account (this one) and the member account; the organization id is not known here.
    const adminAccount = `arn:${stack.partition}:organizations::${stack.account}:account/o-*/${adminAccountId}`;
    // organizations:ServicePrincipal is supported by EnableAWSServiceAccess, DisableAWSServiceAccess,
    // RegisterDelegatedAdministrator, DeregisterDelegatedAdministrator and ListDelegatedAdministrators:
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html
    // GuardDuty enables trusted access for itself and for Malware Protection:
    // https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html
    const forGuardDutyOnly = { StringEquals: { 'organizations:ServicePrincipal': GUARDDUTY_SERVICE_PRINCIPALS } };
    const call = (action: string) => ({
      service: 'GuardDuty',
      action,
      parameters: organizationAdminAccount(adminAccountId),
      physicalResourceId: cr.PhysicalResourceId.of(`guardduty-delegated-admin-${adminAccountId}`),
    });
    dedicatedCustomResource(this, 'DelegatedAdmin', {
      description: `Designates ${adminAccountId} as GuardDuty delegated administrator (${this.node.path})`,
      onCreate: call('enableOrganizationAdminAccount'),
      onUpdate: call('enableOrganizationAdminAccount'),
      onDelete: call('disableOrganizationAdminAccount'),
      statements: [
        // GuardDuty's organization admin actions and Organizations' read actions define no resource types.
        new iam.PolicyStatement({
          actions: [
            'guardduty:EnableOrganizationAdminAccount', 'guardduty:DisableOrganizationAdminAccount', 'guardduty:ListOrganizationAdminAccounts',
            'organizations:DescribeOrganization', 'organizations:DescribeAccount', 'organizations:DescribeOrganizationalUnit', 'organizations:ListAccounts',
            'organizations:ListAWSServiceAccessForOrganization', 'organizations:ListDelegatedAdministrators',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({ actions: ['organizations:EnableAWSServiceAccess'], resources: ['*'], conditions: forGuardDutyOnly }),
        new iam.PolicyStatement({
          actions: ['organizations:RegisterDelegatedAdministrator', 'organizations:DeregisterDelegatedAdministrator'],
          resources: [adminAccount],
          conditions: forGuardDutyOnly,
        }),
        new iam.PolicyStatement({
          actions: ['iam:CreateServiceLinkedRole'],
          resources: [serviceLinkedRoles],
          conditions: { StringEquals: { 'iam:AWSServiceName': 'guardduty.amazonaws.com' } },
        }),
      ],
      wildcards: [
        {
          resource: '*',
          reason: 'GuardDuty\'s organization admin actions, Organizations\' read actions and EnableAWSServiceAccess define no resource types '
            + '(Service Authorization Reference); EnableAWSServiceAccess is conditioned on GuardDuty\'s service principals.',
        },
        {
          resource: adminAccount,
          reason: 'Names the delegated administrator account in this management account\'s organization; the organization id is '
            + 'not known at synth time, and the actions are conditioned on GuardDuty\'s service principals.',
        },
        {
          resource: serviceLinkedRoles,
          reason: 'GuardDuty names its own service-linked role; the path admits only GuardDuty\'s service-linked roles in this account, '
            + 'and the iam:AWSServiceName condition only GuardDuty.',
        },
      ],
    });
  }

  /** Delegated administrator: UpdateOrganizationConfiguration on create and update, auto-enable NONE on delete (own role). */
  private autoEnableMembers(members: GuardDutyAutoEnable, protections: GuardDutyProtection[]): void {
    const call = (mode: 'ALL' | 'NEW' | 'NONE') => ({
      service: 'GuardDuty',
      action: 'updateOrganizationConfiguration',
      parameters: updateOrganizationConfiguration(this.detectorId, mode, protections),
      physicalResourceId: cr.PhysicalResourceId.of(`guardduty-org-configuration-${Stack.of(this).region}`),
    });
    // The detector id in the parameters orders the calls after the detector (no DependsOn needed).
    dedicatedCustomResource(this, 'OrganizationConfiguration', {
      description: `Auto-enables GuardDuty for member accounts (${this.node.path})`,
      onCreate: call(members),
      onUpdate: call(members),
      onDelete: call('NONE'),
      statements: [new iam.PolicyStatement({ actions: ['guardduty:UpdateOrganizationConfiguration'], resources: [this.detectorArn] })],
    });
  }
}

/** GuardDuty's service principals in Organizations (trusted access and delegated administration). */
const GUARDDUTY_SERVICE_PRINCIPALS = ['guardduty.amazonaws.com', 'malware-protection.guardduty.amazonaws.com'];

function validate(scope: Construct, props: GuardDutyOrgProps): void {
  const check = new PropChecks(scope);
  check.matches('existingDetectorId', props.existingDetectorId, /^[a-z0-9]{32}$/, 'a detector id (32 lowercase letters and digits)');
  if (props.existingDetectorId && props.disabledProtections) {
    throw FortressError.invalidProp(scope, 'disabledProtections', 'cannot be combined with existingDetectorId: an adopted detector is left as it is');
  }
  check.unique('disabledProtections', (props.disabledProtections ?? []).map((p) => p.featureName));
  if (props.alertSeverity !== undefined && !(props.alertSeverity >= 1 && props.alertSeverity <= 10)) {
    throw FortressError.invalidProp(scope, 'alertSeverity', 'must be a severity from 1.0 to 10.0 (low 1.0, medium 4.0, high 7.0, critical 9.0)', props.alertSeverity);
  }
  check.matches('delegatedAdminAccountId', props.delegatedAdminAccountId, /^\d{12}$/, 'a 12-digit account id');
  check.exclusive('delegatedAdminAccountId', props.delegatedAdminAccountId, 'autoEnableMembers', props.autoEnableMembers);
  check.oneOf('autoEnableMembers', props.autoEnableMembers, Object.values(GuardDutyAutoEnable));
  check.unique('alertEmails', props.alertEmails);
  check.unique('alertHttpsEndpoints', props.alertHttpsEndpoints);
}
