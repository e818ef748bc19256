import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { propsOf } from '../core/construct-args';
import { STATEFUL_REMOVAL_POLICIES } from '../core/explicit-choices';
import { FortressError } from '../core/fortress-error';
import { pathOf, PropChecks } from '../core/prop-checks';
import { KeyPurpose } from '../kms/key-purpose';
import { KmsKeyRing } from '../kms/kms-key-ring';

/** AWS Backup Vault Lock's retention bounds (days). https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultLockConfiguration.html */
const MAX_LOCK_RETENTION_DAYS = 36_500;

/**
 * The Vault Lock mode of a {@link SecureBackupVault}.
 *
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export enum VaultLockMode {
  /**
   * The lock enforces the retention bounds, but principals with `backup:DeleteBackupVaultLockConfiguration` or
   * `backup:PutBackupVaultLockConfiguration` can remove or change it at any time (no `ChangeableForDays`).
   */
  GOVERNANCE = 'GOVERNANCE',
  /**
   * After the grace time (`changeableFor`, at least 3 days) the lock becomes immutable: nobody, not even the account
   * root or AWS, can remove it, shorten retention or delete the vault before its recovery points expire.
   */
  COMPLIANCE = 'COMPLIANCE',
}

/**
 * Properties of a {@link SecureBackupVault}. Every prop is optional: the defaults are compliant.
 */
export interface SecureBackupVaultProps {
  /**
   * Physical name: 2-50 letters, digits and hyphens.
   *
   * @default - generated from the construct path
   */
  readonly backupVaultName?: string;

  /**
   * The customer-managed key that encrypts recovery points (of services whose backups AWS Backup encrypts itself).
   * Cannot be combined with `keyRing`.
   *
   * @default - the data key of `keyRing`
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The key ring whose data key encrypts the vault. Cannot be combined with `encryptionKey`.
   *
   * @default - the stack's shared ring, `KmsKeyRing.of(this)`
   */
  readonly keyRing?: KmsKeyRing;

  /**
   * The Vault Lock mode. `VaultLockMode.COMPLIANCE` requires `maxRetention` and cannot be undone after `changeableFor`.
   *
   * @default VaultLockMode.GOVERNANCE
   */
  readonly lockMode?: VaultLockMode;

  /**
   * The shortest retention a backup or copy job into the vault may have (jobs with a shorter one fail): 1 to 36500 days.
   *
   * @default Duration.days(7)
   */
  readonly minRetention?: Duration;

  /**
   * The longest retention a backup or copy job into the vault may have: `minRetention` to 36500 days.
   * Required with `VaultLockMode.COMPLIANCE`.
   *
   * @default - no maximum (governance mode only)
   */
  readonly maxRetention?: Duration;

  /**
   * Compliance mode only: the grace time before the lock becomes immutable, at least 3 days (AWS Backup's
   * 72-hour cooling-off period), at most 36500 days.
   *
   * @default Duration.days(3)
   */
  readonly changeableFor?: Duration;

  /**
   * An SNS topic for the vault's events (e.g. a `SecureTopic`; its key must let `backup.amazonaws.com` use it).
   *
   * @default - no notifications
   */
  readonly notificationTopic?: sns.ITopic;

  /**
   * What happens to the vault when the stack deletes it (AWS Backup refuses to delete a vault holding recovery
   * points). SNAPSHOT is refused; DESTROY is your explicit choice (a synth warning keeps it visible).
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An AWS Backup vault that is compliant with no configuration, and a drop-in `backup.BackupVault`.
 *
 * Encrypted with the stack's shared data key; Vault Lock in governance mode (minimum retention 7 days; compliance
 * mode opt-in); an access policy that denies every principal deleting recovery points, shortening their
 * lifecycle or replacing the policy; retained on stack deletion.
 *
 * @example
 * declare const stack: Stack;
 * const vault = new SecureBackupVault(stack, 'Vault', {
 *   lockMode: VaultLockMode.COMPLIANCE,
 *   minRetention: Duration.days(35),
 *   maxRetention: Duration.days(400),
 * });
 */
export class SecureBackupVault extends backup.BackupVault {
  /** The lock mode. */
  public readonly lockMode: VaultLockMode;
  /** The minimum retention the lock enforces. */
  public readonly minRetention: Duration;
  /** The maximum retention the lock enforces, when there is one. */
  public readonly maxRetention?: Duration;

  constructor(scope: Construct, id: string, props: SecureBackupVaultProps = {}) {
    const p = propsOf(scope, id, props);
    const path = pathOf(scope, id);
    validate(path, p);
    const lockMode = p.lockMode ?? VaultLockMode.GOVERNANCE;
    const minRetention = p.minRetention ?? Duration.days(7);
    const changeableFor = lockMode === VaultLockMode.COMPLIANCE ? (p.changeableFor ?? Duration.days(3)) : undefined;
    super(scope, id, {
      backupVaultName: p.backupVaultName,
      encryptionKey: p.encryptionKey ?? (p.keyRing ?? KmsKeyRing.of(scope)).key(KeyPurpose.DATA),
      notificationTopic: p.notificationTopic,
      removalPolicy: p.removalPolicy ?? RemovalPolicy.RETAIN,
      lockConfiguration: { minRetention, maxRetention: p.maxRetention, changeableFor },
      accessPolicy: new iam.PolicyDocument({ statements: [denyRecoveryPointDeletion()] }),
    });
    this.lockMode = lockMode;
    this.minRetention = minRetention;
    this.maxRetention = p.maxRetention;
    if (changeableFor !== undefined) {
      Annotations.of(this).addWarningV2('cdk-fortress:backup:compliance-lock',
        `Vault Lock in compliance mode becomes immutable ${changeableFor.toDays()} days after deployment: from then on nobody, `
        + 'not even the account root user or AWS, can remove the lock, shorten retention or delete the vault before its recovery points expire.');
    }
    if (p.removalPolicy === RemovalPolicy.DESTROY) {
      Annotations.of(this).addWarningV2('cdk-fortress:explicit:removalPolicy',
        'removalPolicy DESTROY was set explicitly on this backup vault: the stack deletes it once it holds no recovery points.');
    }
  }
}

/**
 * Nobody deletes recovery points, shortens their lifecycle or replaces this policy: the statement AWS Config's
 * backup-recovery-point-manual-deletion-disabled requires (those three actions, Principal and Resource `*`).
 * Vault access policies accept no wildcard actions. Only the first PutBackupVaultAccessPolicy (at creation) succeeds:
 * to change the policy later, delete it first (backup:DeleteBackupVaultAccessPolicy).
 * https://docs.aws.amazon.com/config/latest/developerguide/backup-recovery-point-manual-deletion-disabled.html
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault-access-policy.html
 */
function denyRecoveryPointDeletion(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyRecoveryPointDeletion',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:PutBackupVaultAccessPolicy'],
    resources: ['*'],
  });
}

/** Refuses invalid or contradictory props before any resource exists. */
function validate(path: string, p: SecureBackupVaultProps): void {
  const check = new PropChecks(path);
  check.matches('backupVaultName', p.backupVaultName, /^[a-zA-Z0-9-]{2,50}$/, '2-50 letters, digits and hyphens');
  check.exclusive('encryptionKey', p.encryptionKey, 'keyRing', p.keyRing);
  if (p.keyRing !== undefined && !(p.keyRing instanceof KmsKeyRing)) throw FortressError.invalidProp(path, 'keyRing', 'must be a KmsKeyRing');
  if (p.encryptionKey !== undefined && typeof (p.encryptionKey as any)?.keyArn !== 'string') {
    throw FortressError.invalidProp(path, 'encryptionKey', 'must be a customer-managed KMS key (kms.IKey)');
  }
  check.oneOf('lockMode', p.lockMode, Object.values(VaultLockMode));
  days(path, 'minRetention', p.minRetention, 1);
  days(path, 'maxRetention', p.maxRetention, 1);
  const min = p.minRetention ?? Duration.days(7);
  if (p.maxRetention !== undefined && !p.maxRetention.isUnresolved() && !min.isUnresolved() && p.maxRetention.toDays() < min.toDays()) {
    throw FortressError.invalidProp(path, 'maxRetention', `must be at least minRetention (${min.toDays()} days)`, p.maxRetention.toHumanString());
  }
  if (p.lockMode === VaultLockMode.COMPLIANCE) {
    check.required('maxRetention', p.maxRetention, 'compliance mode locks a minimum and a maximum retention; set both');
    days(path, 'changeableFor', p.changeableFor, 3);
  } else if (p.changeableFor !== undefined) {
    throw FortressError.invalidProp(path, 'changeableFor', 'requires lockMode VaultLockMode.COMPLIANCE (governance mode has no lock date)');
  }
  check.oneOf('removalPolicy', p.removalPolicy, STATEFUL_REMOVAL_POLICIES);
}

function days(path: string, prop: string, value: Duration | undefined, min: number): void {
  if (value === undefined || value === null) return;
  if (!(value instanceof Duration)) throw FortressError.invalidProp(path, prop, `must be a Duration of ${min} to ${MAX_LOCK_RETENTION_DAYS} days`, value);
  new PropChecks(path).durationInDays(prop, value, min, MAX_LOCK_RETENTION_DAYS);
}
