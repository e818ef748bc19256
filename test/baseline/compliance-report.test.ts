import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT, VALIDATE_AGAINST_DEFAULT_RULES } from 'aws-cdk-lib/cx-api';
import { CompliancePack, ComplianceReport, SecureBaseline } from '../../src';
import { complianceTestStack, errorRuleIds, expectCompliant } from '../compliance';

describe('ComplianceReport', () => {
  test('GIVEN no validation plugin ran THEN the report is empty', () => {
    const report = ComplianceReport.fromAssemblyDirectory(path.join(os.tmpdir(), 'no-such-assembly'));
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([]);
  });

  test('GIVEN findings from cdk-nag and from CloudFormation validation THEN both are read, with severities and paths', () => {
    const app = new App({ context: { [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false, [VALIDATE_AGAINST_DEFAULT_RULES]: true } });
    SecureBaseline.enforce(app, { packs: [CompliancePack.AWS_SOLUTIONS], fortressChecks: false, reportOnly: true });
    const stack = new Stack(new Stage(app, 'Prod'), 'Data');
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    new s3.CfnBucket(stack, 'Invalid', { bucketName: 'Not_A_Valid_Name' });
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions::AwsSolutions-S1', reason: 'Access logs are delivered by the organization trail.' });
    const report = ComplianceReport.fromAssemblyDirectory(app.synth().directory);

    expect(report.findingsUnder('Prod/Data/Invalid').map((f) => `${f.pack} ${f.severity} ${f.ruleId}`).sort()).toEqual([
      'AwsSolutions error AwsSolutions-S1',
      'AwsSolutions error AwsSolutions-S10',
      'CloudFormation Validate error F3031',
    ]);
    expect(report.acknowledgedFindings).toEqual([expect.objectContaining({
      ruleId: 'AwsSolutions-S1', constructPath: 'Prod/Data/Bucket/Resource', acknowledgedReason: 'Access logs are delivered by the organization trail.',
    })]);
    expect(report.findingsUnder('Prod/Data/Bucket')).toEqual([]);
    expect(report.render(report.findingsUnder('Prod/Data/Invalid').filter((f) => f.ruleId === 'F3031')))
      .toMatch(/^error F3031 Prod\/Data\/Invalid: BucketName: 'Not_A_Valid_Name' does not match pattern/);
  });
});

describe('compliance helper', () => {
  test('GIVEN a plain s3.Bucket THEN expectCompliant fails listing the findings of every pack', () => {
    const stack = complianceTestStack();
    new s3.Bucket(stack, 'Plain');
    expect(() => expectCompliant(stack)).toThrow(/AwsSolutions-S1[\s\S]*HIPAA\.Security-S3BucketLoggingEnabled[\s\S]*Fortress-S3BucketMinimumTls12/);
  });

  test('GIVEN a rotated, retained KMS key THEN it is compliant, with no acknowledgment needed', () => {
    const stack = complianceTestStack();
    new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const result = expectCompliant(stack);
    expect(errorRuleIds(result.report.findings)).toEqual([]);
    expect(result.acknowledgments).toEqual([]);
  });
});

describe('ComplianceReport suggestions', () => {
  test('GIVEN a plain bucket and a plain role THEN findings name the cdk-fortress construct that satisfies the rule', () => {
    const app = new App({ builtinCloudFormationValidation: false, context: { [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false } });
    SecureBaseline.enforce(app, { packs: [CompliancePack.AWS_SOLUTIONS], reportOnly: true });
    const stack = new Stack(app, 'Stack');
    new s3.Bucket(stack, 'Plain');
    const report = ComplianceReport.fromAssemblyDirectory(app.synth().directory);
    const s1 = report.findings.find((f) => f.ruleId === 'AwsSolutions-S1');
    expect(s1?.suggestedConstruct).toBe('EncryptedBucket');
    expect(report.render([s1!])).toContain('(cdk-fortress: EncryptedBucket satisfies this by default)');
    expect(report.findings.find((f) => f.ruleId === 'Fortress-S3BucketKmsEncrypted')?.suggestedConstruct).toBe('EncryptedBucket');
  });
});
