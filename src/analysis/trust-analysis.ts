/**
 * Findings for role trust policies (`AssumeRolePolicyDocument`).
 *
 * (a) `Principal: "*"` / `{"AWS": "*"}` / NotPrincipal: always an error, whatever the conditions (a
 *     condition mistake then opens the role to every AWS account).
 * (b) Another account as a whole (`123456789012`, `arn:...:root`) needs one of: `sts:ExternalId`
 *     (StringEquals, fixed value: confused-deputy protection for third parties), `aws:MultiFactorAuthPresent`
 *     `"true"` (Bool) or `aws:MultiFactorAuthAge` (NumericLessThan[Equals]), or a fixed `aws:PrincipalOrgID`.
 *     A named role or user ARN in the other account is accepted as is: that account's administrators
 *     still decide who acts as that identity, but the trust is no longer "anyone the account lets".
 *     Principals whose account cannot be known (parameters, imports) are warnings.
 * (c) Web identity (`sts:AssumeRoleWithWebIdentity`): `<provider>:aud` and, for CI / cluster issuers,
 *     `<provider>:sub` conditions, positive operators, fixed values; see `oidc-providers.ts` for what
 *     each provider's subject must fix. Cognito identity pools need `aud` (the pool id) and `amr`.
 * (d) SAML (`sts:AssumeRoleWithSAML`): a fixed `SAML:aud` condition.
 * (e) Service principals: no findings, listed in the result for information.
 */
import { describeCondition, exactValue, findNarrowing, NarrowingRule, prefixedValue, whyNotNarrowing } from './conditions';
import { Finding, finding } from './findings';
import { matchesAny } from './iam-actions';
import { renderValue } from './intrinsics';
import { oidcProviderFor } from './oidc-providers';
import { isEveryone, NormalizedStatement, normalizePolicy, ParsedCondition, toStatement } from './policy-statements';
import { principalAccount } from './principals';

/** Options of trust analysis. */
export interface TrustAnalysisOptions {
  /** The deploying account: a 12-digit id or an intrinsic (`{"Ref": "AWS::AccountId"}`). */
  readonly ownAccount?: unknown;
  /** Logical ids of the IAM roles and users in the same template (their `Fn::GetAtt` Arn is this account's). */
  readonly ownIdentities?: readonly string[];
}

/** Findings plus what a trust policy admits, for inventories. */
export interface TrustAnalysis {
  readonly findings: Finding[];
  /** Service principals trusted (information only). */
  readonly servicePrincipals: unknown[];
  /** AWS principals in other accounts (literal ids), as written. */
  readonly crossAccountPrincipals: unknown[];
  /** Federated principals (OIDC / SAML providers), as written. */
  readonly federatedPrincipals: unknown[];
}

const MITIGATIONS: Readonly<Record<string, NarrowingRule>> = {
  'sts:externalid': { operators: ['StringEquals'], value: (v) => exactValue(v) ?? (v.trim() === '' ? 'the external id is empty' : undefined) },
  'aws:multifactorauthpresent': { operators: ['Bool'], value: (v) => (v.toLowerCase() === 'true' ? undefined : `"${v}" is not true`) },
  'aws:multifactorauthage': { operators: ['NumericLessThan', 'NumericLessThanEquals'], value: (v) => (/^\d+$/.test(v) || v.startsWith('${') ? undefined : `"${v}" is not a number of seconds`) },
  'aws:principalorgid': { operators: ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike'], value: exactValue },
};

const FIX_CROSS_ACCOUNT = 'add StringEquals {"sts:ExternalId": "<id>"}, Bool {"aws:MultiFactorAuthPresent": "true"}, StringEquals {"aws:PrincipalOrgID": "o-..."}, or trust a named role ARN instead of the whole account';

function crossAccountFindings(s: NormalizedStatement, options: TrustAnalysisOptions, crossAccount: unknown[]): Finding[] {
  const out: Finding[] = [];
  const aws = (s.principals ?? []).filter((p) => p.kind === 'AWS' && !isEveryone(p));
  let mitigation: { narrowing?: ParsedCondition; rejected: string[] } | undefined;
  for (const p of aws) {
    const info = principalAccount(p.value, options.ownAccount, options.ownIdentities);
    const text = JSON.stringify(renderValue(p.value) ?? p.value);
    if (info.account === 'unknown') {
      out.push(finding('TRUST_UNKNOWN_PRINCIPAL', 'warning', `Cannot tell which account trusted principal ${text} belongs to; make sure it is this account or guard it like a cross-account principal (${FIX_CROSS_ACCOUNT}).`));
      continue;
    }
    if (info.account === 'own') continue;
    crossAccount.push(p.value);
    if (!info.wholeAccount) continue;
    mitigation ??= findNarrowing(s, MITIGATIONS);
    if (!mitigation.narrowing) {
      const why = mitigation.rejected.length > 0 ? ` (conditions that do not count: ${mitigation.rejected.join('; ')})` : '';
      out.push(finding('TRUST_CROSS_ACCOUNT_UNCONDITIONED', 'error', `Account ${info.account} (${text}) may assume this role with any of its identities${why}; ${FIX_CROSS_ACCOUNT}.`));
    }
  }
  return out;
}

const POSITIVE_STRING = ['StringEquals', 'StringLike'];

/** The provider host/path of a federated principal (`arn:aws:iam::1:oidc-provider/<host-path>`), if knowable. */
export function federatedHost(value: unknown): string | undefined {
  const rendered = renderValue(value);
  if (rendered === undefined) return undefined;
  const m = /oidc-provider\/(.+)$/.exec(rendered);
  if (m) return m[1].includes('${') ? undefined : m[1].toLowerCase();
  if (rendered.includes('${') || rendered.startsWith('arn:')) return undefined;
  return rendered.toLowerCase();
}

function conditionsEndingWith(s: NormalizedStatement, host: string | undefined, claim: string): ParsedCondition[] {
  return s.conditions.filter((c) => (host ? c.key === `${host}:${claim}` : c.key.endsWith(`:${claim}`) && !c.key.startsWith('aws:') && !c.key.startsWith('saml:')));
}

function requireCondition(conditions: ParsedCondition[], rule: NarrowingRule, code: string, missing: string): Finding[] {
  if (conditions.length === 0) return [finding(code, 'error', missing)];
  const reasons = conditions.map((c) => whyNotNarrowing(c, rule));
  if (reasons.some((r) => r === undefined)) return [];
  return [finding(code, 'error', `${missing} None of the conditions counts: ${reasons.join('; ')}.`)];
}

function webIdentityFindings(s: NormalizedStatement, federated: unknown): Finding[] {
  const host = federatedHost(federated);
  const label = JSON.stringify(renderValue(federated) ?? federated);
  if (host === 'cognito-identity.amazonaws.com') {
    return [
      ...requireCondition(conditionsEndingWith(s, host, 'aud'), { operators: POSITIVE_STRING, value: exactValue }, 'TRUST_COGNITO_NO_AUD',
        'A role trusting Cognito identity pools without StringEquals {"cognito-identity.amazonaws.com:aud": "<identity pool id>"} can be assumed with identities of any pool, in any account.'),
      ...requireCondition(conditionsEndingWith(s, host, 'amr'), { operators: POSITIVE_STRING, qualifier: 'ForAnyValue', value: prefixedValue }, 'TRUST_COGNITO_NO_AMR',
        'A Cognito role should state whether it is for authenticated or guest identities: add ForAnyValue:StringLike {"cognito-identity.amazonaws.com:amr": "authenticated"}.'),
    ];
  }
  const provider = oidcProviderFor(host ?? '');
  const hostText = host ?? '<provider>';
  const out = requireCondition(conditionsEndingWith(s, host, provider.audClaim), { operators: POSITIVE_STRING, value: prefixedValue }, 'TRUST_OIDC_NO_AUD',
    `Web identity trust of ${provider.name} ${label} needs StringEquals {"${hostText}:${provider.audClaim}": "<audience>"} (e.g. sts.amazonaws.com).`);
  if (!provider.subRequired) return out;
  const subs = conditionsEndingWith(s, host, 'sub');
  const subRule: NarrowingRule = { operators: POSITIVE_STRING, value: (v) => (provider.subject(v).level === 'error' ? provider.subject(v).why : undefined) };
  const missing = `Web identity trust of ${provider.name} ${label} without a fixed "${hostText}:sub" condition lets any ${provider.name} workload (any repository, project or cluster identity) assume this role; add StringEquals or StringLike on ${hostText}:sub fixing at least the owner (e.g. "repo:<owner>/<repo>:ref:refs/heads/main").`;
  const subFindings = requireCondition(subs, subRule, 'TRUST_OIDC_SUB', missing);
  out.push(...subFindings);
  if (subFindings.length === 0) {
    for (const c of subs.filter((x) => whyNotNarrowing(x, subRule) === undefined)) {
      for (const v of c.values) {
        const verdict = provider.subject(renderValue(v) ?? '');
        if (verdict.level === 'warning') out.push(finding('TRUST_OIDC_SUB_BROAD', 'warning', `${describeCondition(c)}: ${verdict.why}.`));
      }
    }
  }
  return out;
}

function samlFindings(s: NormalizedStatement, federated: unknown): Finding[] {
  const label = JSON.stringify(renderValue(federated) ?? federated);
  return requireCondition(s.conditions.filter((c) => c.key === 'saml:aud'), { operators: POSITIVE_STRING, value: exactValue }, 'TRUST_SAML_NO_AUD',
    `SAML trust of ${label} needs StringEquals {"SAML:aud": "https://signin.aws.amazon.com/saml"} so assertions meant for other recipients are refused.`);
}

function emptyAnalysis(): TrustAnalysis {
  return { findings: [], servicePrincipals: [], crossAccountPrincipals: [], federatedPrincipals: [] };
}

/** Findings of one trust-policy statement. */
export function trustStatementFindings(statement: unknown, options: TrustAnalysisOptions = {}): Finding[] {
  return analyzeStatement(toStatement(statement), options, emptyAnalysis()).findings;
}

function analyzeStatement(s: NormalizedStatement, options: TrustAnalysisOptions, acc: TrustAnalysis): TrustAnalysis {
  if (s.effect !== 'Allow') return acc;
  const everyone = s.notPrincipals !== undefined || (s.principals ?? []).some(isEveryone);
  if (everyone) {
    acc.findings.push(finding('TRUST_EVERYONE', 'error', 'The role trusts every AWS principal ("*" or NotPrincipal); conditions cannot make that safe. Name the accounts, roles, services or identity providers that may assume it.'));
  }
  acc.findings.push(...crossAccountFindings(s, options, acc.crossAccountPrincipals));
  const actions = s.actions ?? [];
  for (const p of s.principals ?? []) {
    if (p.kind === 'Service') acc.servicePrincipals.push(p.value);
    if (p.kind !== 'Federated') continue;
    acc.federatedPrincipals.push(p.value);
    const rendered = renderValue(p.value) ?? '';
    const saml = /:saml-provider\//.test(rendered) || (matchesAny(actions, 'sts:AssumeRoleWithSAML') && !matchesAny(actions, 'sts:AssumeRoleWithWebIdentity'));
    if (saml) acc.findings.push(...samlFindings(s, p.value));
    else if (matchesAny(actions, 'sts:AssumeRoleWithWebIdentity')) acc.findings.push(...webIdentityFindings(s, p.value));
  }
  return acc;
}

/** Analyzes a role's trust policy document. */
export function analyzeTrustPolicy(document: unknown, options: TrustAnalysisOptions = {}): TrustAnalysis {
  const acc = emptyAnalysis();
  for (const s of normalizePolicy(document)) analyzeStatement(s, options, acc);
  return acc;
}
