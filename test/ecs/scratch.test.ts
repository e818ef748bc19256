import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Stack } from 'aws-cdk-lib';
import { SecureLogGroup, AccessLogsBucket, Acknowledgments, RestrictedSecurityGroup, SecureCluster, SecureFargateService, SecureFargateTaskDefinition, SecureVpc } from '../../src';
import { checkCompliance, complianceTestStack } from '../compliance';

test('scratch exec', () => {
  const stack = complianceTestStack();
  const vpc = new SecureVpc(stack, 'Vpc');
  const cluster = new SecureCluster(stack, 'Cluster', { vpc });
  const taskDefinition = new SecureFargateTaskDefinition(stack, 'Task');
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'web');
  taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromEcrRepository(repo, 'v1'), portMappings: [{ containerPort: 8080 }], environment: { LOG_LEVEL: 'info' } });
  new SecureFargateService(stack, 'Web', { cluster, taskDefinition, enableExecuteCommand: true });
  const r = checkCompliance(stack);
  console.log(r.report.render(r.report.errors));
  console.log(Acknowledgments.list(stack).filter((a) => !a.constructPath.startsWith('Stack/Vpc')).map((a) => `${a.constructPath} ${a.ruleId}`).join('\n'));
});

test('scratch alb', () => {
  const stack = complianceTestStack();
  const vpc = new SecureVpc(stack, 'Vpc');
  const cluster = new SecureCluster(stack, 'Cluster', { vpc });
  const taskDefinition = new SecureFargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), portMappings: [{ containerPort: 8080 }] });
  const service = new SecureFargateService(stack, 'Web', { cluster, taskDefinition });
  const sg = new RestrictedSecurityGroup(stack, 'LbSg', { vpc, description: 'public lb', publicIngressPorts: [443] });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true, securityGroup: sg, dropInvalidHeaderFields: true, deletionProtection: true });
  const listener = alb.addListener('Https', { port: 443, protocol: elbv2.ApplicationProtocol.HTTPS, certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111122223333:certificate/abc')], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS });
  alb.logAccessLogs(AccessLogsBucket.of(stack), 'alb');
  const acl = new wafv2.CfnWebACL(stack, 'Acl', { defaultAction: { allow: {} }, scope: 'REGIONAL', visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true },
    rules: [{ name: 'common', priority: 0, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true } }] });
  const wafLogs = new SecureLogGroup(stack, 'WafLogs', { logGroupName: 'aws-waf-logs-web' });
  new wafv2.CfnLoggingConfiguration(stack, 'AclLogging', { resourceArn: acl.attrArn, logDestinationConfigs: [Stack.of(stack).formatArn({ service: 'logs', resource: 'log-group', resourceName: wafLogs.logGroupName, arnFormat: 'arn:aws:service:region:account:resource:resourceName' as any })] });
  new wafv2.CfnWebACLAssociation(stack, 'AclAssoc', { resourceArn: alb.loadBalancerArn, webAclArn: acl.attrArn });
  listener.addTargets('Web', { port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targets: [service] });
  const r = checkCompliance(stack);
  console.log(r.report.render(r.report.errors));
  console.log(Acknowledgments.list(stack).filter((a) => !a.constructPath.startsWith('Stack/Vpc')).map((a) => `${a.constructPath} ${a.ruleId}`).join('\n'));
});
