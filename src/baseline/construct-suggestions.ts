/**
 * Which cdk-fortress construct satisfies a rule by default, so a finding on a plain aws-cdk-lib
 * construct says what to use instead. Matched on the rule id without its pack prefix and finding.
 */
const SUGGESTIONS: ReadonlyArray<[RegExp, string]> = [
  [/^(S1|S2|S5|S10|S3Bucket\w*|S3DefaultEncryptionKMS)$/, 'EncryptedBucket'],
  [/^(VPC7|VPCFlowLogsEnabled|VPCDefaultSecurityGroupClosed|VPCSubnetAutoAssignPublicIpDisabled)$/, 'SecureVpc'],
  [/^(EC23|EC27|EC2RestrictedSSH|EC2RestrictedCommonPorts|EC2RestrictedInbound|EC2SecurityGroup\w*)$/, 'RestrictedSecurityGroup'],
  [/^(IAM4|IAM5|IAMNoInlinePolicy|IAMPolicyNoStatementsWithAdminAccess|IAMPolicyNoStatementsWithFullAccess|IAMPolicy\w*|IAMRole\w*|IAMNoAwsManagedAdminPolicy)$/, 'LeastPrivilegeRole'],
  [/^(KMS5|KMSBackingKeyRotationEnabled|KMSKey\w*)$/, 'KmsKeyRing'],
  [/^(CloudTrail\w*)$/, 'AuditTrail'],
  [/^(GuardDuty\w*)$/, 'GuardDutyOrg'],
  [/^(SecurityHub\w*)$/, 'SecurityHubBaseline'],
  [/^(ConfigRecorder\w*)$/, 'ConfigRecorder'],
  [/^(CloudWatchLogGroup\w*)$/, 'SecureLogGroup'],
  [/^(SQS2|SQS3|SQS4|SQSRedrivePolicy|SQSQueue\w*)$/, 'SecureQueue'],
  [/^(SNS2|SNS3|SNSEncryptedKMS|SNSTopic\w*)$/, 'SecureTopic'],
  [/^(ECS2|ECS7|ECSTaskDefinition\w*)$/, 'SecureFargateTaskDefinition'],
  [/^(ECS4|ECSCluster\w*)$/, 'SecureCluster'],
  [/^(ECSService\w*)$/, 'SecureFargateService'],
  [/^(LambdaConcurrency|LambdaDLQ|LambdaInsideVPC|LambdaTracing|LambdaDefaultMemorySize|LambdaDefaultTimeout|LambdaRuntimeNotDeprecated|LambdaFunctionUrlAuthRequired|LambdaEnvironmentNoSecrets)$/, 'SecureFunction'],
  [/^(RDS\d+|RDS[A-Z]\w*|AuroraMySQL\w*)$/, 'SecureDatabaseInstance or SecureDatabaseCluster'],
  [/^(SMG4|SecretsManager\w*)$/, 'SecureSecret'],
  [/^(COG1|COG2|COG8|CognitoUserPool\w*)$/, 'SecureUserPool'],
  [/^(CFR2|CFR3|CFR4|CFR5|CFR7|CloudFrontDistribution\w*)$/, 'SecureDistribution'],
  [/^(ELB2|ELBLoggingEnabled|ELBDeletionProtectionEnabled|ALBHttpDropInvalidHeaderEnabled|ALBHttpToHttpsRedirection|ALBWAFEnabled|ELBv2\w*)$/, 'SecureLoadBalancer'],
  [/^(WAFv2\w*)$/, 'SecureWebAcl'],
  [/^(DDB3|DynamoDB(?!InBackupPlan)\w*)$/, 'SecureTable'],
  [/^(\w+InBackupPlan)$/, 'SecureBackupPlan'],
];

/** The construct to use instead for a finding of `ruleId`, or `undefined` when none applies. */
export function suggestedConstruct(ruleId: string): string | undefined {
  const rule = ruleId.replace(/\[.*$/, '').replace(/^[A-Za-z0-9.]+?-(?=[A-Z])/, '');
  return SUGGESTIONS.find(([pattern]) => pattern.test(rule))?.[1];
}
