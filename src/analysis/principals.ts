/**
 * Which AWS accounts a statement's `Principal` names, and whether that crosses the account boundary.
 */
import { ACCOUNT_PLACEHOLDER, renderValue } from './intrinsics';
import { isEveryone, NormalizedStatement, toStatement } from './policy-statements';

/** One `AWS` principal with the account it belongs to. */
export interface AwsPrincipalInfo {
  /** As written (string or intrinsic). */
  readonly value: unknown;
  /** 12-digit id, `own` (the deploying account), `*` (everyone) or `unknown`. */
  readonly account: string;
  /** A whole account (`123456789012`, `arn:...:root`) rather than a named role, user or session. */
  readonly wholeAccount: boolean;
}

/** The accounts a statement's `AWS` principals name. */
export interface PrincipalAccounts {
  /** `Principal: "*"`, `{"AWS": "*"}`, or a `NotPrincipal`. */
  readonly everyone: boolean;
  /** Distinct 12-digit ids named literally (the own account's id too, when it is given literally). */
  readonly accounts: string[];
  /** Whether the deploying account is named (`${AWS::AccountId}` forms, or the given own id). */
  readonly ownAccount: boolean;
  /** Principal values whose account cannot be known (parameters, imports, unique ids). */
  readonly unknown: unknown[];
  readonly entries: AwsPrincipalInfo[];
}

function ownAccountId(ownAccount: unknown): string | undefined {
  return typeof ownAccount === 'string' && /^\d{12}$/.test(ownAccount) ? ownAccount : undefined;
}

/** The account of one `AWS` principal value. */
export function principalAccount(value: unknown, ownAccount?: unknown, ownIdentities: readonly string[] = []): AwsPrincipalInfo {
  // The Arn of an IAM role or user of the same template names an identity of the deploying account.
  if (ownIdentities.length > 0 && ownIdentities.includes(arnAttributeOf(value) ?? '')) return { value, account: 'own', wholeAccount: false };
  const rendered = renderValue(value);
  const own = ownAccountId(ownAccount);
  if (rendered === undefined) return { value, account: 'unknown', wholeAccount: false };
  if (rendered === '*') return { value, account: '*', wholeAccount: true };
  const classify = (id: string): string => {
    if (id === ACCOUNT_PLACEHOLDER || (own !== undefined && id === own)) return 'own';
    return /^\d{12}$/.test(id) ? id : 'unknown';
  };
  if (!rendered.startsWith('arn:')) return { value, account: classify(rendered), wholeAccount: true };
  // Placeholders hold colons: mask them while splitting, then restore the account field.
  const placeholders: string[] = [];
  const masked = rendered.replace(/\$\{[^}]*\}/g, (m) => `\u0000${placeholders.push(m) - 1}\u0000`);
  const fields = masked.split(':');
  const unmask = (s: string): string => s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => placeholders[Number(i)]);
  const account = fields.length >= 6 ? unmask(fields[4]) : '';
  return { value, account: classify(account), wholeAccount: fields.slice(5).join(':') === 'root' };
}

/** The logical id X of `{"Fn::GetAtt": [X, "Arn"]}` (or `"X.Arn"`), if `value` is that. */
function arnAttributeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Object.keys(value).length !== 1) return undefined;
  const getAtt = (value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
  const [id, attribute] = typeof getAtt === 'string' ? getAtt.split('.') : Array.isArray(getAtt) ? getAtt : [];
  return attribute === 'Arn' && typeof id === 'string' ? id : undefined;
}

/** The AWS accounts and identities a statement's `Principal` names. `ownAccount` may be an id or an intrinsic. */
export function principalAccounts(statement: unknown, ownAccount?: unknown): PrincipalAccounts {
  const s: NormalizedStatement = toStatement(statement);
  const entries = (s.principals ?? []).filter((p) => p.kind === 'AWS' || p.kind === '*').map((p) => principalAccount(p.value, ownAccount));
  const everyone = s.notPrincipals !== undefined || (s.principals ?? []).some(isEveryone);
  const own = ownAccountId(ownAccount);
  const accounts = [...new Set(entries.map((e) => (e.account === 'own' && own ? own : e.account)).filter((a) => /^\d{12}$/.test(a)))];
  return {
    everyone,
    accounts,
    ownAccount: entries.some((e) => e.account === 'own'),
    unknown: entries.filter((e) => e.account === 'unknown').map((e) => e.value),
    entries,
  };
}

/** Condition keys that name the calling principal's account or organization. */
const CALLER_ACCOUNT_KEYS = ['aws:principalaccount', 'kms:calleraccount'];
const CALLER_ORG_KEYS = ['aws:principalorgid', 'aws:principalorgpaths'];

/**
 * For a statement whose principal is everyone: the accounts and organizations its positive conditions admit
 * (`aws:PrincipalAccount`, `kms:CallerAccount`, `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`), other than the own
 * account. `Principal: "*"` with `aws:PrincipalAccount` = another account is that account, spelled differently.
 */
export function conditionNamedOutsiders(statement: unknown, ownAccount?: unknown): string[] {
  const s: NormalizedStatement = toStatement(statement);
  const own = ownAccountId(ownAccount);
  const outsiders: string[] = [];
  for (const c of s.conditions) {
    if (c.operator.startsWith('Not') || !c.operator.startsWith('String')) continue;
    for (const value of c.values) {
      const rendered = renderValue(value);
      if (CALLER_ACCOUNT_KEYS.includes(c.key)) {
        const isOwn = rendered === ACCOUNT_PLACEHOLDER || (own !== undefined && rendered === own);
        if (!isOwn) outsiders.push(`account ${rendered ?? JSON.stringify(value)}`);
      } else if (CALLER_ORG_KEYS.includes(c.key)) {
        outsiders.push(`every account of organization ${rendered ?? JSON.stringify(value)}`);
      }
    }
  }
  return [...new Set(outsiders)];
}

/** Whether a statement reaches outside the deploying account. */
export interface CrossAccountVerdict {
  /** True when it names everyone or another account. */
  readonly crossAccount: boolean;
  readonly everyone: boolean;
  /** 12-digit ids other than the own account. */
  readonly foreignAccounts: string[];
  /** Principals whose account cannot be known: report them separately (a warning, not a verdict). */
  readonly unknown: unknown[];
}

/**
 * Whether the statement's principals include another account. `ownAccount` is a 12-digit id or an
 * intrinsic such as `{"Ref": "AWS::AccountId"}`; with an intrinsic (an environment-agnostic stack)
 * no literal id can be proven to be the own account, so literal ids count as foreign.
 */
export function isCrossAccount(statement: unknown, ownAccount?: unknown): CrossAccountVerdict {
  const p = principalAccounts(statement, ownAccount);
  const own = ownAccountId(ownAccount);
  const foreignAccounts = p.accounts.filter((a) => a !== own);
  return { crossAccount: p.everyone || foreignAccounts.length > 0, everyone: p.everyone, foreignAccounts, unknown: p.unknown };
}
