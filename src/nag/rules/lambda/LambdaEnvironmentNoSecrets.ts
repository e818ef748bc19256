import { environmentSecretProblem } from '../../../analysis';
import { defineRule, RuleProblem } from '../../template/fortress-rule';

/**
 * Lambda environment variables hold no secrets: no literal value under a secret-looking name (`*PASSWORD*`,
 * `*SECRET*`, `*TOKEN*`, `*API_KEY*`, ...), and no `{{resolve:secretsmanager:...}}` / `{{resolve:ssm-secure:...}}`
 * dynamic reference anywhere in a value. A KMS key on the environment does not help: the value is in the
 * template. One finding per variable.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::Lambda::Function'],
  info: 'A Lambda environment variable holds a secret.',
  explanation: 'Environment variables are stored in the template, the cloud assembly and the function configuration, readable by anyone '
    + 'allowed lambda:GetFunctionConfiguration, and never rotate.',
  fix: 'Store the secret in Secrets Manager (SecureSecret) or an SSM SecureString parameter, pass its ARN or name in the environment '
    + '(e.g. DB_SECRET_ARN), grant the function read access, and read it at runtime (the Parameters and Secrets Lambda extension caches it).',
  evaluate: (resource): RuleProblem[] => {
    const variables = resource.properties.Environment?.Variables;
    if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) return [];
    return Object.entries(variables).flatMap(([key, value]) => {
      const problem = environmentSecretProblem(key, value);
      return problem ? [{ detail: `${problem}.`, finding: key }] : [];
    });
  },
});
