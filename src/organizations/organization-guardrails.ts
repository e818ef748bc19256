import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { Guardrail, GuardrailContext, GuardrailPolicyKind } from './guardrail';
import { lockoutProblem, POLICY_SIZE_LIMITS } from './guardrail-checks';
import { EXEMPTION_ROLE, STACKSET_ROLE_ARNS } from './guardrail-statements';
import { enablePolicyType } from './organizations-sdk-calls';
import { propsOf } from '../core/construct-args';
import { dedicatedCustomResource } from '../core/dedicated-custom-resource';
import { FortressError } from '../core/fortress-error';
import { PropChecks } from '../core/prop-checks';

/** Properties of an {@link OrganizationGuardrails}. */
export interface OrganizationGuardrailsProps {
  /**
   * The guardrails: catalogue entries of `Guardrail` (e.g. `Guardrail.DENY_LEAVE_ORGANIZATION`),
   * `Guardrail.regionAllowList([...])` or `Guardrail.custom(...)`. Statements of one policy type are packed into as few
   * policies as the type's size limit allows.
   */
  readonly guardrails: Guardrail[];

  /**
   * Where the policies are attached: the root (`r-...`), organizational units (`ou-...`) or accounts (12 digits).
   */
  readonly targetIds: string[];

  /**
   * The organization's root id (`r-...`): the policy types the guardrails need are enabled on it
   * (EnablePolicyType; CloudFormation has no resource for it).
   */
  readonly rootId: string;

  /**
   * Name (with path, if any) of the exemption (break-glass) role in member accounts: every Deny of the catalogue's service
   * control policies excludes `arn:*:iam::*:role/<name>` (ArnNotLike aws:PrincipalARN), no guardrail may deny it, and
   * a statement denies anyone else creating or changing a role of that name, so it cannot be impersonated.
   */
  readonly exemptionRoleName: string;

  /**
   * The organization's id (`o-...`). Required by the resource control policies (the data perimeter names it), and
   * narrows the EnablePolicyType permission to this organization's root.
   *
   * @default - none: resource control policies are refused
   */
  readonly organizationId?: string;

  /**
   * Prefix of the policies' names: `<prefix>-scp-1`, `<prefix>-rcp-1`, `<prefix>-ec2-declarative`.
   *
   * @default - 'fortress-' followed by this construct's id
   */
  readonly policyNamePrefix?: string;
}

/**
 * At most 5 SCPs and 5 RCPs can be attached directly to one root, OU or account, one of them AWS's FullAWSAccess /
 * RCPFullAWSAccess: 4 of ours. https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 */
const MAX_POLICIES_PER_TARGET = 4;

/** One synthesized policy: its type, name and minified document (what is counted and submitted). */
export interface RenderedGuardrailPolicy {
  readonly kind: GuardrailPolicyKind;
  readonly name: string;
  readonly document: string;
}

/**
 * Service control policies, resource control policies and the EC2 declarative policy of an AWS Organization, built
 * from a typed catalogue (`Guardrail`), checked at synth time (valid JSON, under the size limit of their type counting
 * every character as submitted, no Deny that could apply to the exemption role), attached to the root, OUs or
 * accounts, with the policy types they need enabled on the root. Deploy in the management account.
 */
export class OrganizationGuardrails extends Construct {
  /** The policies as submitted (minified), in order. */
  public readonly policies: RenderedGuardrailPolicy[];

  constructor(scope: Construct, id: string, props: OrganizationGuardrailsProps) {
    const p = propsOf(scope, id, props);
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    validate(path, p);
    const prefix = p.policyNamePrefix ?? `fortress-${id}`;
    const policies = render(path, p, prefix);
    super(scope, id);
    this.policies = policies;
    const enablers = new Map<GuardrailPolicyKind, IConstruct>();
    policies.forEach((policy, i) => {
      const resource = new organizations.CfnPolicy(this, policy.name.slice(prefix.length + 1).replace(/[^A-Za-z0-9]/g, '') || `Policy${i}`, {
        name: policy.name,
        type: policy.kind,
        description: `cdk-fortress guardrails (${this.node.path})`,
        // As an object (drift detection works; CloudFormation's aws-cdk-lib type requires one): CloudFormation submits it
        // without whitespace, the minified form whose size was checked.
        content: JSON.parse(policy.document),
        targetIds: p.targetIds,
      });
      const enabler = enablers.get(policy.kind) ?? policyTypeEnabler(this, p.rootId, p.organizationId, policy.kind);
      enablers.set(policy.kind, enabler);
      resource.node.addDependency(enabler);
    });
  }
}

/**
 * EnablePolicyType on the root, once per stack and type; "already enabled" is success. Not undone on delete: disabling a
 * policy type detaches every policy of that type from every root, OU and account, including policies not managed here.
 */
function policyTypeEnabler(scope: Construct, rootId: string, organizationId: string | undefined, kind: GuardrailPolicyKind): IConstruct {
  const stack = Stack.of(scope);
  const id = `FortressEnablePolicyType${kind.split('_').map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join('')}`;
  const existing = stack.node.tryFindChild(id);
  if (existing) return existing;
  const root = `arn:${stack.partition}:organizations::${stack.account}:root/${organizationId ?? 'o-*'}/${rootId}`;
  const call: cr.AwsSdkCall = {
    service: 'Organizations',
    action: 'enablePolicyType',
    parameters: enablePolicyType(rootId, kind),
    physicalResourceId: cr.PhysicalResourceId.of(`policy-type-${rootId}-${kind}`),
    ignoreErrorCodesMatching: 'PolicyTypeAlreadyEnabledException',
  };
  return dedicatedCustomResource(stack, id, {
    description: `Enables ${kind} on the organization root ${rootId} (cdk-fortress OrganizationGuardrails)`,
    onCreate: call,
    onUpdate: call,
    statements: [new iam.PolicyStatement({ actions: ['organizations:EnablePolicyType'], resources: [root], conditions: { StringEquals: { 'organizations:PolicyType': kind } } })],
    wildcards: organizationId ? [] : [{
      resource: root,
      reason: 'Names this management account\'s organization root by its id; the organization id was not given, and the action is conditioned on the one policy type.',
    }],
  });
}

function validate(path: string, p: OrganizationGuardrailsProps): void {
  const check = new PropChecks(path);
  check.required('guardrails', p.guardrails, 'the guardrails to apply, e.g. [Guardrail.DENY_LEAVE_ORGANIZATION]');
  check.required('targetIds', p.targetIds, 'the root, OUs or accounts to attach the policies to');
  check.required('rootId', p.rootId, 'the organization root id (r-...) on which the policy types are enabled');
  check.required('exemptionRoleName', p.exemptionRoleName, 'the break-glass role that no guardrail may deny');
  if (!Array.isArray(p.guardrails)) throw FortressError.invalidProp(path, 'guardrails', 'must be a list of Guardrail', p.guardrails);
  check.minLength('guardrails', p.guardrails, 1);
  for (const g of p.guardrails) if (!(g instanceof Guardrail)) throw FortressError.invalidProp(path, 'guardrails', 'must be Guardrail values, e.g. Guardrail.DENY_ROOT_USER', g);
  check.unique('guardrails', p.guardrails.map((g) => g.name));
  if (!Array.isArray(p.targetIds)) throw FortressError.invalidProp(path, 'targetIds', 'must be a list of ids', p.targetIds);
  check.minLength('targetIds', p.targetIds, 1);
  check.unique('targetIds', p.targetIds);
  for (const target of p.targetIds) {
    check.matches('targetIds', target, /^(r-[a-z0-9]{4,32}|ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|\d{12})$/, 'a root id (r-...), an OU id (ou-...-...) or a 12-digit account id');
  }
  literal(path, 'rootId', p.rootId);
  check.matches('rootId', p.rootId, /^r-[a-z0-9]{4,32}$/, 'a root id such as r-ab12');
  literal(path, 'exemptionRoleName', p.exemptionRoleName);
  // IAM role names: [\w+=,.@-]{1,64}, optionally under a path; no wildcards (the exemption must name one role).
  check.matches('exemptionRoleName', p.exemptionRoleName, /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, 'a role name (optionally with its path), without wildcards');
  if (p.organizationId !== undefined) literal(path, 'organizationId', p.organizationId);
  check.organizationId('organizationId', p.organizationId);
  check.matches('policyNamePrefix', p.policyNamePrefix, /^[\w+=,.@-]{1,100}$/, 'letters, digits and +=,.@-_ (up to 100 characters)');
  if (p.guardrails.some((g) => g.kind === GuardrailPolicyKind.RESOURCE_CONTROL_POLICY) && p.organizationId === undefined) {
    throw FortressError.invalidProp(path, 'organizationId', 'is required by resource control policies: the data perimeter names the organization');
  }
  for (const g of p.guardrails) {
    const regions = g._regions;
    if (regions !== undefined) {
      if (!Array.isArray(regions) || regions.length === 0) throw FortressError.invalidProp(path, 'Guardrail.regionAllowList', 'needs at least one region', regions);
      for (const region of regions) {
        literal(path, 'Guardrail.regionAllowList', region);
        check.knownRegion('Guardrail.regionAllowList', region);
      }
      check.unique('Guardrail.regionAllowList', regions);
    }
    if (g._source !== undefined) {
      check.matches('Guardrail.custom', g.name, /^[A-Za-z0-9]{1,64}$/, 'a name of letters and digits');
      let parsed: unknown;
      try { parsed = JSON.parse(g._source); } catch (e) {
        throw FortressError.invalidProp(path, `Guardrail.custom(${g.name})`, `must be valid JSON (${(e as Error).message})`, g._source.slice(0, 80));
      }
      if (g.kind === GuardrailPolicyKind.DECLARATIVE_POLICY_EC2) {
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          throw FortressError.invalidProp(path, `Guardrail.custom(${g.name})`, 'must be a JSON object of ec2_attributes for a declarative policy');
        }
      } else {
        const statements = Array.isArray(parsed) ? parsed : [parsed];
        for (const s of statements) {
          if (typeof s !== 'object' || s === null || !['Allow', 'Deny'].includes((s as any).Effect)) {
            throw FortressError.invalidProp(path, `Guardrail.custom(${g.name})`, 'must be policy statements with Effect Allow or Deny', JSON.stringify(s).slice(0, 80));
          }
          if (g.kind === GuardrailPolicyKind.RESOURCE_CONTROL_POLICY && (s as any).Effect !== 'Deny') {
            throw FortressError.invalidProp(path, `Guardrail.custom(${g.name})`, 'must only Deny: resource control policies support no Allow statements besides RCPFullAWSAccess');
          }
          const namesPrincipal = (s as any).Principal !== undefined || (s as any).NotPrincipal !== undefined;
          if (g.kind === GuardrailPolicyKind.SERVICE_CONTROL_POLICY && namesPrincipal) {
            throw FortressError.invalidProp(path, `Guardrail.custom(${g.name})`, 'must not name a Principal: service control policies apply to the principals of the accounts they are attached to');
          }
        }
      }
    }
  }
}

/** Values rendered into policy documents must be known at synth time: their size is checked. */
function literal(path: string, prop: string, value: unknown): void {
  if (typeof value === 'string' && Token.isUnresolved(value)) {
    throw FortressError.invalidProp(path, prop, 'must be a literal value, not a token: it is written into a policy document whose size is checked at synth time');
  }
}

/** Statements per type, the exemption filled in, checked, minified and packed into policies under the type's size limit. */
function render(path: string, p: OrganizationGuardrailsProps, prefix: string): RenderedGuardrailPolicy[] {
  const exemptionRoleArn = `arn:*:iam::*:role/${p.exemptionRoleName}`;
  const context: GuardrailContext = { exemptionRoleArn, organizationId: p.organizationId };
  const fill = (value: unknown): any => JSON.parse(JSON.stringify(value).split(EXEMPTION_ROLE).join(exemptionRoleArn));
  const out: RenderedGuardrailPolicy[] = [];
  for (const kind of Object.values(GuardrailPolicyKind)) {
    const guardrails = p.guardrails.filter((g) => g.kind === kind);
    if (guardrails.length === 0) continue;
    const limit = POLICY_SIZE_LIMITS[kind];
    if (kind === GuardrailPolicyKind.DECLARATIVE_POLICY_EC2) {
      const attributes = Object.assign({}, ...guardrails.flatMap((g) => g.render(context)));
      const document = JSON.stringify({ ec2_attributes: attributes });
      if (document.length > limit) {
        throw FortressError.invalidProp(path, 'guardrails', `must fit the declarative policy size limit of ${limit} characters (the EC2 attributes take ${document.length})`);
      }
      out.push({ kind, name: `${prefix}-ec2-declarative`, document });
      continue;
    }
    const statements: Array<{ guardrail: string; statement: any }> = guardrails
      .flatMap((g) => g.render(context).map((s) => ({ guardrail: g.name, statement: fill(s) })));
    if (kind === GuardrailPolicyKind.SERVICE_CONTROL_POLICY) statements.push({ guardrail: 'exemption', statement: protectExemptionRoles(exemptionRoleArn) });
    for (const { guardrail, statement } of statements) {
      const problem = lockoutProblem(statement, p.exemptionRoleName, p.organizationId);
      if (problem) {
        throw FortressError.invalidProp(path, 'guardrails', `must not deny the exemption role ${exemptionRoleArn}: ${guardrail} statement ${statement.Sid ?? '(no Sid)'} ${problem}`);
      }
    }
    const short = kind === GuardrailPolicyKind.SERVICE_CONTROL_POLICY ? 'scp' : 'rcp';
    const packed = pack(statements.map((s) => s.statement), limit, (over) => {
      throw FortressError.invalidProp(path, 'guardrails', `must fit the ${short.toUpperCase()} size limit of ${limit} characters: statement ${over.Sid ?? '(no Sid)'} alone makes a policy of ${JSON.stringify(policyDocument([over])).length}`);
    });
    if (packed.length > MAX_POLICIES_PER_TARGET) {
      throw FortressError.invalidProp(path, 'guardrails', `must fit ${MAX_POLICIES_PER_TARGET} ${short.toUpperCase()}s of ${limit} characters (at most 5 can be attached to a target, one of them AWS's full-access policy); these need ${packed.length}`);
    }
    packed.forEach((d, i) => out.push({ kind, name: `${prefix}-${short}-${i + 1}`, document: d }));
  }
  return out;
}

function policyDocument(statements: any[]): any {
  return { Version: '2012-10-17', Statement: statements };
}

/** Greedy packing in order: a statement goes into the current policy while the minified document stays under `limit`. */
function pack(statements: any[], limit: number, tooLarge: (statement: any) => never): string[] {
  const out: string[] = [];
  let current: any[] = [];
  for (const s of statements) {
    if (JSON.stringify(policyDocument([s])).length > limit) tooLarge(s);
    if (JSON.stringify(policyDocument([...current, s])).length > limit) {
      out.push(JSON.stringify(policyDocument(current)));
      current = [];
    }
    current.push(s);
  }
  if (current.length > 0) out.push(JSON.stringify(policyDocument(current)));
  return out;
}

/**
 * The exemption role and the StackSets roles the catalogue exempts cannot be created, assumed-by-changed or given
 * permissions by anyone but themselves: otherwise a member-account administrator could create a role of that name
 * and escape every guardrail.
 */
function protectExemptionRoles(exemptionRoleArn: string): any {
  return {
    Sid: 'ProtectExemptionRoles',
    Effect: 'Deny',
    Action: [
      'iam:CreateRole', 'iam:DeleteRole', 'iam:UpdateRole', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy',
      'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:TagRole', 'iam:UntagRole',
    ],
    Resource: [exemptionRoleArn, ...STACKSET_ROLE_ARNS],
    Condition: { ArnNotLike: { 'aws:PrincipalARN': [exemptionRoleArn, ...STACKSET_ROLE_ARNS] } },
  };
}

