import { Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { containerDefinitionsOf, containerNameOf, containerProblems } from '../analysis/container-definitions';
import { FortressError } from '../core/fortress-error';
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

/** The roles of a task definition that are not LeastPrivilegeRoles, as `[prop, role]`. */
export function unrestrictedRolesOf(taskDefinition: ecs.TaskDefinition): Array<[string, iam.IRole]> {
  const roles: Array<[string, iam.IRole | undefined]> = [['taskRole', taskDefinition.taskRole], ['executionRole', taskDefinition.executionRole]];
  return roles.filter((entry): entry is [string, iam.IRole] => entry[1] !== undefined && !(entry[1] instanceof LeastPrivilegeRole));
}

/** A task definition's properties as CloudFormation will receive them, resolved. */
function renderedProperties(cfn: ecs.CfnTaskDefinition): any {
  const rendered = Stack.of(cfn).resolve((cfn as any)._toCloudFormation());
  return Object.values<any>(rendered?.Resources ?? {})[0]?.Properties ?? {};
}

