import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IConstruct } from 'constructs';
import { KeyPurpose } from './key-purpose';
import { KeyService } from './key-service';
import { KeyServiceGrant } from './key-service-grant';
import { denyGrantsNotForAwsResourcesStatement, serviceStatement, serviceStatements } from './key-service-grants';
import { acknowledgeExplicitChoice, removalPolicyOf, STATEFUL_REMOVAL_POLICIES } from '../core/explicit-choices';
import { FortressError } from '../core/fortress-error';
import { KMS_KEY_USE_ACTIONS } from '../core/permissions';
import { PropChecks } from '../core/prop-checks';
import { stackSingleton } from '../core/stack-singleton';

/**
 * Properties of a {@link KmsKeyRing}.
 */
export interface KmsKeyRingProps {
  /**
   * Prefix of every key's alias: `alias/<aliasPrefix>/<purpose>`.
   * Letters, digits, `/`, `_` and `-`; must not start with `aws`; unique among the rings of a stack.
   *
   * @default - the stack name for the stack's shared ring (`KmsKeyRing.of`), `<stack name>/<ring id>` for others
   */
  readonly aliasPrefix?: string;

  /**
   * How often KMS rotates each key's material (90 to 2560 days).
   *
   * @default Duration.days(365)
   * @see https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
   */
  readonly rotationPeriod?: Duration;

  /**
   * How long a key scheduled for deletion can still be recovered (7 to 30 days).
   * FortressChecks requires 30 days; a shorter window must be acknowledged.
   *
   * @default Duration.days(30)
   */
  readonly pendingWindow?: Duration;

  /**
   * Key administrators (separation of duties): they may manage the keys (aliases,
   * enabling, rotation, tags, revoking grants, scheduling deletion) but not use
   * them, create grants or change key policies, which would let them give
   * themselves use. Key policies change only through this stack. The account root
   * keeps its standard statement, so IAM policies still decide who may use a key.
   *
   * @default - no named administrators; the account's IAM policies govern administration
   */
  readonly admins?: iam.IPrincipal[];

  /**
   * What happens to the keys when the stack deletes them. Deleting a key makes
   * everything it encrypted unreadable, so only DESTROY keys of disposable data.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * One customer-managed KMS key per purpose (data, logs, secrets, messaging, or
 * your own), created on first use, rotated, retained, aliased
 * `alias/<prefix>/<purpose>`, with key policies that trust only the AWS services
 * enabled on the key (by the constructs that use it, or by you), for the actions
 * they need and under the conditions they document, and that deny
 * `kms:CreateGrant` unless an AWS service asks (CT.KMS.PR.3).
 *
 * `KmsKeyRing.of(scope)` is the stack's shared ring: ten buckets in a stack
 * share one data key.
 *
 * @example
 * declare const stack: Stack;
 * declare const role: iam.IRole;
 * const ring = KmsKeyRing.of(stack);
 * const logsKey = ring.key(KeyPurpose.LOGS);
 * ring.grantEncryptDecrypt(role, KeyPurpose.DATA);
 */
export class KmsKeyRing extends Construct {
  /**
   * The stack's shared key ring, created with default settings on first call.
   */
  public static of(scope: IConstruct): KmsKeyRing {
    return stackSingleton(scope, SHARED_RING_ID, KmsKeyRing, (stack, id) => new KmsKeyRing(stack, id));
  }

  private readonly keys = new Map<string, kms.IKey>();
  private readonly serviceGrants = new Map<string, KeyServiceGrant[]>();
  private readonly enabledServices = new Map<string, KeyService[]>();
  private readonly aliasPrefix: string;
  private readonly rotationPeriod: Duration;
  private readonly pendingWindow: Duration;
  private readonly admins: iam.IPrincipal[];
  private readonly removalPolicy?: RemovalPolicy;

  constructor(scope: Construct, id: string, props: KmsKeyRingProps = {}) {
    super(scope, id);
    const check = new PropChecks(this);
    check.matches('aliasPrefix', props.aliasPrefix, /^(?!aws)[a-zA-Z0-9/_-]{1,200}$/,
      '1-200 letters, digits, "/", "_" or "-", not starting with "aws"');
    check.durationInDays('rotationPeriod', props.rotationPeriod, 90, 2560);
    check.durationInDays('pendingWindow', props.pendingWindow, 7, 30);
    check.oneOf('removalPolicy', props.removalPolicy, STATEFUL_REMOVAL_POLICIES);

    const stack = Stack.of(this);
    this.aliasPrefix = props.aliasPrefix ?? (id === SHARED_RING_ID && scope === stack ? stack.stackName : `${stack.stackName}/${id}`);
    const clash = stack.node.findAll().find((c) => c !== this && c instanceof KmsKeyRing && c.aliasPrefix === this.aliasPrefix);
    if (clash) {
      throw FortressError.invalidProp(this, 'aliasPrefix', `must be unique in the stack; ${clash.node.path} already uses it`, this.aliasPrefix);
    }
    this.rotationPeriod = props.rotationPeriod ?? Duration.days(365);
    this.pendingWindow = props.pendingWindow ?? Duration.days(30);
    this.admins = props.admins ?? [];
    this.removalPolicy = props.removalPolicy;
  }

  /**
   * The key for `purpose`: the imported one, or the ring's own, created on first use.
   */
  public key(purpose: KeyPurpose): kms.IKey {
    return this.keys.get(purpose.name) ?? this.createKey(purpose);
  }

  /**
   * Uses an existing key for `purpose` instead of creating one. Its key policy
   * stays yours: the ring adds no service grants to it.
   *
   * @param purpose the purpose the key serves
   * @param keyArn the key's ARN (`arn:<partition>:kms:<region>:<account>:key/<id>`; not an alias)
   */
  public importKey(purpose: KeyPurpose, keyArn: string): kms.IKey {
    const prop = `importKey(${purpose.name})`;
    if (this.keys.has(purpose.name)) {
      throw FortressError.invalidProp(this, prop, 'must be called before the ring creates or imports the key for this purpose (import keys right after creating the ring)');
    }
    if (this.serviceGrants.has(purpose.name)) {
      throw FortressError.invalidProp(this, prop, 'must be called before allowService for this purpose: an imported key\'s policy cannot take the service grant');
    }
    new PropChecks(this).matches(prop, keyArn, /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[a-zA-Z0-9-]+$/,
      'a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>), not an alias or key id');
    const key = kms.Key.fromKeyArn(this, `${idOf(purpose)}Imported`, keyArn);
    this.keys.set(purpose.name, key);
    return key;
  }

  /**
   * Lets an AWS service use the key of `purpose`, conditioned on this account
   * (and `grant.sourceArn` when given). Applies to keys the ring creates, now or later.
   *
   * Only key use is granted (cryptographic operations, DescribeKey, GetPublicKey): key management
   * actions (kms:PutKeyPolicy, kms:CreateGrant, kms:ScheduleKeyDeletion, ...), wildcards and an
   * empty or non-ARN `sourceArn` are refused.
   * For the integrations listed in {@link KeyService}, prefer `enableService`: it uses the
   * conditions each service documents (some services support no `aws:SourceAccount`).
   */
  public allowService(purpose: KeyPurpose, grant: KeyServiceGrant): void {
    const prop = `allowService(${purpose?.name})`;
    if (!(purpose instanceof KeyPurpose)) throw FortressError.invalidProp(this, 'allowService', 'takes a KeyPurpose, e.g. KeyPurpose.LOGS', purpose === undefined ? 'undefined' : purpose);
    if (grant === undefined || grant === null || !Array.isArray(grant.actions)) {
      throw FortressError.invalidProp(this, prop, 'takes { servicePrincipal, actions, sourceArn? }', grant === undefined ? 'undefined' : grant);
    }
    const check = new PropChecks(this);
    check.matches(`${prop}.servicePrincipal`, grant.servicePrincipal, /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/, 'a service principal such as events.amazonaws.com');
    check.minLength(`${prop}.actions`, grant.actions, 1);
    for (const action of grant.actions) {
      check.matches(`${prop}.actions`, action, /^kms:[A-Za-z]+$/, 'explicit KMS actions without wildcards, e.g. kms:GenerateDataKey');
      if (!Token.isUnresolved(action) && !KMS_KEY_USE_ACTIONS.some((a) => a.toLowerCase() === action.toLowerCase())) {
        throw FortressError.invalidProp(this, `${prop}.actions`, `must only use the key (${KMS_KEY_USE_ACTIONS.join(', ')}): `
          + 'key management (kms:PutKeyPolicy, kms:CreateGrant, kms:ScheduleKeyDeletion, ...) would let the service change who can use the key or destroy it', action);
      }
    }
    if (grant.sourceArn !== undefined) {
      check.satisfies(`${prop}.sourceArn`, grant.sourceArn, (v) => /^arn:[a-z-]*:[a-z0-9-]+:[^:]*:[^:]*:.+/.test(v.trim()),
        'an ARN or ARN pattern of the service\'s resources, e.g. arn:aws:events:eu-west-1:111122223333:rule/*; omit it to allow any resource of the service in this account');
    }
    const existing = this.keys.get(purpose.name);
    if (existing && !(existing instanceof kms.Key)) {
      throw FortressError.invalidProp(this, prop, 'cannot change the policy of an imported key; add the statement to that key\'s own policy');
    }
    const grants = this.serviceGrants.get(purpose.name) ?? [];
    grants.push(grant);
    this.serviceGrants.set(purpose.name, grants);
    if (existing) existing.addToResourcePolicy(serviceStatement(grantSid(grant, grants.length), grant));
  }

  /**
   * Lets a built-in AWS service integration use the key of `purpose`, with the key-policy
   * statements and conditions that service documents (see {@link KeyService}). Idempotent;
   * applies to the key whether the ring creates it before or after the call. The constructs
   * of this library call it for what they use, so a key only trusts the services its stack
   * actually uses. An imported key's policy stays yours: nothing is added to it.
   */
  public enableService(purpose: KeyPurpose, service: KeyService): void {
    const enabled = this.enabledServices.get(purpose.name) ?? [];
    if (enabled.includes(service)) return;
    enabled.push(service);
    this.enabledServices.set(purpose.name, enabled);
    const existing = this.keys.get(purpose.name);
    if (existing instanceof kms.Key) serviceStatements(service).forEach((s) => existing.addToResourcePolicy(s));
  }

  /** Names of the built-in service integrations enabled on the key of `purpose`, in the order enabled. */
  public enabledServicesOf(purpose: KeyPurpose): string[] {
    return (this.enabledServices.get(purpose.name) ?? []).map((s) => s.name);
  }

  /** Grants `grantee` encrypt and decrypt with the key of `purpose`. */
  public grantEncryptDecrypt(grantee: iam.IGrantable, purpose: KeyPurpose): iam.Grant {
    return this.key(purpose).grantEncryptDecrypt(grantee);
  }

  /** Grants `grantee` encrypt with the key of `purpose`. */
  public grantEncrypt(grantee: iam.IGrantable, purpose: KeyPurpose): iam.Grant {
    return this.key(purpose).grantEncrypt(grantee);
  }

  /** Grants `grantee` decrypt with the key of `purpose`. */
  public grantDecrypt(grantee: iam.IGrantable, purpose: KeyPurpose): iam.Grant {
    return this.key(purpose).grantDecrypt(grantee);
  }

  /** Names of the purposes that have a key in this ring so far (created or imported), sorted. */
  public get purposes(): string[] {
    return [...this.keys.keys()].sort();
  }

  private createKey(purpose: KeyPurpose): kms.Key {
    const id = `${idOf(purpose)}Key`;
    const key = new kms.Key(this, id, {
      description: `${purpose.description}. cdk-fortress key ring ${this.node.path}.`,
      alias: `alias/${this.aliasPrefix}/${purpose.name}`,
      enableKeyRotation: true,
      rotationPeriod: this.rotationPeriod,
      pendingWindow: this.pendingWindow,
    });
    key.applyRemovalPolicy(removalPolicyOf(key, 'Fortress-KMSKeyRetained', this.removalPolicy));
    if (!this.pendingWindow.isUnresolved() && this.pendingWindow.toDays() < 30) {
      acknowledgeExplicitChoice(key, 'Fortress-KMSKeyPendingWindow30Days',
        `pendingWindow ${this.pendingWindow.toDays()} days was set explicitly on this key ring: a key scheduled for deletion is recoverable for that long only.`);
    }
    key.addToResourcePolicy(denyGrantsNotForAwsResourcesStatement());
    for (const service of this.enabledServices.get(purpose.name) ?? []) serviceStatements(service).forEach((s) => key.addToResourcePolicy(s));
    for (const admin of this.admins) key.grant(admin, ...KEY_ADMINISTRATION_ACTIONS);
    (this.serviceGrants.get(purpose.name) ?? []).forEach((grant, i) => key.addToResourcePolicy(serviceStatement(grantSid(grant, i + 1), grant)));
    this.keys.set(purpose.name, key);
    return key;
  }
}

const SHARED_RING_ID = 'FortressKeyRing';

/**
 * Administration without use: no Encrypt/Decrypt/GenerateDataKey, and neither kms:CreateGrant nor
 * kms:PutKeyPolicy, either of which would let an administrator give themselves use.
 */
const KEY_ADMINISTRATION_ACTIONS = [
  'kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListAliases', 'kms:ListGrants', 'kms:ListKeyPolicies',
  'kms:ListResourceTags', 'kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias', 'kms:UpdateKeyDescription', 'kms:EnableKey',
  'kms:DisableKey', 'kms:EnableKeyRotation', 'kms:DisableKeyRotation', 'kms:RotateKeyOnDemand', 'kms:TagResource',
  'kms:UntagResource', 'kms:RevokeGrant', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion',
];

/** `messaging` → `Messaging`, `card-data` → `CardData`. */
function idOf(purpose: KeyPurpose): string {
  return purpose.name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** A statement id unique within the key policy, readable in the template: `Allow<service>N`. */
function grantSid(grant: KeyServiceGrant, index: number): string {
  return `Allow${grant.servicePrincipal.replace(/[^A-Za-z0-9]/g, '')}${index}`;
}
