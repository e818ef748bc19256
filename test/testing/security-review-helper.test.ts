import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { EncryptedBucket, LeastPrivilegeRole } from '../../src';
import { securityDiff, securityReview, snapshotSerializer, stripVolatile } from '../../src/testing';

function stack(withDelete: boolean): Stack {
  const app = new App();
  const s = new Stack(app, 'Orders', { env: { account: '111122223333', region: 'eu-west-1' } });
  const bucket = new EncryptedBucket(s, 'Invoices');
  const role = new LeastPrivilegeRole(s, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: 'Processes invoices' });
  bucket.grantRead(role);
  if (withDelete) role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: [bucket.arnForObjects('processed/today.json')] }));
  return s;
}

describe('cdk-fortress/lib/testing', () => {
  test('securityReview(stack) is a stable snapshot value', () => {
    expect(securityReview(stack(false))).toMatchSnapshot();
  });

  test('securityReview changes exactly when the security posture does', () => {
    expect(securityReview(stack(false))).toEqual(securityReview(stack(false)));
    expect(securityReview(stack(true))).not.toEqual(securityReview(stack(false)));
    expect(securityDiff(stack(false), stack(true))).toMatchObject({
      highestRisk: 'medium',
      changes: [{ kind: 'new-actions', risk: 'medium', path: 'Orders/Worker', summary: 'role may now s3:DeleteObject on ${Orders/Invoices.Arn}/processed/today.json' }],
    });
  });

  test('the snapshot serializer is the one this repository uses', () => {
    expect(snapshotSerializer.test('built with aws-cdk-lib@2.276.0')).toBe(true);
    expect(snapshotSerializer.test({ ZipFile: 'code' })).toBe(true);
    expect(snapshotSerializer.test('alias/Stack/data')).toBe(false);
    expect(stripVolatile(`${'a'.repeat(64)}.zip cdk-nag 3.0.2`)).toBe('[ASSET HASH].zip cdk-nag [VERSION]');
  });
});
