import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { Acknowledgments, ConfigRecorder, ConformancePacks, ConformancePackTemplate, FortressErrors } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const resources = (stack: Stack, type: string) => Object.values<any>(Template.fromStack(stack).findResources(type)).map((r) => r.Properties);

describe('ConformancePackTemplate', () => {
  test('CIS, PCI DSS, HIPAA, NIST 800-53 and FedRAMP are shipped, each body a conformance pack of AWS Config rules below the 51,200-byte TemplateBody limit', () => {
    expect(ConformancePackTemplate.all().map((t) => t.name)).toEqual([
      'CIS-AWS-v1-4-Level1', 'CIS-AWS-v1-4-Level2', 'PCI-DSS-v4-including-global', 'PCI-DSS-v4-excluding-global',
      'HIPAA-Security', 'NIST-800-53-rev-5', 'FedRAMP-Low', 'FedRAMP-Moderate',
    ]);
    for (const pack of ConformancePackTemplate.all()) {
      expect(Buffer.byteLength(pack.templateBody, 'utf-8')).toBeLessThanOrEqual(51_200);
      expect(pack.templateBody).toMatch(/^Resources:$/m);
      expect(pack.templateBody).toContain('Type: AWS::Config::ConfigRule');
      expect(pack.sourceFile).toMatch(/^Operational-Best-Practices-for-.*\.yaml$/);
    }
  });
});

describe('ConformancePacks', () => {
  test('account level: one AWS::Config::ConformancePack per pack, the shipped body inline', () => {
    const stack = propertyTestStack();
    const packs = new ConformancePacks(stack, 'Packs', { packs: [ConformancePackTemplate.CIS_AWS_FOUNDATIONS_V1_4_LEVEL_1, ConformancePackTemplate.HIPAA_SECURITY] });
    expect(resources(stack, 'AWS::Config::ConformancePack')).toEqual([
      { ConformancePackName: 'OBP-CIS-AWS-v1-4-Level1', TemplateBody: ConformancePackTemplate.CIS_AWS_FOUNDATIONS_V1_4_LEVEL_1.templateBody },
      { ConformancePackName: 'OBP-HIPAA-Security', TemplateBody: ConformancePackTemplate.HIPAA_SECURITY.templateBody },
    ]);
    expect(packs.packNames).toEqual(['OBP-CIS-AWS-v1-4-Level1', 'OBP-HIPAA-Security']);
    expect(resources(stack, 'AWS::Config::OrganizationConformancePack')).toEqual([]);
  });

  test('organization: AWS::Config::OrganizationConformancePack with excluded accounts', () => {
    const stack = propertyTestStack();
    new ConformancePacks(stack, 'Packs', { packs: [ConformancePackTemplate.NIST_800_53_REV_5], organization: true, excludedAccounts: ['444455556666'] });
    expect(resources(stack, 'AWS::Config::OrganizationConformancePack')).toEqual([{
      OrganizationConformancePackName: 'OBP-NIST-800-53-rev-5', TemplateBody: ConformancePackTemplate.NIST_800_53_REV_5.templateBody, ExcludedAccounts: ['444455556666'],
    }]);
  });

  test('with the stack\'s ConfigRecorder, the packs are created after the recorder', () => {
    const stack = propertyTestStack();
    const recorder = new ConfigRecorder(stack, 'Recorder');
    new ConformancePacks(stack, 'Packs', { packs: [ConformancePackTemplate.HIPAA_SECURITY], recorder });
    const template = Template.fromStack(stack).toJSON().Resources;
    const [pack] = Object.values<any>(template).filter((r) => r.Type === 'AWS::Config::ConformancePack');
    const recorderId = Object.keys(template).find((k) => template[k].Type === 'AWS::Config::ConfigurationRecorder');
    expect(pack.DependsOn).toEqual(expect.arrayContaining([recorderId]));
  });

  test('a recorder in another stack is refused', () => {
    const app = new App();
    const recorder = new ConfigRecorder(new Stack(app, 'Recording', { env: { account: '111122223333', region: 'eu-west-1' } }), 'Recorder');
    const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'eu-west-1' } });
    expect(() => new ConformancePacks(stack, 'Packs', { packs: [ConformancePackTemplate.HIPAA_SECURITY], recorder }))
      .toThrow("[cdk-fortress] Stack/Packs: invalid 'recorder': must be in the same stack");
  });

  test('GovCloud and environment-agnostic stacks are accepted', () => {
    new ConformancePacks(new Stack(new App(), 'Gov', { env: { region: 'us-gov-west-1' } }), 'Packs', { packs: [ConformancePackTemplate.FEDRAMP_MODERATE] });
    new ConformancePacks(new Stack(new App(), 'Agnostic'), 'Packs', { packs: [ConformancePackTemplate.FEDRAMP_MODERATE] });
  });

  test('any non-empty set of distinct packs synthesizes, one resource each, within the 1 MB template limit', () => {
    fc.assert(fc.property(fc.subarray(ConformancePackTemplate.all(), { minLength: 1 }), fc.boolean(), (packs, organization) => {
      const stack = propertyTestStack();
      new ConformancePacks(stack, 'Packs', { packs, organization });
      const type = organization ? 'AWS::Config::OrganizationConformancePack' : 'AWS::Config::ConformancePack';
      expect(resources(stack, type)).toHaveLength(packs.length);
      expect(JSON.stringify(Template.fromStack(stack).toJSON()).length).toBeLessThan(1_000_000);
    }), { numRuns: 5 });
  });
});

describe('ConformancePacks invalid input', () => {
  const CIS = ConformancePackTemplate.CIS_AWS_FOUNDATIONS_V1_4_LEVEL_1;
  test.each<[string, any, string]>([
    ['no packs', { packs: [] }, "invalid 'packs': must list at least one ConformancePackTemplate"],
    ['packs missing', {}, "invalid 'packs': must list at least one ConformancePackTemplate"],
    ['packs not a list', { packs: CIS }, "invalid 'packs': must list at least one"],
    ['an unknown pack by name', { packs: ['CIS'] }, "invalid 'packs[0]': must be one of ConformancePackTemplate's packs (CIS-AWS-v1-4-Level1"],
    ['a look-alike object', { packs: [{ name: 'SOC2', sourceFile: 'x.yaml', templateBody: 'Resources: {}' }] }, "invalid 'packs[0]': must be one of ConformancePackTemplate's packs"],
    ['a repeated pack', { packs: [CIS, CIS] }, "invalid 'packs': must not repeat entries"],
    ['excluded accounts without organization', { packs: [CIS], excludedAccounts: ['444455556666'] }, "invalid 'excludedAccounts': applies only to organization packs"],
    ['a malformed excluded account', { packs: [CIS], organization: true, excludedAccounts: ['4444'] }, "invalid 'excludedAccounts': must be a list of 12-digit account ids (got '4444')"],
    ['a repeated excluded account', { packs: [CIS], organization: true, excludedAccounts: ['444455556666', '444455556666'] }, "invalid 'excludedAccounts': must not repeat entries"],
    ['organization not a boolean', { packs: [CIS], organization: 'yes' }, "invalid 'organization': must be true or false"],
    ['a recorder that is not a ConfigRecorder', { packs: [CIS], recorder: { node: {} } }, "invalid 'recorder': must be a ConfigRecorder"],
    ['props not an object', 'CIS', "invalid 'props': must be an object of props"],
  ])('%s', (_name, props, message) => {
    const error = rejectionOf('Packs', () => props, (s, id, p) => new ConformancePacks(s, id, p));
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/Packs: ${message}`);
  });

  test.each([['cn-north-1', 'aws-cn'], ['cn-northwest-1', 'aws-cn'], ['us-iso-east-1', 'aws-iso']])('a pack in %s (partition %s) is refused', (region, partition) => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region } });
    let error: unknown;
    try { new ConformancePacks(stack, 'Packs', { packs: [ConformancePackTemplate.HIPAA_SECURITY] }); } catch (e) { error = e; }
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/Packs: invalid 'packs': are not available in partition ${partition} (region ${region})`);
    expect(stack.node.tryFindChild('Packs')).toBeUndefined();
  });
});

describe('ConformancePacks compliance (all six cdk-nag packs + FortressChecks)', () => {
  test.each([['account level', false], ['organization', true]])('%s: compliant with no acknowledgments', (_name, organization) => {
    const stack = complianceTestStack();
    new ConformancePacks(stack, 'Packs', { packs: [ConformancePackTemplate.CIS_AWS_FOUNDATIONS_V1_4_LEVEL_1, ConformancePackTemplate.PCI_DSS_V4_INCLUDING_GLOBAL_RESOURCES], organization });
    expectCompliant(stack);
    expect(Acknowledgments.list(stack).filter((a) => a.constructPath.startsWith('Stack/Packs'))).toEqual([]);
  });
});
