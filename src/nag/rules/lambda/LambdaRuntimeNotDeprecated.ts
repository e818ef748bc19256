import { lambdaRuntimeDeprecation } from '../../../analysis';
import { defineRule, RuleProblem } from '../../template/fortress-rule';

/**
 * Lambda functions do not use a runtime AWS has deprecated (see `DEPRECATED_LAMBDA_RUNTIMES`). Every
 * `AWS::Lambda::Function` is judged, including aws-cdk-lib's own handlers (raw CfnResources the standard packs
 * skip). Container image functions have no `Runtime` and are not applicable. AwsSolutions-L1 and
 * Serverless-LambdaLatestVersion ask for the newest runtime of a family, judge only typed `CfnFunction`s, and
 * do not tell a supported older runtime from one without security patches.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::Lambda::Function'],
  info: 'The Lambda function uses a deprecated runtime.',
  explanation: 'After deprecation AWS no longer applies security patches to the runtime, the function loses technical support, '
    + 'and soon it can no longer be created or updated (https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html).',
  fix: 'Move the function to a supported runtime (e.g. lambda.Runtime.NODEJS_24_X, PYTHON_3_14, JAVA_25); for aws-cdk-lib\'s own handlers, upgrade aws-cdk-lib.',
  evaluate: (resource): RuleProblem[] => {
    const runtime = resource.properties.Runtime;
    const deprecated = lambdaRuntimeDeprecation(runtime);
    return deprecated === undefined ? [] : [{ detail: `Runtime ${runtime} was deprecated by AWS on ${deprecated}.` }];
  },
});
