import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import {
  AccountHardening, BaselineStackSynthesizer, FortressErrors, OrganizationBaseline, OrganizationBaselineProps, RegionConcurrency, StackSetCaller,
} from '../../src';
import { complianceTestApp, expectCompliant, propertyTestApp } from '../compliance';

const OU = 'ou-ab12-cdef3456';
function apps(app: App = propertyTestApp()) {
  const management = new Stack(app, 'Management', { env: { account: '111122223333', region: 'eu-west-1' } });
  const baseline = new Stack(app, 'Baseline', { synthesizer: new BaselineStackSynthesizer({ assetBucketPrefix: 'acme-baseline-assets' }) });
  new AccountHardening(baseline, 'Hardening');
  return { app, management, baseline };
}
const stackSetOf = (stack: Stack) => Object.values<any>(Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet'))[0].Properties;

describe('OrganizationBaseline defaults', () => {
  const { management, baseline } = apps();
  const rollout = new OrganizationBaseline(management, 'Baseline', { stack: baseline, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1', 'eu-central-1'] });
  const props = stackSetOf(management);

  test('a service-managed StackSet auto-deployed to the OUs in the regions, managed execution, 25% at a time, stop at the first failure', () => {
    expect(props).toMatchObject({
      StackSetName: 'fortress-Baseline',
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      CallAs: 'SELF',
      Capabilities: ['CAPABILITY_IAM'],
      ManagedExecution: { Active: true },
      OperationPreferences: { MaxConcurrentPercentage: 25, FailureTolerancePercentage: 0, RegionConcurrencyType: 'SEQUENTIAL', RegionOrder: ['eu-west-1', 'eu-central-1'] },
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: [OU] }, Regions: ['eu-west-1', 'eu-central-1'] }],
    });
  });

  test('the template body is the baseline stack\'s template, without the bootstrap-version parameter, assets addressed in the region\'s organization bucket', () => {
    const body = JSON.parse(props.TemplateBody);
    const own = Template.fromStack(baseline).toJSON();
    expect(Object.keys(body.Resources)).toEqual(Object.keys(own.Resources));
    expect(body.Parameters?.BootstrapVersion).toBeUndefined();
    expect(body.Rules?.CheckBootstrapVersion).toBeUndefined();
    const functions = Object.values<any>(body.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const f of functions) {
      expect(f.Properties.Code.S3Bucket).toEqual({ 'Fn::Sub': 'acme-baseline-assets-${AWS::Region}' });
      expect(rollout.assetObjectKeys).toContain(f.Properties.Code.S3Key);
    }
    expect(Buffer.byteLength(props.TemplateBody)).toBeLessThanOrEqual(51200);
  });
});

describe('OrganizationBaseline options', () => {
  test('delegated administrator, parallel regions, concurrency and tolerance, name, retained stacks', () => {
    const { management, baseline } = apps();
    new OrganizationBaseline(management, 'Baseline', {
      stack: baseline,
      targetOrganizationalUnitIds: [OU, 'r-ab12'],
      regions: ['us-east-1'],
      callAs: StackSetCaller.DELEGATED_ADMIN,
      regionConcurrency: RegionConcurrency.PARALLEL,
      maxConcurrentPercentage: 50,
      failureTolerancePercentage: 10,
      stackSetName: 'security-baseline',
      retainStacksOnAccountRemoval: true,
    });
    expect(stackSetOf(management)).toMatchObject({
      StackSetName: 'security-baseline',
      CallAs: 'DELEGATED_ADMIN',
      AutoDeployment: { RetainStacksOnAccountRemoval: true },
      OperationPreferences: { MaxConcurrentPercentage: 50, FailureTolerancePercentage: 10, RegionConcurrencyType: 'PARALLEL' },
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: [OU, 'r-ab12'] } }],
    });
  });

  test('a baseline with assets under the default synthesizer is refused when the App synthesizes', () => {
    const app = propertyTestApp();
    const management = new Stack(app, 'Management', { env: { account: '111122223333', region: 'eu-west-1' } });
    const baseline = new Stack(app, 'Baseline');
    new AccountHardening(baseline, 'Hardening');
    new OrganizationBaseline(management, 'Baseline', { stack: baseline, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'] });
    expect(() => app.synth()).toThrow(/Baseline has file assets .* synthesize it with new BaselineStackSynthesizer/);
  });

  test('fast-check: any tolerance below any concurrency is accepted and rendered', () => {
    const pairs = fc.integer({ min: 1, max: 100 }).chain((c) => fc.tuple(fc.constant(c), fc.integer({ min: 0, max: c - 1 })));
    fc.assert(fc.property(pairs, ([concurrency, tolerance]) => {
      const { management, baseline } = apps();
      new OrganizationBaseline(management, 'Baseline', {
        stack: baseline, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'], maxConcurrentPercentage: concurrency, failureTolerancePercentage: tolerance,
      });
      const preferences = stackSetOf(management).OperationPreferences;
      expect(preferences).toMatchObject({ MaxConcurrentPercentage: concurrency, FailureTolerancePercentage: tolerance });
    }), { numRuns: 5 });
  });
});

describe('OrganizationBaseline invalid input', () => {
  test.each<[string, (b: Stack, m: Stack) => Partial<OrganizationBaselineProps>, string]>([
    ['target OUs that are not OU ids', () => ({ targetOrganizationalUnitIds: ['Security'] }), "invalid 'targetOrganizationalUnitIds': must be an OU id (ou-xxxx-xxxxxxxx) or the root id (r-xxxx) (got 'Security')"],
    ['an account id as target', () => ({ targetOrganizationalUnitIds: ['444455556666'] }), "invalid 'targetOrganizationalUnitIds': must be an OU id"],
    ['a malformed OU id', () => ({ targetOrganizationalUnitIds: ['ou-ab12-cd'] }), "invalid 'targetOrganizationalUnitIds'"],
    ['no target', () => ({ targetOrganizationalUnitIds: [] }), "invalid 'targetOrganizationalUnitIds': must have at least 1 entry"],
    ['an unknown region', () => ({ regions: ['eu-west-9'] }), "invalid 'regions': must be an AWS region such as eu-west-1 (got 'eu-west-9')"],
    ['no region', () => ({ regions: [] }), "invalid 'regions': must have at least 1 entry"],
    ['a region twice', () => ({ regions: ['eu-west-1', 'eu-west-1'] }), "invalid 'regions': must not repeat entries"],
    ['failure tolerance above concurrency', () => ({ maxConcurrentPercentage: 10, failureTolerancePercentage: 20 }), "invalid 'failureTolerancePercentage': must be below maxConcurrentPercentage (10)"],
    ['failure tolerance equal to concurrency', () => ({ maxConcurrentPercentage: 25, failureTolerancePercentage: 25 }), "invalid 'failureTolerancePercentage': must be below maxConcurrentPercentage (25)"],
    ['concurrency of 0', () => ({ maxConcurrentPercentage: 0 }), "invalid 'maxConcurrentPercentage': must be an integer from 1 to 100"],
    ['tolerance of 100%', () => ({ failureTolerancePercentage: 100 }), "invalid 'failureTolerancePercentage': must be an integer from 0 to 99"],
    ['an unknown caller', () => ({ callAs: 'ANYONE' as StackSetCaller }), "invalid 'callAs': must be one of \"SELF\", \"DELEGATED_ADMIN\""],
    ['a StackSet name with spaces', () => ({ stackSetName: 'my baseline' }), "invalid 'stackSetName'"],
    ['the holding stack itself', (_b, m) => ({ stack: m }), "invalid 'stack': must be another stack than the one holding this OrganizationBaseline"],
    ['a stack bound to one environment', (b) => ({ stack: new Stack(b.node.root as App, 'Pinned', { env: { account: '111122223333', region: 'eu-west-1' } }) }), "invalid 'stack': must be environment-agnostic"],
  ])('%s', (_name, override, message) => {
    const { management, baseline } = apps();
    let error: unknown;
    try {
      new OrganizationBaseline(management, 'Baseline', { stack: baseline, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'], ...override(baseline, management) });
    } catch (e) { error = e; }
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Management/Baseline: ${message}`);
    expect(management.node.tryFindChild('Baseline')).toBeUndefined();
  });

  test('an asset bucket prefix that cannot name buckets', () => {
    expect(() => new BaselineStackSynthesizer({ assetBucketPrefix: 'Acme_Assets' })).toThrow(/invalid 'assetBucketPrefix': must be a bucket name prefix/);
  });
});

describe('OrganizationBaseline compliance (all six cdk-nag packs + FortressChecks)', () => {
  test('the management stack holding the StackSet: no unacknowledged error, no acknowledgment', () => {
    const { app, management } = apps(complianceTestApp());
    new OrganizationBaseline(management, 'Rollout', { stack: app.node.findChild('Baseline') as Stack, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'] });
    const result = expectCompliant(management);
    expect(result.acknowledgments.filter((a) => a.constructPath.startsWith('Management/'))).toEqual([]);
  });
});
