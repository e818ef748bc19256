import { Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { hardeningProblems } from './hardening';
import { isRootUser, secretLookingEnvironmentProblem } from '../analysis/container-definitions';
import { Acknowledgments, assertExplainingReason } from '../core/acknowledgments';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { pathOf, PropChecks } from '../core/prop-checks';
import { LeastPrivilegeRole, NoResourceLevelAction } from '../iam/least-privilege-role';
import { KmsKeyRing } from '../kms/kms-key-ring';
import { SecureLogGroup } from '../logs/secure-log-group';

/** The user a container runs as when `user` is not set: an unprivileged uid most images accept. */
const DEFAULT_CONTAINER_USER = '1000';

/** The rule whose per-container findings `addContainerWithWritableRootFilesystem` acknowledges. */
const READ_ONLY_ROOT_RULE = 'Fortress-ECSTaskDefinitionReadOnlyRootFilesystem';

/**
 * Actions the roles of a task may need on `Resource: "*"` because AWS offers nothing narrower.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsessionmanagermessagegatewayservice.html
 */
const EXECUTION_ROLE_WILDCARDS: NoResourceLevelAction[] = [{
  actions: ['ecr:GetAuthorizationToken'],
  reason: 'ECR issues registry authorization tokens per account and region; the Service Authorization Reference lists no resource type for '
    + 'GetAuthorizationToken, and the image pulls themselves are limited to the named repositories.',
}];
const TASK_ROLE_WILDCARDS: NoResourceLevelAction[] = [{
  actions: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
  reason: 'Only used when a service opts into ECS Exec: the SSM agent in the task opens Session Manager channels, and the Service '
    + 'Authorization Reference lists no resource type for these ssmmessages actions.',
}, {
  actions: ['logs:DescribeLogGroups'],
  reason: 'Only used when a service opts into ECS Exec: the SSM agent checks the session log group exists; DescribeLogGroups lists log groups '
    + 'of the account and takes no log group ARN, while writes stay limited to the session log group.',
}];

/**
 * Properties of a {@link SecureFargateTaskDefinition}. Every prop is optional.
 */
export interface SecureFargateTaskDefinitionProps {
  /**
   * vCPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384 (with a memory size Fargate pairs with it).
   *
   * @default 256
   */
  readonly cpu?: number;

  /**
   * Memory in MiB, from 512 to 122880, in a combination with `cpu` that Fargate supports.
   *
   * @default 512
   */
  readonly memoryLimitMiB?: number;

  /**
   * The task definition family: 1-255 letters, digits, `-` and `_`.
   *
   * @default - generated from the construct path
   */
  readonly family?: string;

  /**
   * The operating system and CPU architecture.
   *
   * @default - Linux on X86_64 (Fargate's default)
   */
  readonly runtimePlatform?: ecs.RuntimePlatform;

  /**
   * Ephemeral storage in GiB, 21 to 200 (Fargate encrypts it with an AWS owned key).
   *
   * @default - 20 GiB
   */
  readonly ephemeralStorageGiB?: number;

  /**
   * The log group every container logs to (awslogs driver, stream prefix = container id).
   * Cannot be combined with `keyRing`.
   *
   * @default - a SecureLogGroup created for this task definition (`<task definition>/Logs`), kept 1 year, retained
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * The key ring whose logs key encrypts the log group this construct creates. Cannot be combined with `logGroup`.
   *
   * @default - the stack's shared ring, `KmsKeyRing.of(this)`
   */
  readonly keyRing?: KmsKeyRing;

  /**
   * The role the application in the containers uses. Must be a `LeastPrivilegeRole` (its permissions are checked).
   *
   * @default - a LeastPrivilegeRole with no permissions (grant what the application needs, e.g. `bucket.grantRead(taskDefinition.taskRole)`)
   */
  readonly taskRole?: iam.IRole;

  /**
   * The role ECS uses to pull images, write logs and fetch secrets. Must be a `LeastPrivilegeRole`.
   *
   * @default - a LeastPrivilegeRole that receives exactly the pulls, log writes and secret reads its containers need
   */
  readonly executionRole?: iam.IRole;
}

/**
 * A Fargate task definition whose containers are hardened by default and refused when unsafe, and a
 * drop-in `ecs.FargateTaskDefinition`.
 *
 * `addContainer` sets a read-only root file system, a non-root user (`1000` unless you name another
 * non-root user) and the awslogs driver to the task definition's SecureLogGroup; it refuses privileged
 * containers, root users, a writable root file system (see `addContainerWithWritableRootFilesystem`), other
 * log drivers and plain environment values that look like secrets. Task and execution roles are
 * LeastPrivilegeRoles without AWS managed policies: the execution role receives exactly the ECR pulls, log
 * writes and secret reads of its containers. Containers added any other way (e.g. `new ecs.ContainerDefinition`)
 * and escape-hatch overrides are checked again at synthesis.
 *
 * @example
 * declare const repository: ecr.IRepository;
 * const taskDefinition = new SecureFargateTaskDefinition(this, 'Web');
 * taskDefinition.addContainer('app', {
 *   image: ecs.ContainerImage.fromEcrRepository(repository, 'v1.2.3'),
 *   portMappings: [{ containerPort: 8080 }],
 * });
 */
export class SecureFargateTaskDefinition extends ecs.FargateTaskDefinition {
  /** The log group the containers log to. */
  public readonly logGroup: logs.ILogGroup;
  private readonly writableContainers = new Map<string, string>();
  private environmentAcknowledged = false;

  constructor(scope: Construct, id: string, props: SecureFargateTaskDefinitionProps = {}) {
    const p = propsOf(scope, id, props);
    const path = pathOf(scope, id);
    validate(path, p);
    super(scope, id, {
      cpu: p.cpu,
      memoryLimitMiB: p.memoryLimitMiB,
      family: p.family,
      runtimePlatform: p.runtimePlatform,
      ephemeralStorageGiB: p.ephemeralStorageGiB,
      executionRole: p.executionRole,
      taskRole: p.taskRole,
    });
    if (p.taskRole === undefined) this.replaceDefaultTaskRole();
    if (p.executionRole === undefined) this.obtainExecutionRole();
    this.logGroup = p.logGroup ?? new SecureLogGroup(this, 'Logs', { keyRing: p.keyRing });
    this.node.addValidation({ validate: () => hardeningProblems(this, this.writableContainers) });
  }

  /**
   * Adds a hardened container: read-only root file system, non-root user (`1000` by default), logs to this
   * task definition's log group. Refuses `privileged`, a root `user`, `readonlyRootFilesystem: false`, `logging`
   * and plain `environment` values that look like secrets (pass those in `secrets`).
   */
  public addContainer(id: string, props: ecs.ContainerDefinitionOptions): ecs.ContainerDefinition {
    return this.addHardenedContainer(id, props, undefined);
  }

  /**
   * Adds a hardened container whose root file system stays writable, for an image that cannot run
   * read-only; `Fortress-ECSTaskDefinitionReadOnlyRootFilesystem` is acknowledged for this container only,
   * with `reason`. Prefer a volume for the paths the application writes.
   *
   * @param reason why the container needs a writable root file system, and why that is acceptable
   */
  public addContainerWithWritableRootFilesystem(id: string, props: ecs.ContainerDefinitionOptions, reason: string): ecs.ContainerDefinition {
    assertExplainingReason(pathOf(this, id), 'reason', reason, READ_ONLY_ROOT_RULE);
    return this.addHardenedContainer(id, props, reason.trim());
  }

  /**
   * Creates the execution role on first use, as a LeastPrivilegeRole (aws-cdk-lib would create a plain role).
   */
  public obtainExecutionRole(): iam.IRole {
    if (this.executionRole === undefined) {
      const role = new LeastPrivilegeRole(this, 'ExecutionRole', {
        assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
        description: `ECS execution role of ${this.node.path}: image pulls, log writes and secret reads of its containers`,
        noResourceLevelActions: EXECUTION_ROLE_WILDCARDS,
      });
      (this as any)._executionRole = role;
    }
    return super.obtainExecutionRole();
  }

  private addHardenedContainer(id: string, props: ecs.ContainerDefinitionOptions, writableReason: string | undefined): ecs.ContainerDefinition {
    const path = pathOf(this, id);
    if (props === undefined || props === null || typeof props !== 'object') {
      throw FortressError.invalidProp(path, 'props', 'are required: at least { image }', props === undefined ? 'undefined' : props);
    }
    const check = new PropChecks(path);
    check.required('image', props.image, 'the container image, e.g. ecs.ContainerImage.fromEcrRepository(repository, tag)');
    if (props.privileged === true) {
      throw FortressError.invalidProp(path, 'privileged', 'must not be true: a privileged container has every capability of its host (Fargate refuses it too)', true);
    }
    if (props.user !== undefined && !Token.isUnresolved(props.user) && isRootUser(props.user)) {
      throw FortressError.invalidProp(path, 'user', `must be a non-root user, e.g. '${DEFAULT_CONTAINER_USER}' or '${DEFAULT_CONTAINER_USER}:${DEFAULT_CONTAINER_USER}'`, props.user);
    }
    if (props.readonlyRootFilesystem === false && writableReason === undefined) {
      throw FortressError.invalidProp(path, 'readonlyRootFilesystem', 'must not be false: mount a volume for the paths the application writes, '
        + 'or use addContainerWithWritableRootFilesystem(id, options, reason) to record why this container needs it', false);
    }
    if (props.logging !== undefined) {
      throw FortressError.invalidProp(path, 'logging', 'is set by the task definition (awslogs to its SecureLogGroup); pass logGroup to the task definition to choose the group');
    }
    for (const [name, value] of Object.entries(props.environment ?? {})) {
      const problem = secretLookingEnvironmentProblem(name, value);
      if (problem) {
        throw FortressError.invalidProp(path, `environment.${name}`, `must not carry a secret (${problem}): pass it in secrets, `
          + 'e.g. ecs.Secret.fromSecretsManager(secret) or ecs.Secret.fromSsmParameter(parameter)');
      }
    }
    const containerName = props.containerName ?? id;
    if (writableReason !== undefined) {
      this.writableContainers.set(containerName, writableReason);
      Acknowledgments.acknowledge(this, `${READ_ONLY_ROOT_RULE}[${containerName}]`, writableReason);
    }
    const container = super.addContainer(id, {
      ...props,
      user: props.user ?? DEFAULT_CONTAINER_USER,
      readonlyRootFilesystem: writableReason === undefined,
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: id, logGroup: this.logGroup }),
    });
    if (Object.keys(props.environment ?? {}).length > 0) this.acknowledgePlainEnvironment();
    return container;
  }

  /** aws-cdk-lib creates a plain iam.Role as task role in its constructor: replace it with a LeastPrivilegeRole at the same path. */
  private replaceDefaultTaskRole(): void {
    this.node.tryRemoveChild('TaskRole');
    const role = new LeastPrivilegeRole(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: `ECS task role of ${this.node.path}: the permissions of the application in its containers`,
      noResourceLevelActions: TASK_ROLE_WILDCARDS,
    });
    (this as any).taskRole = role;
    (this.node.defaultChild as ecs.CfnTaskDefinition).taskRoleArn = role.roleArn;
  }

  /** AwsSolutions-ECS2 flags every plain environment variable; the ones that look like secrets are refused (and stay errors in FortressChecks). */
  private acknowledgePlainEnvironment(): void {
    if (this.environmentAcknowledged) return;
    this.environmentAcknowledged = true;
    Acknowledgments.acknowledge(this, 'AwsSolutions-ECS2',
      'The plain environment variables of this task definition carry configuration only: SecureFargateTaskDefinition refuses names and values '
      + 'that look like secrets, and Fortress-ECSTaskDefinitionNoPlaintextSecrets checks the rendered template again.');
  }
}

const FARGATE_CPU = [256, 512, 1024, 2048, 4096, 8192, 16384];

function validate(path: string, p: SecureFargateTaskDefinitionProps): void {
  const check = new PropChecks(path);
  check.oneOf('cpu', p.cpu, FARGATE_CPU);
  check.integerInRange('memoryLimitMiB', p.memoryLimitMiB, 512, 122_880);
  check.matches('family', p.family, /^[A-Za-z0-9_-]{1,255}$/, '1-255 letters, digits, - or _');
  check.integerInRange('ephemeralStorageGiB', p.ephemeralStorageGiB, 21, 200);
  check.exclusive('logGroup', p.logGroup, 'keyRing', p.keyRing);
  if (p.keyRing !== undefined && !(p.keyRing instanceof KmsKeyRing)) throw FortressError.invalidProp(path, 'keyRing', 'must be a KmsKeyRing');
  if (p.logGroup !== undefined && typeof (p.logGroup as any)?.logGroupArn !== 'string') throw FortressError.invalidProp(path, 'logGroup', 'must be a logs.ILogGroup');
  for (const prop of ['taskRole', 'executionRole'] as const) {
    if (p[prop] !== undefined && !(p[prop] instanceof LeastPrivilegeRole)) {
      throw FortressError.invalidProp(path, prop, 'must be a LeastPrivilegeRole (its permissions are checked: no wildcards, no admin or AWS managed '
        + 'policies unless declared), or be omitted to get one');
    }
  }
}
