import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT } from 'aws-cdk-lib/cx-api';
import { NagPack } from 'cdk-nag';
import { CompliancePack, ComplianceReport, EncryptedBucket, SecureBaseline } from '../../src';

const GOOD_REASON = 'The bucket holds public marketing images that CloudFront serves; nothing confidential is stored there.';

function reportingApp(): App {
  const app = new App({ builtinCloudFormationValidation: false, context: { [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false } });
  SecureBaseline.enforce(app, { reportOnly: true });
  return app;
}

function findings(app: App, ruleId: string): Array<{ path: string; description: string; severity: string }> {
  const report = ComplianceReport.fromAssemblyDirectory(app.synth({ force: true }).directory);
  return report.findings.filter((f) => f.ruleId === ruleId).map((f) => ({ path: f.constructPath, description: f.description, severity: f.severity }));
}

function stackWithRetainlessBucket(app: App): { stack: Stack; bucket: EncryptedBucket } {
  const stack = new Stack(app, 'Workload', { env: { account: '111122223333', region: 'eu-west-1' } });
  const bucket = new EncryptedBucket(stack, 'Data');
  (bucket.node.defaultChild as s3.CfnBucket).addOverride('DeletionPolicy', 'Delete');
  return { stack, bucket };
}

describe('acknowledgment policy', () => {
  test('GIVEN a FortressChecks rule acknowledged on the App THEN the finding stays and the acknowledgment is a fatal error', () => {
    const app = reportingApp();
    stackWithRetainlessBucket(app);
    Validations.of(app).acknowledge({ id: 'Fortress-S3BucketRetained', reason: GOOD_REASON });
    expect(findings(app, 'Fortress-S3BucketRetained').map((f) => f.path)).toEqual(['Workload/Data/Resource']);
    const scope = findings(app, 'Fortress-AcknowledgmentScope');
    expect(scope).toHaveLength(1);
    expect(scope[0].severity).toBe('fatal');
    expect(scope[0].description).toMatch(/acknowledged on the App/);
  });

  test('GIVEN a FortressChecks rule acknowledged on the Stack THEN it is refused the same way', () => {
    const app = reportingApp();
    const { stack } = stackWithRetainlessBucket(app);
    Validations.of(stack).acknowledge({ id: 'Fortress-S3BucketRetained', reason: GOOD_REASON });
    expect(findings(app, 'Fortress-S3BucketRetained')).toHaveLength(1);
    expect(findings(app, 'Fortress-AcknowledgmentScope')[0].path).toBe('Workload');
  });

  test('GIVEN the namespaced spelling Fortress::<id> on the App THEN it is refused too', () => {
    const app = reportingApp();
    stackWithRetainlessBucket(app);
    Validations.of(app).acknowledge({ id: 'Fortress::Fortress-S3BucketRetained', reason: GOOD_REASON });
    expect(findings(app, 'Fortress-AcknowledgmentScope')).toHaveLength(1);
  });

  test('GIVEN a FortressChecks rule acknowledged on the bucket THEN it is silenced and no policy finding is raised', () => {
    const app = reportingApp();
    const { bucket } = stackWithRetainlessBucket(app);
    Validations.of(bucket).acknowledge({ id: 'Fortress-S3BucketRetained', reason: GOOD_REASON });
    expect(findings(app, 'Fortress-S3BucketRetained')).toEqual([]);
    expect(findings(app, 'Fortress-AcknowledgmentScope')).toEqual([]);
  });

  test.each([
    [''],
    ['asdf qwer zxcv uiop'],
    ['false positive'],
  ])('GIVEN the reason %j through Validations.acknowledge THEN it is a fatal error', (reason) => {
    const app = reportingApp();
    const { bucket } = stackWithRetainlessBucket(app);
    Validations.of(bucket).acknowledge({ id: 'Fortress-S3BucketRetained', reason });
    const errors = findings(app, 'Fortress-AcknowledgmentReason');
    expect(errors).toHaveLength(1);
    expect(errors[0].severity).toBe('fatal');
  });

  test.each([
    ['AwsSolutions-S01', 'AwsSolutions-S1'],
    ['awssolutions-s1', 'AwsSolutions-S1'],
    ['AwsSolutions-*', undefined],
    ['Fortress-S3BucketRetaned', 'Fortress-S3BucketRetained'],
  ])('GIVEN the unknown id %s THEN it is an error suggesting %s', (id, suggestion) => {
    const app = reportingApp();
    const { bucket } = stackWithRetainlessBucket(app);
    Validations.of(bucket).acknowledge({ id, reason: GOOD_REASON });
    const errors = findings(app, 'Fortress-AcknowledgmentUnknownRule');
    expect(errors).toHaveLength(1);
    if (suggestion) expect(errors[0].description).toContain(`Did you mean ${suggestion}?`);
  });

  test('GIVEN ids of packs that exist but are not enforced, or CDK annotation ids THEN they are not unknown', () => {
    const app = reportingApp();
    const { bucket } = stackWithRetainlessBucket(app);
    Validations.of(bucket).acknowledge({ id: 'NIST.800.53.R4-S3BucketLoggingEnabled', reason: GOOD_REASON });
    Validations.of(bucket).acknowledge({ id: '@aws-cdk/aws-s3:someWarning', reason: GOOD_REASON });
    expect(findings(app, 'Fortress-AcknowledgmentUnknownRule')).toEqual([]);
  });

  test('GIVEN a never-acknowledgeable rule acknowledged on the resource THEN the finding stays and the acknowledgment is an error', () => {
    const app = reportingApp();
    const stack = new Stack(app, 'Workload');
    const trail = new cloudtrail.CfnTrail(stack, 'Trail', { isLogging: false, s3BucketName: 'b' });
    Validations.of(trail).acknowledge({ id: 'Fortress-CloudTrailLogging', reason: 'The trail stays off while the new organization trail is being rolled out.' });
    expect(findings(app, 'Fortress-CloudTrailLogging')).toHaveLength(1);
    expect(findings(app, 'Fortress-AcknowledgmentNotAllowed')[0].description).toMatch(/cannot be acknowledged/);
  });

  test('GIVEN another pack\'s rule acknowledged on the App THEN a warning lists every finding it silences', () => {
    const app = reportingApp();
    const stack = new Stack(app, 'Workload');
    new s3.Bucket(stack, 'One');
    new s3.Bucket(stack, 'Two');
    Validations.of(app).acknowledge({ id: 'AwsSolutions-S1', reason: 'Server access logs are collected by the central logging account already.' });
    const warnings = findings(app, 'Fortress-AcknowledgmentAboveStack');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].severity).toBe('warning');
    expect(warnings[0].description).toContain('Workload/One/Resource');
    expect(warnings[0].description).toContain('Workload/Two/Resource');
  });

  test('GIVEN acknowledgments on a parent Stage THEN they are checked for a nested Stage\'s baseline too', () => {
    const app = new App({ builtinCloudFormationValidation: false, context: { [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false } });
    const prod = new Stage(app, 'Prod');
    SecureBaseline.enforce(prod, { reportOnly: true });
    stackWithRetainlessBucketIn(prod);
    Validations.of(app).acknowledge({ id: 'Fortress-S3BucketRetained', reason: GOOD_REASON });
    const report = ComplianceReport.fromAssemblyDirectory(app.synth({ force: true }).directory);
    expect(report.findings.filter((f) => f.ruleId === 'Fortress-AcknowledgmentScope')).toHaveLength(1);
    expect(report.findings.filter((f) => f.ruleId === 'Fortress-S3BucketRetained')).toHaveLength(1);
  });
});

describe('SecureBaseline hardening', () => {
  class Impostor extends NagPack {
    public readonly name: string;
    constructor(name: string) {
      super();
      this.packName = name;
      this.name = name;
    }
    protected checkResource(): void {}
  }

  test('GIVEN an additional pack named like a built-in THEN enforce refuses it', () => {
    for (const name of ['AwsSolutions', 'Fortress', 'fortress', 'PCI.DSS.321']) {
      expect(() => SecureBaseline.enforce(new App(), { additionalPacks: [new Impostor(name)] }))
        .toThrow(/invalid 'additionalPacks\[0\]\.name': must not be the name of a built-in pack/);
    }
  });

  test('GIVEN a pack registered directly under a built-in name THEN the real pack is still enforced', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    Validations.of(app).addPlugins(new Impostor('Fortress'));
    SecureBaseline.enforce(app);
    const stack = new Stack(app, 'Workload');
    const bucket = new EncryptedBucket(stack, 'Data');
    (bucket.node.defaultChild as s3.CfnBucket).addOverride('DeletionPolicy', 'Delete');
    expect(() => app.synth()).toThrow(/Fortress-S3BucketRetained/);
  });

  test('GIVEN failSynthOnValidationErrors=false without reportOnly THEN synthesis fails and says why', () => {
    const app = new App({ builtinCloudFormationValidation: false, context: { [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false } });
    SecureBaseline.enforce(app);
    new Stack(app, 'Workload');
    expect(() => app.synth()).toThrow(/failSynthOnValidationErrors=false would let an app with compliance errors synthesize.*reportOnly: true/s);
  });

  test('GIVEN reportOnly THEN synthesis reports and isReportOnly says so', () => {
    const app = reportingApp();
    new s3.Bucket(new Stack(app, 'Workload'), 'Plain');
    expect(() => app.synth()).not.toThrow();
    expect(SecureBaseline.isReportOnly(app)).toBe(true);
  });

  test('GIVEN a plain bucket and enforcement THEN synthesis fails (no report-only)', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    SecureBaseline.enforce(app, { packs: [CompliancePack.AWS_SOLUTIONS] });
    new s3.Bucket(new Stack(app, 'Workload'), 'Plain');
    expect(() => app.synth()).toThrow(/Fortress-S3BucketKmsEncrypted|AwsSolutions-S1/);
  });
});

function stackWithRetainlessBucketIn(stage: Stage): void {
  const stack = new Stack(stage, 'Workload', { env: { account: '111122223333', region: 'eu-west-1' } });
  const bucket = new EncryptedBucket(stack, 'Data');
  (bucket.node.defaultChild as s3.CfnBucket).addOverride('DeletionPolicy', 'Delete');
}
