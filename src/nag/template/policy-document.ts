import { asList, TemplateValue } from './stack-template';

/** A policy statement as rendered in a template (PascalCase keys). */
export interface TemplateStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: TemplateValue;
  readonly NotPrincipal?: TemplateValue;
  readonly Action?: TemplateValue;
  readonly NotAction?: TemplateValue;
  readonly Resource?: TemplateValue;
  readonly NotResource?: TemplateValue;
  readonly Condition?: Record<string, Record<string, TemplateValue>>;
}

/**
 * The statements of a rendered policy document. A document that is not a
 * literal object (an intrinsic such as `Fn::If`) cannot be judged: it throws,
 * so the rule reports the resource instead of passing it.
 */
export function statementsOf(document: TemplateValue): TemplateStatement[] {
  if (document === undefined || document === null) return [];
  if (typeof document === 'string') return statementsOf(JSON.parse(document));
  if (typeof document !== 'object' || Array.isArray(document)) throw new Error('the policy document is not a literal object');
  const statement = document.Statement;
  if (statement === undefined) return [];
  if (Array.isArray(statement)) return statement;
  if (typeof statement === 'object' && Object.keys(statement).some((k) => k.startsWith('Fn::'))) {
    throw new Error('the policy statements are computed by an intrinsic function');
  }
  return [statement];
}

/** The policy documents an IAM resource carries: `PolicyDocument`, or each of its inline `Policies`. */
export function iamPolicyDocuments(type: string, properties: Record<string, TemplateValue>): TemplateValue[] {
  switch (type) {
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
    case 'AWS::IAM::RolePolicy':
    case 'AWS::IAM::UserPolicy':
    case 'AWS::IAM::GroupPolicy':
      return [properties.PolicyDocument];
    case 'AWS::IAM::Role':
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group':
      return asList(properties.Policies).map((p: any) => p?.PolicyDocument);
    case 'AWS::SSO::PermissionSet':
      return [properties.InlinePolicy];
    default:
      return [];
  }
}

/** Every CloudFormation type whose properties hold identity-based IAM policies. */
export const IAM_POLICY_TYPES = [
  'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy',
  'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::SSO::PermissionSet',
] as const;

/** Whether a statement's principal is everyone: `"*"`, `{ AWS: "*" }` or a list containing `"*"`. */
export function isAnyPrincipal(principal: TemplateValue): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  return asList(principal.AWS).includes('*');
}

/**
 * Whether a statement has a condition that really narrows it: a key matching one of `keys`, under a
 * positive operator (not a negation, `...IfExists`, `Null` or a `ForAnyValue`/`ForAllValues` set
 * qualifier), with values none of which is a bare wildcard.
 */
export function hasNarrowingCondition(statement: TemplateStatement, keys: readonly RegExp[]): boolean {
  return Object.entries(statement.Condition ?? {}).some(([operator, entries]) => {
    if (/Not|IfExists$|^Null$|^For(Any|All)Value:/.test(operator)) return false;
    return Object.entries(entries ?? {}).some(([key, value]) => keys.some((k) => k.test(key))
      && asList(value).length > 0
      && asList(value).every((v) => typeof v !== 'string' || !/^[*?]*$/.test(v)));
  });
}

/** A template value as a stable string, for comparing references (`{"Ref":"Key"}`) and literals. */
export function canonical(value: TemplateValue): string {
  return JSON.stringify(value);
}
export { asList } from './stack-template';
