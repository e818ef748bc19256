import { perContainer } from './ecs-containers';
import { secretLookingEnvironment } from '../../../analysis/container-definitions';
import { defineRule } from '../../template/fortress-rule';

/** No container of a task definition passes a secret-looking value as a plain environment variable (Security Hub ECS.8). */
export default defineRule(__filename, {
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  info: 'A container of the ECS task definition passes a secret as a plain environment variable.',
  explanation: 'Plain environment values are stored in the task definition, readable by anyone with ecs:DescribeTaskDefinition and in every '
    + 'template and deployment log. AwsSolutions-ECS2 flags all environment variables (and is often acknowledged for plain configuration); '
    + 'this rule keeps the ones that hold secrets an error, judged like Lambda environments (literals under names with SECRET, PASSWORD, '
    + 'TOKEN, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIAL unless they name a reference such as *_ARN; secretsmanager and ssm-secure dynamic '
    + 'references), plus values that are AWS access key ids or PEM private keys.',
  fix: 'Pass the value as a secret: secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secret) } or ecs.Secret.fromSsmParameter(parameter).',
  evaluate: (taskDefinition) => perContainer(taskDefinition, (c) => {
    const entries = secretLookingEnvironment(c);
    return entries.length === 0 ? undefined : `plain environment variables that look like secrets: ${entries.join('; ')}.`;
  }),
});
