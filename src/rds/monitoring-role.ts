import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { Acknowledgments } from '../core/acknowledgments';
import { stackSingleton } from '../core/stack-singleton';
import { LeastPrivilegeRole } from '../iam/least-privilege-role';

const ROLE_ID = 'FortressRdsMonitoringRole';
/** The log group RDS Enhanced Monitoring writes to, one per account and region. */
const OS_METRICS_LOG_GROUP = 'RDSOSMetrics';

/**
 * The stack's Enhanced Monitoring role, shared by its databases: trusted by `monitoring.rds.amazonaws.com`
 * for this account only (`aws:SourceAccount`), allowed what the AWS managed `AmazonRDSEnhancedMonitoringRole`
 * allows, narrowed from `log-group:RDS*` in every region and account to the `RDSOSMetrics` log group of this
 * stack's account and region.
 *
 * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonRDSEnhancedMonitoringRole.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html
 */
export function monitoringRoleOf(scope: IConstruct): iam.IRole {
  return stackSingleton(scope, ROLE_ID, LeastPrivilegeRole, (stack, id) => {
    const role = new LeastPrivilegeRole(stack, id, {
      assumedBy: new iam.ServicePrincipal('monitoring.rds.amazonaws.com'),
      description: 'RDS Enhanced Monitoring: writes OS metrics of this stack\'s databases to the RDSOSMetrics log group (cdk-fortress)',
    });
    const logGroupArn = Stack.of(stack).formatArn({ service: 'logs', resource: 'log-group', resourceName: OS_METRICS_LOG_GROUP, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ManageRdsOsMetricsLogGroup',
      actions: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'],
      resources: [logGroupArn],
    }));
    const streams = `${logGroupArn}:log-stream:*`;
    const result = role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'WriteRdsOsMetricsLogStreams',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:GetLogEvents'],
      resources: [streams],
    }));
    Acknowledgments.acknowledgeFinding(result.policyDependable as unknown as IConstruct, 'AwsSolutions-IAM5', `Resource::${streams}`,
      'RDS names one log stream per database resource id in the RDSOSMetrics log group at run time; the statement is limited to that one '
      + 'log group of this account and region, narrower than the AWS managed AmazonRDSEnhancedMonitoringRole (log-group:RDS* everywhere).');
    return role;
  });
}
