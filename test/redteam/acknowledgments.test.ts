import { App, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { InsecureCase, insecureSuite, workload } from './harness';
import { EncryptedBucket, FortressChecks } from '../../src';

// GIVEN an insecure resource and an acknowledgment that must not silence it (wrong scope, empty or
// meaningless reason, unknown id, never-acknowledgeable rule), THEN synthesis fails.

const GOOD_REASON = 'The bucket holds build caches that are rebuilt from source in minutes; losing them costs nothing.';

/** An EncryptedBucket that is deleted with its stack: a Fortress-S3BucketRetained finding. */
function deletableBucket(app: App): EncryptedBucket {
  const b = new EncryptedBucket(workload(app), 'B');
  (b.node.defaultChild as s3.CfnBucket).addOverride('DeletionPolicy', 'Delete');
  return b;
}

const cases: InsecureCase[] = [
  {
    name: 'Fortress rule acknowledged on the App with an empty reason',
    build: (app) => { deletableBucket(app); Validations.of(app).acknowledge({ id: 'Fortress-S3BucketRetained', reason: '' }); },
    expectRule: 'Fortress-S3BucketRetained',
    expectPath: 'W/B/Resource',
  },
  {
    name: 'Fortress rule acknowledged on the App with a good-looking reason: the finding stays',
    build: (app) => { deletableBucket(app); Validations.of(app).acknowledge({ id: 'Fortress-S3BucketRetained', reason: GOOD_REASON }); },
    expectRule: 'Fortress-S3BucketRetained',
    expectPath: 'W/B/Resource',
  },
  {
    name: 'Fortress rule acknowledged on the Stack with a good-looking reason: the finding stays',
    build: (app) => { Validations.of(deletableBucket(app).stack).acknowledge({ id: 'Fortress-S3BucketRetained', reason: GOOD_REASON }); },
    expectRule: 'Fortress-S3BucketRetained',
    expectPath: 'W/B/Resource',
  },
  {
    name: 'Fortress rule acknowledged on the Stack: the acknowledgment is refused',
    build: (app) => { Validations.of(deletableBucket(app).stack).acknowledge({ id: 'Fortress-S3BucketRetained', reason: GOOD_REASON }); },
    expectRule: 'Fortress-AcknowledgmentScope',
    expectPath: 'W',
  },
  {
    name: 'reason "asdf qwer zxcv uiop" on the resource',
    build: (app) => Validations.of(deletableBucket(app)).acknowledge({ id: 'Fortress-S3BucketRetained', reason: 'asdf qwer zxcv uiop' }),
    expectRule: 'Fortress-AcknowledgmentReason',
    expectPath: 'W/B',
  },
  {
    name: 'reason "this is a false positive, ignore it" on the resource',
    build: (app) => Validations.of(deletableBucket(app)).acknowledge({ id: 'Fortress-S3BucketRetained', reason: 'this is a false positive, ignore it' }),
    expectRule: 'Fortress-AcknowledgmentReason',
    expectPath: 'W/B',
  },
  {
    name: 'empty reason on the resource',
    build: (app) => Validations.of(deletableBucket(app)).acknowledge({ id: 'Fortress-S3BucketRetained', reason: '' }),
    expectRule: 'Fortress-AcknowledgmentReason',
    expectPath: 'W/B',
  },
  {
    name: 'misspelled id Fortress-S3BucketRetaned',
    build: (app) => Validations.of(deletableBucket(app)).acknowledge({ id: 'Fortress-S3BucketRetaned', reason: GOOD_REASON }),
    expectRule: 'Fortress-AcknowledgmentUnknownRule',
    expectPath: 'W/B',
  },
  {
    name: 'wildcard id Fortress-*',
    build: (app) => Validations.of(deletableBucket(app)).acknowledge({ id: 'Fortress-*', reason: GOOD_REASON }),
    expectRule: 'Fortress-AcknowledgmentUnknownRule',
    expectPath: 'W/B',
  },
  {
    name: 'wildcard id AwsSolutions-*',
    build: (app) => Validations.of(deletableBucket(app)).acknowledge({ id: 'AwsSolutions-*', reason: GOOD_REASON }),
    expectRule: 'Fortress-AcknowledgmentUnknownRule',
    expectPath: 'W/B',
  },
  {
    name: 'wrong case awssolutions-s1',
    build: (app) => Validations.of(deletableBucket(app)).acknowledge({ id: 'awssolutions-s1', reason: GOOD_REASON }),
    expectRule: 'Fortress-AcknowledgmentUnknownRule',
    expectPath: 'W/B',
  },
  {
    name: 'never-acknowledgeable rule acknowledged on the resource itself',
    build: (app) => {
      const trail = new cloudtrail.CfnTrail(workload(app), 'Trail', { isLogging: false, s3BucketName: 'audit' });
      Validations.of(trail).acknowledge({ id: 'Fortress-CloudTrailLogging', reason: 'The trail stays off while the organization trail is rolled out next week.' });
    },
    expectRule: 'Fortress-AcknowledgmentNotAllowed',
    expectPath: 'W/Trail',
  },
  {
    name: 'never-acknowledgeable rule acknowledged on the resource: the finding stays',
    build: (app) => {
      const trail = new cloudtrail.CfnTrail(workload(app), 'Trail', { isLogging: false, s3BucketName: 'audit' });
      Validations.of(trail).acknowledge({ id: 'Fortress-CloudTrailLogging', reason: 'The trail stays off while the organization trail is rolled out next week.' });
    },
    expectRule: 'Fortress-CloudTrailLogging',
    expectPath: 'W/Trail',
  },
  {
    name: 'every never-acknowledgeable rule acknowledged on the App',
    build: (app) => {
      deletableBucket(app);
      for (const id of FortressChecks.neverAcknowledgeableRuleIdentifiers()) Validations.of(app).acknowledge({ id, reason: GOOD_REASON });
    },
    expectRule: 'Fortress-S3BucketRetained',
    expectPath: 'W/B/Resource',
  },
  {
    // CDK's own validation honors the namespaced App-level acknowledgment and hides the bucket's finding;
    // the acknowledgment policy's fatal finding (never silenced) still fails synthesis.
    name: 'namespaced Fortress::Fortress-S3BucketRetained on the App',
    build: (app) => { deletableBucket(app); Validations.of(app).acknowledge({ id: 'Fortress::Fortress-S3BucketRetained', reason: GOOD_REASON }); },
    expectRule: 'Fortress-AcknowledgmentScope',
    expectPath: '',
  },
];

insecureSuite('red team: acknowledgments', cases);
