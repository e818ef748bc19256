/**
 * A GuardDuty protection plan (a detector feature). Every plan costs money on top of
 * GuardDuty's foundational threat detection (CloudTrail management events, VPC flow logs, DNS logs).
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html
 */
export class GuardDutyProtection {
  /** S3 Protection: S3 data events (billed per million events analyzed). */
  public static readonly S3_DATA_EVENTS = new GuardDutyProtection('S3_DATA_EVENTS', []);
  /** EKS Protection: EKS audit logs (billed per million audit log events). */
  public static readonly EKS_AUDIT_LOGS = new GuardDutyProtection('EKS_AUDIT_LOGS', []);
  /** Malware Protection for EC2: scans EBS volumes of suspicious instances (billed per GB scanned and snapshot storage). */
  public static readonly EBS_MALWARE_PROTECTION = new GuardDutyProtection('EBS_MALWARE_PROTECTION', []);
  /** RDS Protection: Aurora and RDS login events (billed per vCPU or ACU hour monitored). */
  public static readonly RDS_LOGIN_EVENTS = new GuardDutyProtection('RDS_LOGIN_EVENTS', []);
  /** Lambda Protection: Lambda network activity logs (billed per GB of logs analyzed). */
  public static readonly LAMBDA_NETWORK_LOGS = new GuardDutyProtection('LAMBDA_NETWORK_LOGS', []);
  /**
   * Runtime Monitoring for EKS, ECS Fargate and EC2, with the security agent managed by GuardDuty
   * (billed per vCPU hour monitored; the managed agent creates VPC endpoints).
   */
  public static readonly RUNTIME_MONITORING = new GuardDutyProtection('RUNTIME_MONITORING',
    ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT']);

  /** Every plan. */
  public static all(): GuardDutyProtection[] {
    return [
      GuardDutyProtection.S3_DATA_EVENTS, GuardDutyProtection.EKS_AUDIT_LOGS, GuardDutyProtection.EBS_MALWARE_PROTECTION,
      GuardDutyProtection.RDS_LOGIN_EVENTS, GuardDutyProtection.LAMBDA_NETWORK_LOGS, GuardDutyProtection.RUNTIME_MONITORING,
    ];
  }

  /** The GuardDuty feature name (DetectorFeature / OrgFeature), e.g. `S3_DATA_EVENTS`. */
  public readonly featureName: string;
  /** Additional configuration turned on with the feature (agent management for Runtime Monitoring). */
  public readonly additionalConfiguration: string[];

  private constructor(featureName: string, additionalConfiguration: string[]) {
    this.featureName = featureName;
    this.additionalConfiguration = additionalConfiguration;
  }
}
