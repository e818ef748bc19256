/**
 * The service prefixes of AWS Security Hub's security control ids (`<Prefix>.<number>`, e.g.
 * `IAM.6`, `S3.1`, `EC2.19`), as the Security Hub controls reference lists them. A control id
 * disabled with another prefix, or a known prefix in another case (`iam.6`), matches no control:
 * CloudFormation would fail at deploy (per-standard disabling) or the policy would disable nothing
 * (central configuration).
 *
 * Compiled from the Security Hub User Guide's controls reference (one page per service, e.g.
 * "Security Hub controls for IAM"), which covers the controls of AWS Foundational Security Best
 * Practices, CIS AWS Foundations Benchmark, NIST SP 800-53 Rev. 5, NIST SP 800-171 Rev. 2 and
 * PCI DSS v4.0.1; note the spellings Security Hub uses (`Opensearch`, `ES`, `DataFirehose`, `PCA`).
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-controls-reference.html
 */
export const SECURITY_CONTROL_PREFIXES: readonly string[] = [
  'Account', 'ACM', 'Amplify', 'APIGateway', 'AppConfig', 'AppFlow', 'AppRunner', 'AppSync', 'Athena', 'AutoScaling',
  'Backup', 'Batch', 'CloudFormation', 'CloudFront', 'CloudTrail', 'CloudWatch', 'CodeArtifact', 'CodeBuild',
  'CodeGuruProfiler', 'CodeGuruReviewer', 'Cognito', 'Config', 'Connect', 'DataFirehose', 'DataSync', 'Detective',
  'DMS', 'DocumentDB', 'DynamoDB', 'EC2', 'ECR', 'ECS', 'EFS', 'EKS', 'ElastiCache', 'ElasticBeanstalk', 'ELB', 'EMR',
  'ES', 'EventBridge', 'FraudDetector', 'FSx', 'GlobalAccelerator', 'Glue', 'GuardDuty', 'IAM', 'Inspector', 'IoT',
  'IoTEvents', 'IoTSiteWise', 'IoTTwinMaker', 'IoTWireless', 'IVS', 'Keyspaces', 'Kinesis', 'KMS', 'Lambda', 'Macie',
  'MQ', 'MSK', 'Neptune', 'NetworkFirewall', 'Opensearch', 'PCA', 'RDS', 'Redshift', 'RedshiftServerless', 'Route53',
  'S3', 'SageMaker', 'SecretsManager', 'ServiceCatalog', 'SES', 'SNS', 'SQS', 'SSM', 'StepFunctions', 'Transfer',
  'WAF', 'WorkSpaces',
];

/** A security control id's problem, or `undefined` when it is well-formed with a known prefix. */
export function securityControlIdProblem(controlId: string): string | undefined {
  const match = /^([A-Za-z][A-Za-z0-9]*)\.(\d+)$/.exec(controlId);
  if (!match) return 'must be a security control id such as IAM.6 (with `standard` for CIS or PCI DSS 3.2.1 control ids)';
  const prefix = match[1];
  if (SECURITY_CONTROL_PREFIXES.includes(prefix)) return undefined;
  const sameLetters = SECURITY_CONTROL_PREFIXES.find((p) => p.toLowerCase() === prefix.toLowerCase());
  if (sameLetters) return `must be a security control id as Security Hub spells it: ${sameLetters}.${match[2]}`;
  return 'must be a security control id of a service Security Hub has controls for (the prefix is not one; see '
    + 'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-controls-reference.html)';
}
