import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { FortressError } from '../core/fortress-error';

/**
 * Refuses a bucket of the user's for AWS service deliveries (CloudTrail, AWS Config, GuardDuty)
 * that is encrypted with another KMS key than the ring's logs key: the services encrypt with the
 * logs key (the one whose policy admits them), and an EncryptedBucket denies uploads under any
 * other key, so nothing would ever be delivered.
 */
export function assertDeliversWithLogsKey(scope: IConstruct, prop: string, bucket: s3.IBucket, logsKey: kms.IKey): void {
  if (bucket.encryptionKey !== undefined && bucket.encryptionKey !== logsKey) {
    throw FortressError.invalidProp(scope, prop,
      'must be encrypted with the key ring\'s logs key (KmsKeyRing.key(KeyPurpose.LOGS)): the service encrypts deliveries with it, '
      + 'and the bucket would deny uploads under any other key');
  }
}
