import * as iam from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { coversPassRole, isServiceWideAction } from '../core/permissions';
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
