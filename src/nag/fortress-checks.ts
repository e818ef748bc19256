import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps, NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import * as cloudtrail from './rules/cloudtrail';
import * as cloudwatch from './rules/cloudwatch';
import * as config from './rules/config';
import * as guardduty from './rules/guardduty';
import * as iam from './rules/iam';
import * as kms from './rules/kms';
import * as s3 from './rules/s3';
import * as securityhub from './rules/securityhub';
import * as vpc from './rules/vpc';

/**
 * cdk-fortress's own cdk-nag pack: the guarantees the library's constructs make
 * that the standard packs (AwsSolutions, HIPAA, NIST, PCI, Serverless) do not check.
 *
 * Rule ids are `Fortress-<RuleName>`, e.g. `Fortress-S3BucketMinimumTls12`;
 * acknowledge them like any cdk-nag rule, with `Validations.of(construct).acknowledge()`.
 *
 * @example
 * declare const app: App;
 * Validations.of(app).addPlugins(new FortressChecks(app));
 */
export class FortressChecks extends NagPack {
  /** The pack's name: the prefix of its rule ids. */
  public static readonly PACK_NAME = 'Fortress';

  public readonly name = FortressChecks.PACK_NAME;

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = FortressChecks.PACK_NAME;
  }

  protected checkResource(node: CfnResource): void {
    this.checkS3(node);
    this.checkKms(node);
    this.checkCloudWatch(node);
    this.checkIam(node);
    this.checkVpc(node);
    this.checkCloudTrail(node);
    this.checkPosture(node);
    this.checkGuardDuty(node);
  }

  private checkS3(node: CfnResource): void {
    this.error(node, s3.S3BucketMinimumTls12,
      'The S3 bucket policy does not deny requests that use TLS below 1.2.',
      'Requiring HTTPS (aws:SecureTransport) still admits TLS 1.0 and 1.1, which have known weaknesses. A Deny on s3:* for every principal with NumericLessThan s3:TlsVersion 1.2 refuses them.');
    this.error(node, s3.S3BucketOwnerEnforced,
      'The S3 bucket does not disable ACLs (ObjectOwnership is not BucketOwnerEnforced).',
      'With ACLs enabled, objects uploaded by other accounts can stay owned by them and grants can bypass bucket policies. BucketOwnerEnforced disables ACLs so bucket and IAM policies alone decide access.');
    this.error(node, s3.S3BucketDeniesOtherKmsKeys,
      'The SSE-KMS bucket does not deny uploads that name another KMS key.',
      'Default encryption applies only when an upload names no key; a client can still ask for another key (one it controls, or one the data owners cannot read). A Deny of s3:PutObject with StringNotEqualsIfExists s3:x-amz-server-side-encryption-aws-kms-key-id <bucket key> keeps every object under the bucket key.');
    this.error(node, s3.S3BucketRetained,
      'The S3 bucket is not retained when its stack is deleted (DeletionPolicy is not Retain).',
      'Deleting a stack must never delete data. Opt into RemovalPolicy.DESTROY explicitly, and acknowledge this rule, only for buckets whose data is disposable.');
  }

  private checkKms(node: CfnResource): void {
    this.error(node, kms.KMSKeyPolicyNoUnconditionalPublicPrincipal,
      'The KMS key policy allows actions to Principal "*" without a condition.',
      'An unconditional Allow to every principal lets any AWS account use or manage the key. Name the principals, or narrow "*" with conditions such as aws:PrincipalOrgID, kms:CallerAccount or kms:ViaService.');
    this.error(node, kms.KMSKeyPolicyServiceGrantsConditioned,
      'The KMS key policy allows an AWS service principal without a condition tying it to this account or its resources.',
      'A service principal alone matches requests the service makes for any AWS customer (confused deputy). Condition the statement on aws:SourceAccount, aws:SourceArn or the service\'s encryption context.');
    this.error(node, kms.KMSKeyPendingWindow30Days,
      'The KMS key has a deletion waiting period shorter than 30 days.',
      'A scheduled key deletion can be cancelled only during the waiting period; after it, everything the key encrypted is lost. Keep the full 30 days.');
    this.error(node, kms.KMSKeyRetained,
      'The KMS key is not retained when its stack is deleted (DeletionPolicy is not Retain).',
      'Once a key is deleted every ciphertext it protected is unrecoverable, including data in retained buckets and backups. Keep keys with RemovalPolicy.RETAIN.');
  }

  private checkCloudWatch(node: CfnResource): void {
    this.error(node, cloudwatch.CloudWatchLogGroupRetentionPeriod,
      'The CloudWatch log group does not set a retention period.',
      'Without RetentionInDays logs are kept, and billed, forever. Set a retention that meets your audit requirement (for example 365 days or more for CIS and PCI DSS).');
    this.error(node, cloudwatch.CloudWatchLogGroupKmsEncrypted,
      'The CloudWatch log group is not encrypted with a customer-managed KMS key.',
      'Logs often contain sensitive data. A customer-managed key (KmsKeyId) gives control over, and an audit trail of, who can read them.');
    this.error(node, cloudwatch.CloudWatchLogGroupRetained,
      'The CloudWatch log group is not retained when its stack is deleted (DeletionPolicy is not Retain).',
      'Logs are evidence: deleting a stack must not delete them before their retention period ends.');
  }

  private checkIam(node: CfnResource): void {
    this.error(node, iam.IAMRoleTrustNoWildcardPrincipal,
      'The IAM role trust policy allows every AWS principal (AWS: "*") to assume the role.',
      'A role trusted by "*" can be assumed from any AWS account; conditions are easy to get wrong and do not belong in a trust policy this broad. Trust specific accounts, roles or service principals.');
    this.error(node, iam.IAMPolicyPassRoleConditioned,
      'The IAM policy allows iam:PassRole on a wildcard resource or without an iam:PassedToService condition.',
      'iam:PassRole lets a principal give a role\'s permissions to a service. Name the roles that may be passed and condition the statement on iam:PassedToService.');
    this.error(node, iam.IAMRoleDefaultPermissionsBoundary,
      'The IAM role has no permissions boundary although a default boundary is set for its scope.',
      'A default permissions boundary caps what any role in the scope can be granted. Apply it to every role (LeastPrivilegeRole.setDefaultPermissionsBoundary does, through an aspect).');
    this.applyRule({
      info: 'The IAM role trusts an AWS service without aws:SourceAccount, aws:SourceArn or aws:SourceOrgID conditions.',
      explanation: 'Without source conditions the service could be made to assume the role on behalf of another customer (confused deputy). Add them where the service supports them; acknowledge where it does not.',
      level: NagMessageLevel.WARN,
      rule: iam.IAMRoleServiceTrustConfusedDeputy,
      node,
    });
  }

  private checkVpc(node: CfnResource): void {
    this.error(node, vpc.VPCFlowLogsAllTraffic,
      'The VPC has no flow log capturing ALL traffic.',
      'A flow log of ACCEPT or REJECT traffic only misses half of an investigation: what was allowed in, or what was tried. Capture ALL.');
    this.error(node, vpc.VPCSubnetNoPublicIpOnLaunch,
      'The subnet assigns public IPv4 addresses to instances on launch.',
      'Instances should be reachable from the internet only through a load balancer or a deliberately attached Elastic IP. Set MapPublicIpOnLaunch to false.');
    this.error(node, vpc.VPCInterfaceEndpointNotOpenToWorld,
      'A security group of the interface VPC endpoint admits traffic from 0.0.0.0/0 or ::/0.',
      'Interface endpoints serve the VPC; their security groups should admit HTTPS from the VPC CIDR (or named security groups) only.');
  }

  private checkCloudTrail(node: CfnResource): void {
    this.error(node, cloudtrail.CloudTrailMultiRegionValidatedEncrypted,
      'The CloudTrail trail is not multi-region with global service events, log-file validation and KMS encryption.',
      'A single-region trail misses API calls made elsewhere; without validation, altered or deleted log files go unnoticed; without KMS, anyone who can read the bucket can read the logs.');
  }

  private checkPosture(node: CfnResource): void {
    this.error(node, config.ConfigRecorderAllResourceTypes,
      'The AWS Config recorder does not record all supported resource types.',
      'A recorder limited to a list of types silently misses every type added later, and the Security Hub controls that depend on them stop evaluating.');
    this.error(node, securityhub.SecurityHubStandardsExplicit,
      'The Security Hub hub enables the implicit default standards.',
      'Implicit defaults change when AWS changes them and do not appear in the template. Set EnableDefaultStandards to false and enable each standard explicitly.');
    this.error(node, securityhub.SecurityHubDisabledControlsReasoned,
      'A Security Hub control is disabled without a reason.',
      'A disabled control is a deviation from the standard; the reason is what an auditor reads. Give every disabled control a reason.');
  }

  private checkGuardDuty(node: CfnResource): void {
    this.error(node, guardduty.GuardDutyAllProtectionPlans,
      'The GuardDuty detector is off, or not every protection plan is enabled.',
      'Each protection plan watches a data source foundational detection does not (S3 data events, EKS audit logs, EBS volumes, RDS logins, Lambda network logs, runtime behavior). A plan left off is a blind spot: acknowledge it with the reason.');
    this.error(node, guardduty.GuardDutyFindingsExportedEncrypted,
      'The GuardDuty detector does not export findings to a KMS-encrypted S3 publishing destination.',
      'GuardDuty keeps findings for 90 days; investigations and audits need them longer, encrypted under a key you control.');
  }

  private error(node: CfnResource, rule: (node: CfnResource) => NagRuleResult, info: string, explanation: string): void {
    this.applyRule({ info, explanation, level: NagMessageLevel.ERROR, rule, node });
  }
}
