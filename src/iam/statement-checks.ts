import * as iam from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { NoResourceLevelAction } from './least-privilege-role';
import { wildcardFindings } from '../analysis';
import { assertExplainingReason } from '../core/acknowledgments';
import { FortressError } from '../core/fortress-error';
import { coversPassRole, isEscalationAction, isServiceWideAction, RESOURCE_LEVEL_ACTIONS } from '../core/permissions';
import { PropChecks } from '../core/prop-checks';
import { hasNarrowingCondition } from '../nag/template/policy-document';

/**
 * What makes an Allow statement unacceptable for a LeastPrivilegeRole, or
 * `undefined` when it is acceptable. Deny statements only ever narrow access.
 *
 * @param statement the statement to check
 * @param noResourceLevelActions actions declared to have no resource-level permissions (lower-case)
 */
export function statementProblem(statement: iam.PolicyStatement, noResourceLevelActions: ReadonlySet<string>): string | undefined {
  return statementJsonProblem(statement.toStatementJson(), noResourceLevelActions);
}

/**
 * {@link statementProblem} for a statement as JSON, e.g. as rendered in a template (resources may
 * be intrinsic functions: they are read through cdk-nag's `flattenCfnReference`).
 */
export function statementJsonProblem(json: any, noResourceLevelActions: ReadonlySet<string>): string | undefined {
  if (json.Effect === 'Deny') return undefined;
  if (json.NotAction !== undefined) return 'must not use NotAction: it allows every action except those listed';
  if (json.NotResource !== undefined) return 'must not use NotResource: it applies to every resource except those listed';
  const actions = list(json.Action);
  const resources = list(json.Resource);
  const serviceWide = actions.filter(isServiceWideAction);
  if (serviceWide.length > 0) return `must name actions, not ${serviceWide.join(', ')}`;
  if (resources.includes('*')) {
    const undeclared = actions.filter((a) => !noResourceLevelActions.has(a.toLowerCase()));
    if (undeclared.length > 0) {
      return `must name resources: Resource "*" is allowed only for actions declared in noResourceLevelActions (${undeclared.join(', ')} are not)`;
    }
  }
  if (actions.some(coversPassRole)) {
    if (resources.some((r) => r === '*' || r.endsWith('/*'))) return 'must pass specific roles: iam:PassRole needs role ARNs, not wildcards';
    if (!hasNarrowingCondition(json, [/^iam:passedtoservice$/i])) {
      return 'must condition iam:PassRole on iam:PassedToService (the service the role may be passed to)';
    }
  }
  return undefined;
}

/** A statement rendered for an error message: its Sid, or its actions and resources. */
export function describeStatement(statement: iam.PolicyStatement | any): string {
  const json = statement instanceof iam.PolicyStatement ? statement.toStatementJson() : statement;
  return json.Sid ? `statement ${json.Sid}` : `statement ${JSON.stringify({ Action: json.Action ?? json.NotAction, Resource: json.Resource ?? json.NotResource })}`;
}

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v : flattenCfnReference(v)));
}

/**
 * `noResourceLevelActions` as a map from lower-case action to reason, validated: each entry
 * sets `action` or `actions`, exact actions only, no duplicates, no administration or escalation
 * actions, and none of the common actions known to support resource-level permissions.
 */
export function noResourceLevelActionsOf(path: string, entries: NoResourceLevelAction[] | undefined): Map<string, string> {
  const check = new PropChecks(path);
  const map = new Map<string, string>();
  for (const [i, entry] of (entries ?? []).entries()) {
    const prop = `noResourceLevelActions[${i}]`;
    if (entry === undefined || entry === null || typeof entry !== 'object') throw FortressError.invalidProp(path, prop, 'must be { actions, reason }', entry === undefined ? 'undefined' : entry);
    check.exclusive(`${prop}.action`, entry.action, `${prop}.actions`, entry.actions);
    const [actionsProp, actions] = entry.actions !== undefined ? [`${prop}.actions`, entry.actions] : [`${prop}.action`, entry.action === undefined ? [] : [entry.action]];
    if (!Array.isArray(actions) || actions.length === 0) throw FortressError.invalidProp(path, `${prop}.actions`, 'is required: at least one action (set actions, or action)');
    for (const action of actions) {
      check.matches(actionsProp, typeof action === 'string' ? action : String(action), /^[a-z0-9-]+:[A-Za-z0-9]+$/, 'exact actions such as ec2:DescribeInstances, without wildcards');
      if (isEscalationAction(action)) {
        throw FortressError.invalidProp(path, actionsProp, 'must not include administration or privilege-escalation actions (iam writes, sts:AssumeRole, kms:PutKeyPolicy, kms:CreateGrant, ...): allow them only on named resources', action);
      }
      if (RESOURCE_LEVEL_ACTIONS.has(action.toLowerCase())) {
        throw FortressError.invalidProp(path, actionsProp, 'must list only actions without resource-level permissions; this one takes resource ARNs: name them in the statement instead', action);
      }
      if (map.has(action.toLowerCase())) throw FortressError.invalidProp(path, actionsProp, 'must not repeat an action declared in an earlier entry', action);
    }
    check.unique(actionsProp, actions.map((a) => a.toLowerCase()));
    assertExplainingReason(path, `${prop}.reason`, entry.reason);
    actions.forEach((a) => map.set(a.toLowerCase(), entry.reason.trim()));
  }
  return map;
}

/**
 * What makes a statement of an identity-based policy for people unacceptable (SecureUserGroup, SecurePermissionSet):
 * {@link statementJsonProblem} (LeastPrivilegeRole's checks), then the analyzer's administrator-equivalence errors.
 */
export function permissionProblem(json: any, noResourceLevel: ReadonlyMap<string, string>): string | undefined {
  const problem = statementJsonProblem(json, new Set(noResourceLevel.keys()));
  if (problem) return problem;
  const error = wildcardFindings(json).find((f) => f.severity === 'error');
  return error ? `must not be administrator-equivalent: ${error.message}` : undefined;
}
