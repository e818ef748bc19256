// Pure judgments of ECS container definitions as CloudFormation receives them (AWS::ECS::TaskDefinition
// ContainerDefinitions): the FortressChecks ECS rules and SecureFargateTaskDefinition / SecureFargateService call these,
// so the construct refuses exactly what the rules report. Secret-looking environment names are judged by the same
// function as Lambda environments (environmentSecretProblem).

import { environmentSecretProblem } from './lambda-environment';

/**
 * Values that are secrets whatever their name: AWS access key ids (long-term `AKIA`, temporary `ASIA`)
 * and PEM private keys.
 */
const SECRET_LOOKING_VALUES: readonly RegExp[] = [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/];

/** A container definition's name, or `container <index>` when it has none (or it is not a literal). */
export function containerNameOf(container: any, index: number): string {
  return typeof container?.Name === 'string' ? container.Name : `container ${index + 1}`;
}

/** Whether `value` is literally true (the boolean or the string CloudFormation also accepts). */
function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * Whether a container `User` runs as root: absent or empty (the image's default, root for most
 * images), `root`, `0`, or a `user:group` whose user part is `root` or `0` (e.g. `0:0`, `root:app`).
 * An unresolved value (an intrinsic function) is not judged root.
 */
export function isRootUser(user: unknown): boolean {
  if (user === undefined || user === null) return true;
  if (typeof user !== 'string') return false;
  const name = user.trim().split(':')[0].trim().toLowerCase();
  return name === '' || name === 'root' || /^0+$/.test(name);
}

/** Why the container's user is root, for messages. */
export function describeRootUser(user: unknown): string {
  return user === undefined || user === null || (typeof user === 'string' && user.trim() === '')
    ? 'User is not set, so the container runs as the image\'s default user (root for most images)'
    : `User ${JSON.stringify(user)} is root`;
}

/** Whether the container is privileged. */
export function isPrivileged(container: any): boolean {
  return isTrue(container?.Privileged);
}

/** Whether the container's root file system is read-only (only a literal true counts). */
export function hasReadOnlyRootFilesystem(container: any): boolean {
  return isTrue(container?.ReadonlyRootFilesystem);
}

/** Why an environment entry looks like a secret, or undefined when it does not. */
export function secretLookingEnvironmentProblem(name: unknown, value: unknown): string | undefined {
  const byName = environmentSecretProblem(String(name), value);
  if (byName) return byName;
  if (typeof value === 'string' && SECRET_LOOKING_VALUES.some((pattern) => pattern.test(value))) {
    return `the value of ${JSON.stringify(name)} looks like an AWS access key id or a private key`;
  }
  return undefined;
}

/** The plain environment entries of a container that look like secrets, as `NAME: why`. */
export function secretLookingEnvironment(container: any): string[] {
  const environment = Array.isArray(container?.Environment) ? container.Environment : [];
  return environment.flatMap((entry: any) => {
    const problem = secretLookingEnvironmentProblem(entry?.Name, entry?.Value);
    return problem ? [`${String(entry?.Name)}: ${problem}`] : [];
  });
}

/** The log driver of a container (`awslogs`, `awsfirelens`, ...), or undefined when it has no log configuration. */
export function logDriverOf(container: any): string | undefined {
  const driver = container?.LogConfiguration?.LogDriver;
  return typeof driver === 'string' ? driver : undefined;
}

/** The container definitions of a rendered task definition, as a list. */
export function containerDefinitionsOf(taskDefinitionProperties: any): any[] {
  const containers = taskDefinitionProperties?.ContainerDefinitions;
  return Array.isArray(containers) ? containers : [];
}

/**
 * Every hardening problem of one container, in a fixed order, for constructs that refuse them:
 * privileged, root user, writable root file system (unless `writableAllowed`), logs not to CloudWatch
 * Logs (`awslogs`), and plain environment values that look like secrets.
 */
export function containerProblems(container: any, writableAllowed = false): string[] {
  const problems: string[] = [];
  if (isPrivileged(container)) problems.push('Privileged is true (the container has every capability of the host)');
  if (isRootUser(container?.User)) problems.push(describeRootUser(container?.User));
  if (!writableAllowed && !hasReadOnlyRootFilesystem(container)) problems.push('ReadonlyRootFilesystem is not true');
  if (logDriverOf(container) !== 'awslogs') problems.push(`logs go to ${logDriverOf(container) ?? 'no log driver'}, not to CloudWatch Logs (awslogs)`);
  for (const entry of secretLookingEnvironment(container)) {
    problems.push(`plain environment variable ${entry}: pass it as a secret (ecs.Secret.fromSecretsManager or fromSsmParameter)`);
  }
  return problems;
}
