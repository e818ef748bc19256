import { FortressError } from '../core/fortress-error';

/**
 * What a key in a {@link KmsKeyRing} protects. One customer-managed key per
 * purpose (not per resource) keeps key count, cost and key policies small.
 *
 * No purpose trusts an AWS service by default: the constructs that use a key
 * enable the services they need on it (`KmsKeyRing.enableService`), and you can
 * add others with `enableService` or `KmsKeyRing.allowService`.
 */
export class KeyPurpose {
  /** Data at rest: S3, EBS, RDS, DynamoDB (services use the key on the caller's behalf). */
  public static readonly DATA = new KeyPurpose('data', 'Encrypts data at rest (S3, EBS, RDS, DynamoDB)');
  /** Logs: CloudWatch Logs, CloudTrail, VPC flow logs, GuardDuty and AWS Config exports. */
  public static readonly LOGS = new KeyPurpose('logs', 'Encrypts logs and audit evidence (CloudWatch Logs, CloudTrail, VPC flow logs, GuardDuty and Config exports)');
  /** Secrets: Secrets Manager and SSM SecureString parameters. */
  public static readonly SECRETS = new KeyPurpose('secrets', 'Encrypts secrets (Secrets Manager, SSM SecureString parameters)');
  /** Messaging: SNS topics and SQS queues, including deliveries from AWS services. */
  public static readonly MESSAGING = new KeyPurpose('messaging', 'Encrypts messages (SNS topics, SQS queues)');

  /**
   * A purpose of your own, e.g. `KeyPurpose.custom('payments', 'Encrypts cardholder data')`.
   *
   * @param name lowercase letters, digits and dashes, 1-32 characters, starting with a letter;
   *   used in the key's alias and construct id
   * @param description what the key protects (the key's description)
   */
  public static custom(name: string, description?: string): KeyPurpose {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(name)) {
      throw FortressError.invalidProp('KeyPurpose.custom', 'name', 'must be 1-32 lowercase letters, digits or dashes, starting with a letter', name);
    }
    if (BUILT_IN_NAMES.includes(name)) {
      throw FortressError.invalidProp('KeyPurpose.custom', 'name', `must not be a built-in purpose (${BUILT_IN_NAMES.join(', ')}); use KeyPurpose.${name.toUpperCase()}`, name);
    }
    return new KeyPurpose(name, description ?? `Encrypts ${name} data`);
  }

  /** The purpose's name: lowercase, used in aliases (`alias/<prefix>/<name>`) and construct ids. */
  public readonly name: string;
  /** What keys of this purpose protect. */
  public readonly description: string;

  private constructor(name: string, description: string) {
    this.name = name;
    this.description = description;
  }
}

const BUILT_IN_NAMES = ['data', 'logs', 'secrets', 'messaging'];
