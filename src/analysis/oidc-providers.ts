/**
 * What a safe `sub` (subject) condition looks like for the OIDC providers CI systems and clusters use.
 * A subject pattern is judged by its fixed prefix (the text before the first `*` or `?`):
 * - error: it admits principals of anyone (`*`, `repo:*`, `*:*`, `repo:octo*`);
 * - warning: the owner (organization, group, namespace) is fixed but any repository / project /
 *   workspace / service account of that owner is admitted (the minimum we accept);
 * - ok: the repository (project, workspace, service account) is fixed.
 *
 * Claim formats:
 * - GitHub: `repo:<owner>/<repo>:<ref|environment|pull_request...>`, key `token.actions.githubusercontent.com:sub`
 *   (https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws).
 * - GitLab: `project_path:<group>/<project>:ref_type:<type>:ref:<ref>` (gitlab.com or self-hosted).
 * - Bitbucket Pipelines: `{<repository uuid>}:{<step uuid>}` (or with an environment uuid); the audience is
 *   `ari:cloud:bitbucket::workspace/<uuid>`; provider `api.bitbucket.org/2.0/workspaces/<ws>/pipelines-config/identity/oidc`.
 * - Terraform Cloud: `organization:<org>:project:<project>:workspace:<ws>:run_phase:<plan|apply>`.
 * - Amazon EKS (IRSA): `system:serviceaccount:<namespace>:<service account>`, provider `oidc.eks.<region>.amazonaws.com/id/<id>`.
 * - Amazon Cognito identity pools: `cognito-identity.amazonaws.com:aud` is the identity pool id and
 *   `cognito-identity.amazonaws.com:amr` (multi-valued: ForAnyValue:StringLike) says authenticated or not
 *   (https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html).
 * Keys available for web identity federation: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
import { fixedPrefix, hasWildcard } from './intrinsics';

/** A judgment of one subject value. */
export interface SubjectVerdict {
  readonly level: 'ok' | 'warning' | 'error';
  readonly why: string;
}

/** A web identity provider with its own subject format. */
export interface OidcProvider {
  readonly name: string;
  /** Whether a provider host/path (as in `oidc-provider/<host-path>`, lower-case) is this provider. */
  readonly matches: (hostPath: string) => boolean;
  /** Whether a `:sub` condition is required (the audience alone admits every user of the issuer). */
  readonly subRequired: boolean;
  /** The claim key that plays the audience (`aud`, or `app_id` for Facebook / Login with Amazon). */
  readonly audClaim: string;
  readonly subject: (rendered: string) => SubjectVerdict;
}

const OK: SubjectVerdict = { level: 'ok', why: 'fixed' };

function byPrefix(rendered: string, fixed: RegExp, owner: RegExp, ownerText: string, anyText: string): SubjectVerdict {
  if (!hasWildcard(rendered)) return OK;
  const prefix = fixedPrefix(rendered);
  if (fixed.test(prefix)) return OK;
  if (owner.test(prefix)) return { level: 'warning', why: `"${rendered}" admits ${ownerText}` };
  return { level: 'error', why: `"${rendered}" admits ${anyText}` };
}

export function githubSubject(v: string): SubjectVerdict {
  if (hasWildcard(v) && !fixedPrefix(v).startsWith('repo:')) return genericSubject(v);
  return byPrefix(v, /^repo:[^/:]+\/[^/:]+:/, /^repo:[^/:]+\//, 'every repository of that owner; fix the repository too', 'any GitHub repository; fix at least the owner (repo:<owner>/<repo>:...)');
}

export function gitlabSubject(v: string): SubjectVerdict {
  return byPrefix(v, /^project_path:[^:]+\/[^:]+:/, /^project_path:[^:/]+\//, 'every project of that group; fix the project too', 'any GitLab project; fix at least the group (project_path:<group>/<project>:...)');
}

export function terraformSubject(v: string): SubjectVerdict {
  return byPrefix(v, /^organization:[^:]+:project:[^:]+:workspace:[^:]+:/, /^organization:[^:]+:/, 'every workspace of that organization; fix project and workspace too', 'any Terraform Cloud organization; fix at least organization:<org>:');
}

export function eksSubject(v: string): SubjectVerdict {
  return byPrefix(v, /^system:serviceaccount:[^:]+:[^:]+$/, /^system:serviceaccount:[^:]+:/, 'every service account of that namespace; name the service account', 'any service account of the cluster; fix at least the namespace (system:serviceaccount:<ns>:<name>)');
}

export function bitbucketSubject(v: string): SubjectVerdict {
  return byPrefix(v, /^\{[^}]+\}/, /(?!)/, '', 'any repository of the workspace; fix the repository uuid ({<uuid>}*)');
}

/**
 * Subjects of providers we do not know (self-hosted GitLab, other issuers): recognized claim shapes are
 * judged by their provider's rule; otherwise the first value after an optional claim name must be fixed
 * and terminated by `:` or `/`.
 */
export function genericSubject(v: string): SubjectVerdict {
  if (!hasWildcard(v)) return OK;
  const prefix = fixedPrefix(v);
  if (prefix.startsWith('repo:')) return githubSubject(v);
  if (prefix.startsWith('project_path:')) return gitlabSubject(v);
  if (prefix.startsWith('system:serviceaccount:')) return eksSubject(v);
  if (prefix.startsWith('organization:')) return terraformSubject(v);
  if (prefix.startsWith('{')) return bitbucketSubject(v);
  if (/^([a-z_]+:)?[^:/]+[:/]/i.test(prefix)) return OK;
  return { level: 'error', why: `"${v}" admits any subject of the issuer; fix its leading part` };
}

export const OIDC_PROVIDERS: readonly OidcProvider[] = [
  { name: 'GitHub Actions', matches: (h) => h === 'token.actions.githubusercontent.com', subRequired: true, audClaim: 'aud', subject: githubSubject },
  { name: 'GitLab', matches: (h) => h === 'gitlab.com', subRequired: true, audClaim: 'aud', subject: gitlabSubject },
  {
    name: 'Bitbucket Pipelines',
    matches: (h) => /^api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/.test(h),
    subRequired: true,
    audClaim: 'aud',
    subject: bitbucketSubject,
  },
  { name: 'Terraform Cloud', matches: (h) => h === 'app.terraform.io', subRequired: true, audClaim: 'aud', subject: terraformSubject },
  { name: 'Amazon EKS', matches: (h) => /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[a-z0-9]+$/.test(h), subRequired: true, audClaim: 'aud', subject: eksSubject },
  // App sign-in providers: the audience (your app's client id) is what narrows; every user of the app may sign in.
  { name: 'Google', matches: (h) => h === 'accounts.google.com', subRequired: false, audClaim: 'aud', subject: genericSubject },
  { name: 'Facebook', matches: (h) => h === 'graph.facebook.com', subRequired: false, audClaim: 'app_id', subject: genericSubject },
  { name: 'Login with Amazon', matches: (h) => h === 'www.amazon.com', subRequired: false, audClaim: 'app_id', subject: genericSubject },
];

/** Any other issuer: both `aud` and `sub` required, subject judged by `genericSubject`. */
export const GENERIC_OIDC_PROVIDER: OidcProvider = { name: 'OIDC provider', matches: () => true, subRequired: true, audClaim: 'aud', subject: genericSubject };

/** The provider for a host/path, or the generic one. */
export function oidcProviderFor(hostPath: string): OidcProvider {
  const h = hostPath.toLowerCase();
  return OIDC_PROVIDERS.find((p) => p.matches(h)) ?? GENERIC_OIDC_PROVIDER;
}
