import { App, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { SecureBaseline, SecureDistribution } from '../../src';

describe('SecureBaseline enforcement and warnings', () => {
  test('GIVEN only a standard-pack warning (AwsSolutions-CFR1, no geo restriction) THEN synthesis succeeds', () => {
    const app = new App();
    SecureBaseline.enforce(app);
    const stack = new Stack(app, 'Edge', { env: { account: '111122223333', region: 'us-east-1' } });
    new SecureDistribution(stack, 'Shop', {
      defaultBehavior: { origin: new origins.HttpOrigin('origin.shop.example.com') },
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111122223333:certificate/abcdef01-2345-6789-abcd-ef0123456789'),
      domainNames: ['shop.example.com'],
    });
    expect(() => app.synth()).not.toThrow();
  });
});
