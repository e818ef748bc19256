import { CfnResource, Size } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { InsecureCase, insecureSuite, workload } from './harness';
import { KmsKeyRing, KeyPurpose } from '../../src';

/**
 * Escape hatches against properties only the standard cdk-nag packs check (no FortressChecks rule):
 * the packs read construct props, so SecureBaseline re-judges every stack with overrides as synthesized.
 */
const cfn = (c: IConstruct): CfnResource => c.node.defaultChild as CfnResource;

function compliantQueue(app: Parameters<InsecureCase['build']>[0]): sqs.Queue {
  const stack = workload(app);
  const key = KmsKeyRing.of(stack).key(KeyPurpose.MESSAGING);
  const dlq = new sqs.Queue(stack, 'Dlq', { enforceSSL: true, encryptionMasterKey: key });
  return new sqs.Queue(stack, 'Q', { enforceSSL: true, encryptionMasterKey: key, deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
}

const cases: InsecureCase[] = [
  {
    name: 'SQS queue encryption removed through deletion overrides',
    build: (app) => {
      const queue = compliantQueue(app);
      cfn(queue).addPropertyDeletionOverride('KmsMasterKeyId');
      cfn(queue).addPropertyOverride('SqsManagedSseEnabled', false);
    },
    expectRule: 'AwsSolutions-SQS2',
    expectPath: 'W/Q/Resource',
  },
  {
    name: 'SNS topic key removed through a deletion override',
    build: (app) => {
      const stack = workload(app);
      const topic = new sns.Topic(stack, 'T', { enforceSSL: true, masterKey: KmsKeyRing.of(stack).key(KeyPurpose.MESSAGING) });
      cfn(topic).addPropertyDeletionOverride('KmsMasterKeyId');
    },
    expectRule: 'HIPAA.Security-SNSEncryptedKMS',
    expectPath: 'W/T/Resource',
  },
  {
    name: 'DynamoDB point-in-time recovery switched off through an override',
    build: (app) => {
      const stack = workload(app);
      const table = new dynamodb.Table(stack, 'Table', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: KmsKeyRing.of(stack).key(KeyPurpose.DATA),
      });
      cfn(table).addPropertyOverride('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', false);
    },
    expectRule: 'AwsSolutions-DDB3',
    expectPath: 'W/Table/Resource',
  },
  {
    name: 'EBS volume encryption switched off through an override',
    build: (app) => {
      const stack = workload(app);
      const volume = new ec2.Volume(stack, 'Volume', { availabilityZone: 'eu-west-1a', size: Size.gibibytes(10), encrypted: true, encryptionKey: KmsKeyRing.of(stack).key(KeyPurpose.DATA) });
      cfn(volume).addPropertyOverride('Encrypted', false);
    },
    expectRule: 'AwsSolutions-EC26',
    expectPath: 'W/Volume/Resource',
  },
];

insecureSuite('red team: escape hatches against properties only the standard packs check', cases);
