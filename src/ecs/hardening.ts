import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { containerDefinitionsOf, containerNameOf, containerProblems } from '../analysis/container-definitions';
import { FortressError } from '../core/fortress-error';
import { renderedProperties } from '../core/rendered';
import { LeastPrivilegeRole } from '../iam/least-privilege-role';

// Checks shared by SecureFargateTaskDefinition and SecureFargateService (internal: not exported from src/index.ts).

/**
 * The hardening problems of a task definition's rendered containers (escape hatches included), as the
 * library's error messages: for `node.addValidation` of the task definition and of services that run it.
 *
 * @param writable containers allowed a writable root file system, by name, with the reason
 */
export function hardeningProblems(taskDefinition: ecs.TaskDefinition, writable: ReadonlyMap<string, string> = new Map()): string[] {
  const properties = renderedProperties(taskDefinition.node.defaultChild as ecs.CfnTaskDefinition);
  const problems: string[] = [];
  const networkMode = properties.NetworkMode;
  if (networkMode !== undefined && networkMode !== 'awsvpc') {
    problems.push(FortressError.invalidProp(taskDefinition, 'networkMode', 'must be awsvpc (no host or bridge networking)', networkMode).message);
  }
  containerDefinitionsOf(properties).forEach((container, i) => {
    const name = containerNameOf(container, i);
    for (const problem of containerProblems(container, writable.has(name))) {
      problems.push(FortressError.invalidProp(taskDefinition, `container ${name}`, `must be hardened: ${problem}`).message);
    }
  });
  return problems;
}

/**
 * The hardening problems of the containers a task definition has so far, judged from the containers' props, for
 * checks at construction time. Rendering the task definition this early would freeze aws-cdk-lib's cached lazy values
 * (containers added later would be lost), so the rendered template is judged at synthesis only ({@link hardeningProblems}).
 */
export function constructionProblems(taskDefinition: ecs.TaskDefinition): string[] {
  const containers: ecs.ContainerDefinition[] = (taskDefinition as any).containers ?? [];
  return containers.flatMap((container) => {
    const props: ecs.ContainerDefinitionProps = (container as any).props ?? {};
    const json = {
      Name: container.containerName,
      Privileged: props.privileged,
      User: props.user,
      ReadonlyRootFilesystem: props.readonlyRootFilesystem,
      LogConfiguration: container.logDriverConfig ? { LogDriver: container.logDriverConfig.logDriver } : undefined,
      Environment: Object.entries(props.environment ?? {}).map(([Name, Value]) => ({ Name, Value })),
    };
    return containerProblems(json).map((problem) => `container ${container.containerName}: ${problem}`);
  });
}

/** The roles of a task definition that are not LeastPrivilegeRoles, as `[prop, role]`. */
export function unrestrictedRolesOf(taskDefinition: ecs.TaskDefinition): Array<[string, iam.IRole]> {
  const roles: Array<[string, iam.IRole | undefined]> = [['taskRole', taskDefinition.taskRole], ['executionRole', taskDefinition.executionRole]];
  return roles.filter((entry): entry is [string, iam.IRole] => entry[1] !== undefined && !(entry[1] instanceof LeastPrivilegeRole));
}


