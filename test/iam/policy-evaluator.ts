import { evaluate as evaluateDocuments, resolveIntrinsics } from '../policy-evaluator';

/** An identity-policy request as the SecureUserGroup tests phrase it: the caller's user name fills `${aws:username}`. */
export interface EvaluationRequest {
  readonly action: string;
  readonly resource: string;
  /** Request context keys, e.g. `{ 'aws:MultiFactorAuthPresent': 'true' }`; a missing key is absent. */
  readonly context?: Record<string, string>;
  /** The caller's user name, for `${aws:username}`. */
  readonly username: string;
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

const DECISIONS = { ALLOW: 'Allow', DENY: 'ExplicitDeny', IMPLICIT_DENY: 'ImplicitDeny' } as const;

/** The decision for `request` under the rendered identity-based statements, by the shared evaluator (../policy-evaluator.ts). */
export function evaluate(statements: any[], request: EvaluationRequest): Decision {
  const document = { Statement: statements.map((s) => resolveIntrinsics(s)) };
  return DECISIONS[evaluateDocuments(document, {
    action: request.action,
    resource: request.resource,
    context: { ...request.context, 'aws:username': request.username },
  })];
}
