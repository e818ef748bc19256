/**
 * A CIS AWS Foundations Benchmark monitoring recommendation: a CloudWatch Logs metric filter on the
 * CloudTrail log group and an alarm on it. Filter patterns are the AWS Security Hub User Guide's text
 * for controls CloudWatch.1 to CloudWatch.14 (CIS 1.2.0 3.1-3.14, 1.4.0 4.1-4.14), and CIS 1.4.0 4.15
 * (AWS Organizations changes), which Security Hub has no control for.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
export class CisAlarm {
  /** Usage of the root user (CloudWatch.1; CIS 1.2.0 3.3 / CIS 1.4.0 4.3). */
  public static readonly ROOT_ACCOUNT_USAGE = new CisAlarm({
    id: 'RootAccountUsage',
    title: 'Usage of the root user',
    securityHubControl: 'CloudWatch.1',
    cisRecommendation: 'CIS 1.2.0 3.3 / CIS 1.4.0 4.3',
    filterPattern: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  });
  /** Unauthorized API calls (CloudWatch.2; CIS 1.2.0 3.1). */
  public static readonly UNAUTHORIZED_API_CALLS = new CisAlarm({
    id: 'UnauthorizedApiCalls',
    title: 'Unauthorized API calls',
    securityHubControl: 'CloudWatch.2',
    cisRecommendation: 'CIS 1.2.0 3.1',
    filterPattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  });
  /** Console sign-in without MFA (CloudWatch.3; CIS 1.2.0 3.2). */
  public static readonly CONSOLE_SIGN_IN_WITHOUT_MFA = new CisAlarm({
    id: 'ConsoleSignInWithoutMfa',
    title: 'Console sign-in without MFA',
    securityHubControl: 'CloudWatch.3',
    cisRecommendation: 'CIS 1.2.0 3.2',
    filterPattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  });
  /** IAM policy changes (CloudWatch.4; CIS 1.2.0 3.4 / CIS 1.4.0 4.4). */
  public static readonly IAM_POLICY_CHANGES = new CisAlarm({
    id: 'IamPolicyChanges',
    title: 'IAM policy changes',
    securityHubControl: 'CloudWatch.4',
    cisRecommendation: 'CIS 1.2.0 3.4 / CIS 1.4.0 4.4',
    filterPattern: '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
  });
  /** CloudTrail configuration changes (CloudWatch.5; CIS 1.2.0 3.5 / CIS 1.4.0 4.5). */
  public static readonly CLOUDTRAIL_CONFIGURATION_CHANGES = new CisAlarm({
    id: 'CloudTrailConfigurationChanges',
    title: 'CloudTrail configuration changes',
    securityHubControl: 'CloudWatch.5',
    cisRecommendation: 'CIS 1.2.0 3.5 / CIS 1.4.0 4.5',
    filterPattern: '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  });
  /** Console authentication failures (CloudWatch.6; CIS 1.2.0 3.6 / CIS 1.4.0 4.6). */
  public static readonly CONSOLE_AUTHENTICATION_FAILURES = new CisAlarm({
    id: 'ConsoleAuthenticationFailures',
    title: 'Console authentication failures',
    securityHubControl: 'CloudWatch.6',
    cisRecommendation: 'CIS 1.2.0 3.6 / CIS 1.4.0 4.6',
    filterPattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  });
  /** Disabling or scheduled deletion of customer managed keys (CloudWatch.7; CIS 1.2.0 3.7 / CIS 1.4.0 4.7). */
  public static readonly CUSTOMER_MANAGED_KEY_DISABLED_OR_DELETED = new CisAlarm({
    id: 'CustomerManagedKeyDisabledOrDeleted',
    title: 'Disabling or scheduled deletion of customer managed keys',
    securityHubControl: 'CloudWatch.7',
    cisRecommendation: 'CIS 1.2.0 3.7 / CIS 1.4.0 4.7',
    filterPattern: '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  });
  /** S3 bucket policy changes (CloudWatch.8; CIS 1.2.0 3.8 / CIS 1.4.0 4.8). */
  public static readonly S3_BUCKET_POLICY_CHANGES = new CisAlarm({
    id: 'S3BucketPolicyChanges',
    title: 'S3 bucket policy changes',
    securityHubControl: 'CloudWatch.8',
    cisRecommendation: 'CIS 1.2.0 3.8 / CIS 1.4.0 4.8',
    filterPattern: '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
  });
  /** AWS Config configuration changes (CloudWatch.9; CIS 1.2.0 3.9 / CIS 1.4.0 4.9). */
  public static readonly CONFIG_CONFIGURATION_CHANGES = new CisAlarm({
    id: 'ConfigConfigurationChanges',
    title: 'AWS Config configuration changes',
    securityHubControl: 'CloudWatch.9',
    cisRecommendation: 'CIS 1.2.0 3.9 / CIS 1.4.0 4.9',
    filterPattern: '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  });
  /** Security group changes (CloudWatch.10; CIS 1.2.0 3.10 / CIS 1.4.0 4.10). */
  public static readonly SECURITY_GROUP_CHANGES = new CisAlarm({
    id: 'SecurityGroupChanges',
    title: 'Security group changes',
    securityHubControl: 'CloudWatch.10',
    cisRecommendation: 'CIS 1.2.0 3.10 / CIS 1.4.0 4.10',
    filterPattern: '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  });
  /** Network ACL changes (CloudWatch.11; CIS 1.2.0 3.11 / CIS 1.4.0 4.11). */
  public static readonly NACL_CHANGES = new CisAlarm({
    id: 'NaclChanges',
    title: 'Network ACL changes',
    securityHubControl: 'CloudWatch.11',
    cisRecommendation: 'CIS 1.2.0 3.11 / CIS 1.4.0 4.11',
    filterPattern: '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  });
  /** Network gateway changes (CloudWatch.12; CIS 1.2.0 3.12 / CIS 1.4.0 4.12). */
  public static readonly NETWORK_GATEWAY_CHANGES = new CisAlarm({
    id: 'NetworkGatewayChanges',
    title: 'Network gateway changes',
    securityHubControl: 'CloudWatch.12',
    cisRecommendation: 'CIS 1.2.0 3.12 / CIS 1.4.0 4.12',
    filterPattern: '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  });
  /** Route table changes (CloudWatch.13; CIS 1.2.0 3.13 / CIS 1.4.0 4.13). */
  public static readonly ROUTE_TABLE_CHANGES = new CisAlarm({
    id: 'RouteTableChanges',
    title: 'Route table changes',
    securityHubControl: 'CloudWatch.13',
    cisRecommendation: 'CIS 1.2.0 3.13 / CIS 1.4.0 4.13',
    filterPattern: '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  });
  /** VPC changes (CloudWatch.14; CIS 1.2.0 3.14 / CIS 1.4.0 4.14). */
  public static readonly VPC_CHANGES = new CisAlarm({
    id: 'VpcChanges',
    title: 'VPC changes',
    securityHubControl: 'CloudWatch.14',
    cisRecommendation: 'CIS 1.2.0 3.14 / CIS 1.4.0 4.14',
    filterPattern: '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
  });
  /** AWS Organizations changes (no Security Hub control; CIS 1.4.0 4.15). */
  public static readonly ORGANIZATIONS_CHANGES = new CisAlarm({
    id: 'OrganizationsChanges',
    title: 'AWS Organizations changes',
    cisRecommendation: 'CIS 1.4.0 4.15',
    filterPattern: '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  });

  /** Every recommendation, in benchmark order. */
  public static all(): CisAlarm[] {
    return [
      CisAlarm.ROOT_ACCOUNT_USAGE, CisAlarm.UNAUTHORIZED_API_CALLS, CisAlarm.CONSOLE_SIGN_IN_WITHOUT_MFA, CisAlarm.IAM_POLICY_CHANGES,
      CisAlarm.CLOUDTRAIL_CONFIGURATION_CHANGES, CisAlarm.CONSOLE_AUTHENTICATION_FAILURES, CisAlarm.CUSTOMER_MANAGED_KEY_DISABLED_OR_DELETED,
      CisAlarm.S3_BUCKET_POLICY_CHANGES, CisAlarm.CONFIG_CONFIGURATION_CHANGES, CisAlarm.SECURITY_GROUP_CHANGES, CisAlarm.NACL_CHANGES,
      CisAlarm.NETWORK_GATEWAY_CHANGES, CisAlarm.ROUTE_TABLE_CHANGES, CisAlarm.VPC_CHANGES, CisAlarm.ORGANIZATIONS_CHANGES,
    ];
  }

  /** Metric and construct name, e.g. `RootAccountUsage`. */
  public readonly id: string;
  /** What the alarm watches. */
  public readonly title: string;
  /** The Security Hub control id, when Security Hub has one. */
  public readonly securityHubControl?: string;
  /** The CIS AWS Foundations Benchmark recommendation numbers. */
  public readonly cisRecommendation: string;
  /** The CloudWatch Logs filter pattern, as the benchmark gives it. */
  public readonly filterPattern: string;

  private constructor(spec: CisAlarmSpec) {
    this.id = spec.id;
    this.title = spec.title;
    this.securityHubControl = spec.securityHubControl;
    this.cisRecommendation = spec.cisRecommendation;
    this.filterPattern = spec.filterPattern;
  }
}

interface CisAlarmSpec {
  readonly id: string;
  readonly title: string;
  readonly securityHubControl?: string;
  readonly cisRecommendation: string;
  readonly filterPattern: string;
}
