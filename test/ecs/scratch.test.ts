import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Acknowledgments, SecureCluster, SecureFargateService, SecureFargateTaskDefinition, SecureVpc } from '../../src';
import { checkCompliance, complianceTestStack } from '../compliance';

test('scratch', () => {
  const stack = complianceTestStack();
  const vpc = new SecureVpc(stack, 'Vpc');
  const cluster = new SecureCluster(stack, 'Cluster', { vpc });
  const taskDefinition = new SecureFargateTaskDefinition(stack, 'Task');
  const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'web');
  taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromEcrRepository(repo, 'v1'), portMappings: [{ containerPort: 8080 }] });
  new SecureFargateService(stack, 'Web', { cluster, taskDefinition });
  const r = checkCompliance(stack);
  console.log(r.report.render(r.report.errors));
  console.log(Acknowledgments.list(stack).filter((a) => !a.constructPath.startsWith('Stack/Vpc')).map((a) => `${a.constructPath} ${a.ruleId}`).join('\n'));
});
