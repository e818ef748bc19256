import { PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { fromAccount, OWN_ACCOUNT, sample, withDryRun } from './helpers';
import { bucketNamesOf, handler } from '../../../src/response/handlers/block-bucket-public-access';

const s3 = mockClient(S3Client);
beforeEach(() => {
  s3.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  process.env.ACCOUNT_ID = '123456789012';
});
afterEach(() => {
  jest.restoreAllMocks();
  delete process.env.ACCOUNT_ID;
});

describe('block-bucket-public-access handler', () => {
  test('GIVEN the documented samples THEN the buckets they name', () => {
    expect(bucketNamesOf(sample('securityhub-findings-imported'))).toEqual(['example-bucket']);
    expect(bucketNamesOf(sample('macie-finding'))).toEqual(['amzn-s3-demo-bucket1']);
    expect(bucketNamesOf(sample('access-analyzer-finding'))).toEqual(['amzn-s3-demo-bucket']);
    expect(bucketNamesOf({ source: 'aws.guardduty', detail: { accountId: OWN_ACCOUNT, resource: { s3BucketDetails: [{ name: 'gd-bucket' }, { name: 'Not A Bucket' }] } } })).toEqual(['gd-bucket']);
    expect(bucketNamesOf(sample('guardduty-finding'))).toEqual([]);
    // Findings about a member account (aggregated, or seen as delegated administrator) are not this account's buckets.
    for (const name of ['securityhub-findings-imported', 'macie-finding', 'access-analyzer-finding']) {
      expect(bucketNamesOf(fromAccount(sample(name), '999999999999'))).toEqual([]);
    }
  });

  test('GIVEN dry run THEN no call', async () => {
    expect(await withDryRun(undefined, () => handler(sample('macie-finding')))).toEqual([{ bucket: 'amzn-s3-demo-bucket1', dryRun: true }]);
    expect(s3.calls()).toHaveLength(0);
  });

  test('GIVEN DRY_RUN=false THEN exactly PutPublicAccessBlock with all four settings, for this account\'s bucket only', async () => {
    await withDryRun('false', () => handler(sample('securityhub-findings-imported')));
    expect(s3.commandCalls(PutPublicAccessBlockCommand).map((c) => c.args[0].input)).toEqual([{
      Bucket: 'example-bucket',
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      ExpectedBucketOwner: '123456789012',
    }]);
    expect(s3.calls()).toHaveLength(1);
  });
});
