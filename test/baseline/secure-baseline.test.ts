import { App, CfnResource, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT } from 'aws-cdk-lib/cx-api';
import { NagMessageLevel, NagPack, NagRuleCompliance } from 'cdk-nag';
import * as fc from 'fast-check';
import { ALL_COMPLIANCE_PACKS, CompliancePack, ComplianceReport, FortressErrors, SecureBaseline } from '../../src';

/** An App that reports findings instead of throwing, without CloudFormation's template validation. */
function reportingApp(): App {
  return new App({ builtinCloudFormationValidation: false, context: { [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false } });
}

function reportOf(app: App): ComplianceReport {
  return ComplianceReport.fromAssemblyDirectory(app.synth({ force: true }).directory);
}

function plainBucketIn(scope: Stage, stackId = 'Workload'): s3.Bucket {
  return new s3.Bucket(new Stack(scope, stackId), 'PlainBucket');
}

const DEFAULT_NAMES = ['AwsSolutions', 'Fortress', 'HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'];

describe('SecureBaseline.enforce', () => {
  test('GIVEN an App WHEN enforced with defaults THEN the four default packs and FortressChecks are registered', () => {
    const app = reportingApp();
    const baseline = SecureBaseline.enforce(app, { reportOnly: true });
    expect(baseline.packNames).toEqual(DEFAULT_NAMES);
    expect(SecureBaseline.enforcedOn(app)).toEqual(DEFAULT_NAMES);
  });

  test('GIVEN a non-compliant plain s3.Bucket in a Stage nested in the App WHEN the App synthesizes THEN synthesis fails', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    SecureBaseline.enforce(app, { reportOnly: true });
    const prod = new Stage(app, 'Prod');
    plainBucketIn(new Stage(prod, 'Inner'));
    expect(() => app.synth()).toThrow(/AwsSolutions-S1[\s\S]*Prod\/Inner\/Workload\/PlainBucket\/Resource/);
  });

  test('GIVEN the nested-Stage bucket WHEN the findings are read THEN every default pack and FortressChecks flagged it', () => {
    const app = reportingApp();
    SecureBaseline.enforce(app, { reportOnly: true });
    plainBucketIn(new Stage(app, 'Prod'));
    const packs = new Set(reportOf(app).findingsUnder('Prod/Workload/PlainBucket').map((f) => f.pack));
    expect([...packs].sort()).toEqual(DEFAULT_NAMES);
  });

  test('GIVEN enforce called twice WHEN synthesized THEN each finding is reported once', () => {
    const app = reportingApp();
    SecureBaseline.enforce(app, { reportOnly: true });
    SecureBaseline.enforce(app, { reportOnly: true });
    plainBucketIn(app);
    const s1 = reportOf(app).findings.filter((f) => f.ruleId === 'AwsSolutions-S1');
    expect(s1).toHaveLength(1);
  });

  test('GIVEN enforce on the App and again on a nested Stage THEN the Stage inherits and nothing is registered twice', () => {
    const app = reportingApp();
    SecureBaseline.enforce(app, { reportOnly: true });
    const prod = new Stage(app, 'Prod');
    expect(SecureBaseline.enforce(prod, { reportOnly: true }).packNames).toEqual(DEFAULT_NAMES);
    plainBucketIn(prod);
    expect(reportOf(app).findings.filter((f) => f.ruleId === 'Fortress-S3BucketMinimumTls12')).toHaveLength(1);
  });

  test('GIVEN enforce on one Stage THEN findings in a sibling Stage are not reported', () => {
    const app = reportingApp();
    const prod = new Stage(app, 'Prod');
    const dev = new Stage(app, 'Dev');
    SecureBaseline.enforce(prod, { reportOnly: true });
    plainBucketIn(prod);
    plainBucketIn(dev);
    const paths = new Set(reportOf(app).findings.map((f) => f.constructPath));
    expect([...paths]).toEqual(['Prod/Workload/PlainBucket/Resource']);
  });

  test('GIVEN a second call adding a pack THEN only the new pack is registered', () => {
    const app = reportingApp();
    SecureBaseline.enforce(app, { reportOnly: true, packs: [CompliancePack.AWS_SOLUTIONS], fortressChecks: false });
    const packs = [CompliancePack.AWS_SOLUTIONS, CompliancePack.SERVERLESS];
    const baseline = SecureBaseline.enforce(app, { reportOnly: true, packs, fortressChecks: false });
    expect(baseline.packNames).toEqual(['AwsSolutions', 'Serverless']);
  });

  test('GIVEN a selection of packs THEN only those packs report', () => {
    const app = reportingApp();
    SecureBaseline.enforce(app, { reportOnly: true, packs: [CompliancePack.NIST_800_53_R4], fortressChecks: false });
    plainBucketIn(app);
    const packs = new Set(reportOf(app).findings.map((f) => f.pack));
    expect([...packs]).toEqual(['NIST.800.53.R4']);
  });

  test('GIVEN acknowledgments on the bucket THEN those findings are not reported and the others still are', () => {
    const app = reportingApp();
    SecureBaseline.enforce(app, { reportOnly: true, packs: [CompliancePack.AWS_SOLUTIONS], fortressChecks: false });
    const bucket = plainBucketIn(app);
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'Server access logs are collected by the organization trail.' });
    expect(reportOf(app).findings.map((f) => f.ruleId)).toEqual(['AwsSolutions-S10']);
  });

  test('GIVEN an additional organization pack THEN its findings are enforced too', () => {
    class NoBucketsPack extends NagPack {
      public readonly name = 'OrgPolicy';
      constructor() { super(); this.packName = 'OrgPolicy'; }
      protected checkResource(node: CfnResource): void {
        this.applyRule({
          info: 'Buckets need an approved ticket.',
          explanation: 'Organization policy.',
          level: NagMessageLevel.ERROR,
          node,
          rule: Object.defineProperty((n: CfnResource) => (n.cfnResourceType === 'AWS::S3::Bucket' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.NOT_APPLICABLE), 'name', { value: 'NoBuckets' }),
        });
      }
    }
    const app = reportingApp();
    const baseline = SecureBaseline.enforce(app, { reportOnly: true, packs: [], fortressChecks: false, additionalPacks: [new NoBucketsPack()] });
    plainBucketIn(app);
    expect(baseline.packNames).toEqual(['OrgPolicy']);
    expect(reportOf(app).findings.map((f) => f.ruleId)).toEqual(['OrgPolicy-NoBuckets']);
  });

  test('GIVEN verbose THEN findings carry the explanation', () => {
    const app = reportingApp();
    SecureBaseline.enforce(app, { reportOnly: true, packs: [], verbose: true });
    plainBucketIn(app);
    const tls = reportOf(app).findings.find((f) => f.ruleId === 'Fortress-S3BucketMinimumTls12');
    expect(tls?.description).toMatch(/TLS 1\.0 and 1\.1, which have known weaknesses/);
  });

  test('GIVEN writeAcknowledgmentsToTemplate THEN acknowledgments appear in the resource Metadata', () => {
    const app = reportingApp();
    SecureBaseline.enforce(app, { reportOnly: true, writeAcknowledgmentsToTemplate: true });
    SecureBaseline.enforce(app, { reportOnly: true, writeAcknowledgmentsToTemplate: true });
    const bucket = plainBucketIn(app);
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'Server access logs are collected by the organization trail.' });
    Template.fromStack(Stack.of(bucket)).hasResource('AWS::S3::Bucket', {
      Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-S1', reason: 'Server access logs are collected by the organization trail.' }] } },
    });
  });
});

describe('SecureBaseline.enforce rejects invalid input', () => {
  test('a Stack instead of an App or Stage', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => SecureBaseline.enforce(stack)).toThrow("[cdk-fortress] Stack: invalid 'scope': SecureBaseline.enforce() takes an App or a Stage");
  });

  test('nothing to enforce', () => {
    expect(() => SecureBaseline.enforce(new App(), { packs: [], fortressChecks: false })).toThrow(/invalid 'packs': must name at least one pack/);
  });

  test('a pack named twice', () => {
    expect(() => SecureBaseline.enforce(new App(), { packs: [CompliancePack.PCI_DSS_321, CompliancePack.PCI_DSS_321] }))
      .toThrow(/invalid 'packs': must not repeat entries \(got \["PCI.DSS.321"\]\)/);
  });

  test('an unknown pack (from JavaScript or another jsii language)', () => {
    expect(() => SecureBaseline.enforce(new App(), { packs: ['SOC2' as CompliancePack] })).toThrow(/invalid 'packs\[0\]': must be one of "AwsSolutions"/);
  });
});

describe('SecureBaseline properties', () => {
  const packSubsets = fc.subarray([...ALL_COMPLIANCE_PACKS]);

  test('any set of packs is registered exactly once, plus FortressChecks when on', () => {
    fc.assert(fc.property(packSubsets, fc.boolean(), fc.integer({ min: 1, max: 3 }), (packs, fortress, calls) => {
      fc.pre(packs.length > 0 || fortress);
      const app = new App();
      let names: string[] = [];
      for (let i = 0; i < calls; i++) names = SecureBaseline.enforce(app, { reportOnly: true, packs, fortressChecks: fortress }).packNames;
      const expected = [...packs.map(String), ...(fortress ? ['Fortress'] : [])].sort();
      expect(names).toEqual(expected);
    }));
  });

  test('any list with a repeated pack is refused with the library error naming the prop', () => {
    fc.assert(fc.property(packSubsets.filter((p) => p.length > 0), fc.nat(), (packs, n) => {
      const repeated = [...packs, packs[n % packs.length]];
      let error: unknown;
      try { SecureBaseline.enforce(new App(), { packs: repeated }); } catch (e) { error = e; }
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^\[cdk-fortress\] <root>: invalid 'packs': must not repeat entries/);
    }));
  });
});
