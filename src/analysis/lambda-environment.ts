/**
 * Judgment of Lambda environment variables that carry secrets, shared by SecureFunction (refusal at synth) and
 * the FortressChecks rule on rendered templates. Environment variables are readable by everyone allowed
 * `lambda:GetFunctionConfiguration` (and the key), appear in the template, the cloud assembly and the
 * CloudFormation console, and never rotate: secrets belong in Secrets Manager or SSM SecureString parameters,
 * read at runtime (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html).
 */

/** Variable names that say the value is a secret. */
export const SECRET_LOOKING_ENV_KEY = /SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL/i;

/** Names that say the value only points at a secret (an ARN, a name, a parameter path), which is how it should be. */
const REFERENCE_ENV_KEY = /(_ARN|_NAME|_PATH|_PARAM|_PARAMETER|_SECRET_ID)$/i;

/** Values that point at a secret rather than hold one: an ARN, an SSM parameter path. */
const REFERENCE_VALUE = /^(arn:[a-z-]+:(secretsmanager|ssm|kms):|\/[A-Za-z0-9_.\-/]+$)/;

/** A CloudFormation dynamic reference that resolves a secret into the property at deploy time. */
const SECRET_DYNAMIC_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;

/**
 * Why the environment variable `key` with the rendered (or resolved) `value` holds a secret, or `undefined`:
 * - any value containing a `{{resolve:secretsmanager:...}}` or `{{resolve:ssm-secure:...}}` dynamic reference
 *   (CloudFormation puts the secret itself into the variable);
 * - a literal string under a secret-looking name ({@link SECRET_LOOKING_ENV_KEY}), unless the name or the value
 *   says it is a reference (`*_ARN`, `*_NAME`, `*_PATH`, `*_PARAMETER`, `*_SECRET_ID`, an ARN, a `/parameter/path`)
 *   or the value is empty. Values computed by intrinsic functions (`Ref`, `Fn::GetAtt`, ...) are references.
 */
export function environmentSecretProblem(key: string, value: unknown): string | undefined {
  if (SECRET_DYNAMIC_REFERENCE.test(JSON.stringify(value ?? ''))) {
    return `${key} resolves a Secrets Manager or SSM SecureString value into the environment at deploy time`;
  }
  if (typeof value !== 'string' || value === '' || !SECRET_LOOKING_ENV_KEY.test(key)) return undefined;
  if (REFERENCE_ENV_KEY.test(key) || REFERENCE_VALUE.test(value)) return undefined;
  return `${key} looks like a secret and holds a literal value`;
}
