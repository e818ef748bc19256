import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT } from 'aws-cdk-lib/cx-api';
import * as fc from 'fast-check';
import { Acknowledgments, CompliancePack, ComplianceReport, FortressErrors, RuleGroup, SecureBaseline } from '../../src';
import { catalogueOf, knownPacks } from '../../src/baseline/rule-catalogue';

const GOOD_REASON = 'This bucket receives S3 server access logs and cannot log to itself.';

describe('Acknowledgments.acknowledge', () => {
  test('records the acknowledgment on the construct, as cdk-nag reads it', () => {
    const stack = new Stack(new App(), 'Stack');
    const bucket = new s3.Bucket(stack, 'Logs');
    Acknowledgments.acknowledge(bucket, 'AwsSolutions-S1', `  ${GOOD_REASON} `);
    expect(Acknowledgments.list(stack)).toEqual([{ constructPath: 'Stack/Logs', ruleId: 'AwsSolutions-S1', reason: GOOD_REASON, pack: 'AwsSolutions', inherited: false }]);
  });

  test('accepts finding-level ids', () => {
    const stack = new Stack(new App(), 'Stack');
    Acknowledgments.acknowledge(stack, 'AwsSolutions-IAM5[Resource::*]', 'ec2:DescribeNetworkInterfaces supports no resource-level permissions at all.');
    expect(Acknowledgments.list(stack)[0].ruleId).toBe('AwsSolutions-IAM5[Resource::*]');
  });

  test.each([
    ['', /it is empty/],
    ['   ', /it is empty/],
    ['false positive', /not use a stock phrase/],
    ['Not needed.', /not use a stock phrase/],
    ['TODO: explain why this bucket has no logging', /not a placeholder/],
    ['AwsSolutions-S1 acknowledged', /not repeat the rule id/],
    ['Logging costs money', /at least 5 words and 25 characters/],
  ])('refuses the reason %j', (reason, message) => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => Acknowledgments.acknowledge(stack, 'AwsSolutions-S1', reason)).toThrow(message);
    expect(Acknowledgments.list(stack)).toEqual([]);
  });

  test('refuses a blank or spaced rule id', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => Acknowledgments.acknowledge(stack, ' ', GOOD_REASON)).toThrow(/invalid 'ruleId': must be a rule id without spaces/);
    expect(() => Acknowledgments.acknowledge(stack, 'AwsSolutions S1', GOOD_REASON)).toThrow(/invalid 'ruleId'/);
  });

  test('property: short reasons are always refused with the library error, never a TypeError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 24 }), (reason) => {
      let error: unknown;
      try { Acknowledgments.acknowledge(new Stack(new App(), 'S'), 'AwsSolutions-S1', reason); } catch (e) { error = e; }
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^\[cdk-fortress\] S: invalid 'reason for AwsSolutions-S1': must /);
    }));
  });
});

describe('Acknowledgments.list', () => {
  test('lists acknowledgments made with Validations directly too, sorted by path', () => {
    const app = new App();
    const b = new Stack(app, 'B');
    const a = new Stack(app, 'A');
    Validations.of(b).acknowledge({ id: 'AwsSolutions-S1', reason: 'r1' });
    Validations.of(a).acknowledge({ id: 'AwsSolutions::AwsSolutions-S10', reason: 'r2' });
    expect(Acknowledgments.list(app)).toEqual([
      { constructPath: 'A', ruleId: 'AwsSolutions-S10', reason: 'r2', pack: 'AwsSolutions', inherited: false },
      { constructPath: 'B', ruleId: 'AwsSolutions-S1', reason: 'r1', pack: 'AwsSolutions', inherited: false },
    ]);
  });

  test('GIVEN acknowledgments on the App and the Stack THEN a construct\'s list inherits them, marked inherited', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const bucket = new s3.Bucket(stack, 'Logs');
    Validations.of(app).acknowledge({ id: 'AwsSolutions-S10', reason: GOOD_REASON });
    Validations.of(stack).acknowledge({ id: 'Fortress-S3BucketRetained', reason: GOOD_REASON });
    Acknowledgments.acknowledge(bucket, 'AwsSolutions-S1', GOOD_REASON);
    expect(Acknowledgments.list(bucket).map((r) => [r.constructPath, r.ruleId, r.pack, r.inherited])).toEqual([
      ['', 'AwsSolutions-S10', 'AwsSolutions', true],
      ['Stack', 'Fortress-S3BucketRetained', 'Fortress', true],
      ['Stack/Logs', 'AwsSolutions-S1', 'AwsSolutions', false],
    ]);
  });

  test('GIVEN only some packs enforced THEN only their ids are listed (and acknowledged CDK warnings)', () => {
    const app = new App();
    SecureBaseline.enforce(app, { packs: [CompliancePack.AWS_SOLUTIONS], fortressChecks: false });
    const bucket = new s3.Bucket(new Stack(app, 'Stack'), 'Logs');
    Acknowledgments.acknowledge(bucket, 'AwsSolutions-S1', GOOD_REASON);
    Acknowledgments.acknowledge(bucket, 'HIPAA.Security-S3BucketLoggingEnabled', GOOD_REASON);
    Validations.of(bucket).acknowledge({ id: '@aws-cdk/aws-s3:someWarning', reason: GOOD_REASON });
    expect(Acknowledgments.list(app).map((r) => `${r.pack} ${r.ruleId}`)).toEqual(['Annotation @aws-cdk/aws-s3:someWarning', 'AwsSolutions AwsSolutions-S1']);
  });
});

describe('Acknowledgments.acknowledgeGroup', () => {
  test('GIVEN a group and only AwsSolutions + HIPAA enforced THEN one call acknowledges exactly those packs\' ids at synth', () => {
    const app = reportingApp();
    SecureBaseline.enforce(app, { packs: [CompliancePack.AWS_SOLUTIONS, CompliancePack.HIPAA_SECURITY], fortressChecks: false, reportOnly: true });
    const stack = new Stack(app, 'Stack');
    const bucket = new s3.Bucket(stack, 'Logs', { enforceSSL: true, encryption: s3.BucketEncryption.S3_MANAGED });
    Acknowledgments.acknowledgeGroup(bucket, RuleGroup.S3_SERVER_ACCESS_LOGGING, GOOD_REASON);
    const assembly = app.synth();
    expect(Acknowledgments.list(app).map((r) => r.ruleId)).toEqual(['AwsSolutions-S1', 'HIPAA.Security-S3BucketLoggingEnabled']);
    const report = ComplianceReport.fromAssemblyDirectory(assembly.directory);
    expect(report.findings.map((f) => f.ruleId)).not.toContain('AwsSolutions-S1');
    expect(report.findings.map((f) => f.ruleId)).not.toContain('HIPAA.Security-S3BucketLoggingEnabled');
  });

  test('GIVEN a generic reason or a non-group THEN the library\'s error', () => {
    const bucket = new s3.Bucket(new Stack(), 'Logs');
    expect(() => Acknowledgments.acknowledgeGroup(bucket, RuleGroup.S3_REPLICATION, 'false positive')).toThrow(/invalid 'reason for S3_REPLICATION'/);
    expect(() => Acknowledgments.acknowledgeGroup(bucket, undefined as any, GOOD_REASON)).toThrow(/invalid 'group': must be a RuleGroup/);
  });

  test('every built-in group names only rules the packs really report', () => {
    const known = new Set(knownRuleIds());
    for (const group of RuleGroup.all()) {
      expect({ group: group.name, unknown: group.ruleIds.filter((id) => !known.has(id)) }).toEqual({ group: group.name, unknown: [] });
    }
  });
});

describe('Acknowledgments.acknowledgeFinding', () => {
  test('GIVEN a wildcard resource of a bucket in another stack THEN the finding id is computed at synth and silences exactly that finding', () => {
    const app = reportingApp();
    SecureBaseline.enforce(app, { packs: [CompliancePack.AWS_SOLUTIONS], fortressChecks: false, reportOnly: true });
    const data = new Stack(app, 'Data', { env: { account: '111122223333', region: 'eu-west-1' } });
    const bucket = new s3.Bucket(data, 'Bucket');
    const app2 = new Stack(app, 'App', { env: { account: '111122223333', region: 'eu-west-1' } });
    const policy = new iam.ManagedPolicy(app2, 'Read', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] })] });
    Acknowledgments.acknowledgeFinding(policy, 'AwsSolutions-IAM5', `Resource::${bucket.arnForObjects('*')}`, GOOD_REASON);
    const report = ComplianceReport.fromAssemblyDirectory(app.synth().directory);
    const iam5 = report.findings.filter((f) => f.ruleId.startsWith('AwsSolutions-IAM5') && f.constructPath.startsWith('App/Read'));
    expect(iam5).toEqual([]);
    expect(Acknowledgments.list(policy).map((r) => r.ruleId)).toEqual([expect.stringMatching(/^AwsSolutions-IAM5\[Resource::.*\/\*\]$/)]);
  });

  test('GIVEN a malformed rule id or empty finding THEN the library\'s error', () => {
    const bucket = new s3.Bucket(new Stack(), 'Logs');
    expect(() => Acknowledgments.acknowledgeFinding(bucket, 'AwsSolutions-IAM5[x]', 'Action::s3:*', GOOD_REASON)).toThrow(/invalid 'ruleId'/);
    expect(() => Acknowledgments.acknowledgeFinding(bucket, 'AwsSolutions-IAM5', ' ', GOOD_REASON)).toThrow(/invalid 'finding'/);
  });
});

function reportingApp(): App {
  return new App({ builtinCloudFormationValidation: false, context: { [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false } });
}

function knownRuleIds(): string[] {
  // Every rule id the six cdk-nag packs and FortressChecks can report, by the catalogue SecureBaseline uses.
  return [...catalogueOf(knownPacks()).values()].flatMap((ids) => [...ids]);
}
