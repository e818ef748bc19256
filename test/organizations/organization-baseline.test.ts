import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnCondition, Fn, NestedStack, RemovalPolicy, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnStackSet } from 'aws-cdk-lib/aws-cloudformation';
import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as fc from 'fast-check';
import {
  AccountHardening, BaselineStackSynthesizer, FortressErrors, OrganizationBaseline, OrganizationBaselineProps, RegionConcurrency, StackSetCaller,
} from '../../src';
import { complianceTestApp, expectCompliant, propertyTestApp } from '../compliance';
import { evaluate, resolveIntrinsics } from '../policy-evaluator';

const OU = 'ou-ab12-cdef3456';
const ACCOUNT = '111122223333';
const ORG = 'o-a1b2c3d4e5';
const baselineSynthesizer = () => new BaselineStackSynthesizer({ assetBucketAccount: ACCOUNT, assetBucketPrefix: 'acme-baseline-assets' });
function apps(app: App = propertyTestApp()) {
  const management = new Stack(app, 'Management', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const baseline = new Stack(app, 'Baseline', { synthesizer: baselineSynthesizer() });
  new AccountHardening(baseline, 'Hardening');
  return { app, management, baseline };
}
const assetStack = (app: App, region: string) => app.node.findChild(`BaselineAssets-acme-baseline-assets-${ACCOUNT}-${region}`) as Stack;
const only = (template: Template, type: string) => {
  const found = Object.values<any>(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0];
};
const stackSetOf = (stack: Stack) => Object.values<any>(Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet'))[0].Properties;

describe('OrganizationBaseline defaults', () => {
  const { management, baseline } = apps();
  const rollout = new OrganizationBaseline(management, 'Baseline', {
    stack: baseline, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1', 'eu-central-1'], organizationId: ORG,
  });
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
      expect(f.Properties.Code.S3Bucket).toEqual({ 'Fn::Sub': `acme-baseline-assets-${ACCOUNT}-\${AWS::Region}` });
      expect(rollout.assetObjectKeys).toContain(f.Properties.Code.S3Key);
    }
    expect(Buffer.byteLength(props.TemplateBody)).toBeLessThanOrEqual(51200);
  });
});

describe('OrganizationBaseline asset distribution', () => {
  const { app, management, baseline } = apps();
  const rollout = new OrganizationBaseline(management, 'Baseline', {
    stack: baseline, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1', 'eu-central-1'], organizationId: ORG,
  });
  const bucketName = `acme-baseline-assets-${ACCOUNT}-eu-central-1`;
  const stack = assetStack(app, 'eu-central-1');
  const template = Template.fromStack(stack);
  const [bucketId, bucket] = Object.entries<any>(template.findResources('AWS::S3::Bucket', { Properties: { BucketName: bucketName } }))[0];

  test('one stack per target region, in the management account and that region, created before the StackSet and the baseline', () => {
    expect(rollout.assetStacks.map((s) => [s.account, s.region])).toEqual([[ACCOUNT, 'eu-west-1'], [ACCOUNT, 'eu-central-1']]);
    expect(rollout.assetStacks).toEqual([assetStack(app, 'eu-west-1'), stack]);
    for (const s of rollout.assetStacks) {
      expect(management.dependencies).toContain(s);
      expect(baseline.dependencies).toContain(s);
      expect(s.terminationProtection).toBe(true);
    }
  });

  test('the bucket is named <prefix>-<account>-<region>, SSE-S3, versioned, public access blocked, logged and retained', () => {
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toEqual(expect.objectContaining({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.stringMatching(/^FortressAccessLogs/) }, LogFilePrefix: expect.any(String) },
    }));
    // Current assets never expire: a stack instance may need them as long as the StackSet exists.
    expect(bucket.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBeUndefined();
  });

  test('the bucket policy lets principals of the organization read, over TLS, and nobody else do anything', () => {
    const policy = Object.values<any>(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId } } }))[0];
    const document = resolveIntrinsics(policy.Properties.PolicyDocument, { [bucketId]: `arn:aws:s3:::${bucketName}` });
    const object = `arn:aws:s3:::${bucketName}/${rollout.assetObjectKeys[0]}`;
    const member = { principal: 'arn:aws:iam::444455556666:role/stacksets-exec-1', resource: object };
    const tls = { 'aws:SecureTransport': 'true', 's3:TlsVersion': 1.3 };
    expect(evaluate(document, { ...member, action: 's3:GetObject', context: { ...tls, 'aws:PrincipalOrgID': ORG } })).toBe('ALLOW');
    expect(evaluate(document, { ...member, action: 's3:GetObject', context: { ...tls, 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } })).toBe('IMPLICIT_DENY');
    expect(evaluate(document, { ...member, action: 's3:GetObject', context: { 'aws:SecureTransport': 'false', 'aws:PrincipalOrgID': ORG } })).toBe('DENY');
    for (const action of ['s3:PutObject', 's3:DeleteObject', 's3:ListBucket', 's3:PutBucketPolicy', 's3:GetObjectAcl']) {
      expect(evaluate(document, { ...member, action, context: { ...tls, 'aws:PrincipalOrgID': ORG } })).toBe('IMPLICIT_DENY');
    }
  });

  test('each asset is copied from this account\'s bootstrap bucket of the region, both buckets\' owner checked, by a role that can do only that', () => {
    const copy = only(template, 'Custom::AWS');
    const create = JSON.parse(resolveIntrinsics(copy.Properties.Create, { [bucketId]: bucketName, ...roleArns(template) }));
    const key = rollout.assetObjectKeys[0];
    expect(create).toMatchObject({
      service: 'S3',
      action: 'copyObject',
      parameters: {
        Key: key,
        CopySource: `cdk-hnb659fds-assets-${ACCOUNT}-eu-central-1/${key}`,
        ExpectedBucketOwner: ACCOUNT,
        ExpectedSourceBucketOwner: ACCOUNT,
        ServerSideEncryption: 'AES256',
      },
    });
    expect(copy.Properties.Update).toEqual(copy.Properties.Create);
    expect(copy.Properties.Delete).toBeUndefined();
    const permissions = only(template, 'AWS::IAM::ManagedPolicy').Properties.PolicyDocument.Statement;
    expect(resolveIntrinsics(permissions, { [bucketId]: `arn:aws:s3:::${bucketName}` })).toEqual([
      { Action: 's3:GetObject', Effect: 'Allow', Resource: `arn:aws:s3:::cdk-hnb659fds-assets-${ACCOUNT}-eu-central-1/${key}` },
      { Action: 's3:PutObject', Effect: 'Allow', Resource: `arn:aws:s3:::${bucketName}/${key}` },
    ]);
  });

  test('the baseline refuses to deploy (a CloudFormation rule, before any resource) in a region without an asset bucket of this account', () => {
    const rules = Template.fromStack(baseline).toJSON().Rules;
    expect(Object.values<any>(rules)).toEqual([{
      Assertions: [{
        Assert: { 'Fn::Contains': [['eu-west-1', 'eu-central-1'], { Ref: 'AWS::Region' }] },
        AssertDescription: `This baseline's handler code is only in asset buckets of account ${ACCOUNT} in eu-west-1, eu-central-1`,
      }],
    }]);
    // The StackSet deploys the same rule to every stack instance, including ones added outside this app.
    expect(JSON.parse(stackSetOf(management).TemplateBody).Rules).toEqual(rules);
  });

  test('the baseline\'s template is never uploaded (deployed inline), its handler files go to the region\'s asset bucket with the CLI\'s credentials', () => {
    const assembly = app.synth();
    const artifact = assembly.getStackArtifact(baseline.artifactId);
    expect(artifact.stackTemplateAssetObjectUrl).toBeUndefined();
    expect(artifact.requiresBootstrapStackVersion).toBeUndefined();
    expect(artifact.assumeRoleArn).toBeUndefined();
    const manifest = artifact.dependencies.find((d) => d.id.endsWith('.assets'))!;
    const files = JSON.parse(fs.readFileSync(path.join(assembly.directory, (manifest.manifest.properties as any).file), 'utf8')).files;
    const destinations = Object.values<any>(files).flatMap((f) => Object.values<any>(f.destinations));
    expect(destinations.map((d) => d.objectKey).sort()).toEqual([...rollout.assetObjectKeys].sort());
    for (const d of destinations) {
      expect(d).toEqual({ bucketName: `acme-baseline-assets-${ACCOUNT}-\${AWS::Region}`, objectKey: expect.stringMatching(/^[0-9a-f]{64}\.zip$/) });
    }
  });

  test('the asset stack publishes the baseline\'s files to its own bootstrap bucket (the copy source)', () => {
    const assembly = app.synth();
    const manifest = assembly.getStackArtifact(stack.artifactId).dependencies.find((d) => d.id.endsWith('.assets'))!;
    const files = JSON.parse(fs.readFileSync(path.join(assembly.directory, (manifest.manifest.properties as any).file), 'utf8')).files;
    const destinations = Object.values<any>(files).flatMap((f) => Object.values<any>(f.destinations));
    for (const key of rollout.assetObjectKeys) {
      expect(destinations).toContainEqual(expect.objectContaining({ bucketName: `cdk-hnb659fds-assets-${ACCOUNT}-eu-central-1`, objectKey: key, region: 'eu-central-1' }));
    }
  });

  test('baselines sharing the bucket prefix share the asset stacks; another organization for the same buckets is refused', () => {
    const second = new Stack(app, 'SecondBaseline', { synthesizer: baselineSynthesizer() });
    new AccountHardening(second, 'Hardening');
    const other = new OrganizationBaseline(management, 'Second', { stack: second, targetOrganizationalUnitIds: [OU], regions: ['eu-central-1'], organizationId: ORG });
    expect(other.assetStacks).toEqual([stack]);
    const third = new Stack(app, 'ThirdBaseline', { synthesizer: baselineSynthesizer() });
    new AccountHardening(third, 'Hardening');
    expect(() => new OrganizationBaseline(management, 'Third', {
      stack: third, targetOrganizationalUnitIds: [OU], regions: ['eu-central-1'], organizationId: 'o-zzzzzzzzzz',
    })).toThrow(`invalid 'organizationId': must be the organization that already reads ${bucketName} (${ORG})`);
  });

  test('fast-check: every region the StackSet deploys to has its bucket, named for this account and that region', () => {
    const regions = fc.subarray(['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'sa-east-1'], { minLength: 1 });
    fc.assert(fc.property(regions, (chosen) => {
      const setup = apps();
      const r = new OrganizationBaseline(setup.management, 'Baseline', { stack: setup.baseline, targetOrganizationalUnitIds: [OU], regions: chosen, organizationId: ORG });
      const stackSetRegions = stackSetOf(setup.management).StackInstancesGroup[0].Regions;
      expect(r.assetStacks.map((s) => s.region)).toEqual(stackSetRegions);
      for (const s of r.assetStacks) {
        Template.fromStack(s).hasResourceProperties('AWS::S3::Bucket', { BucketName: `acme-baseline-assets-${ACCOUNT}-${s.region}` });
      }
    }), { numRuns: 5 });
  });

  test('a baseline without file assets needs no bucket and no organization id', () => {
    const setup = apps();
    const plain = new Stack(setup.app, 'Plain', { synthesizer: baselineSynthesizer() });
    const r = new OrganizationBaseline(setup.management, 'Plain', { stack: plain, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'] });
    expect(r.assetStacks).toEqual([]);
    expect(r.assetObjectKeys).toEqual([]);
  });
});

function roleArns(template: Template): Record<string, string> {
  return Object.fromEntries(Object.keys(template.findResources('AWS::IAM::Role')).map((id) => [id, `arn:aws:iam::${ACCOUNT}:role/${id}`]));
}

describe('OrganizationBaseline options', () => {
  test('delegated administrator, parallel regions, concurrency and tolerance, name, retained stacks', () => {
    const { management, baseline } = apps();
    new OrganizationBaseline(management, 'Baseline', {
      stack: baseline,
      organizationId: ORG,
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
    expect(() => app.synth()).toThrow(/Baseline has file assets .* synthesize it with new BaselineStackSynthesizer\(\{ assetBucketAccount \}\)/);
  });

  test('fast-check: any tolerance below any concurrency is accepted and rendered', () => {
    const pairs = fc.integer({ min: 1, max: 100 }).chain((c) => fc.tuple(fc.constant(c), fc.integer({ min: 0, max: c - 1 })));
    fc.assert(fc.property(pairs, ([concurrency, tolerance]) => {
      const { management, baseline } = apps();
      new OrganizationBaseline(management, 'Baseline', {
        stack: baseline,
        targetOrganizationalUnitIds: [OU],
        regions: ['eu-west-1'],
        organizationId: ORG,
        maxConcurrentPercentage: concurrency,
        failureTolerancePercentage: tolerance,
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
    ['no organization for a baseline with assets', () => ({ organizationId: undefined }), "invalid 'organizationId': is required: the organization whose accounts read the baseline's assets"],
    ['a malformed organization id', () => ({ organizationId: 'org-1234' }), "invalid 'organizationId': must be an organization id such as o-a1b2c3d4e5 (got 'org-1234')"],
    ['assets addressed in another account', (b) => {
      const elsewhere = new Stack(b.node.root as App, 'Elsewhere', { synthesizer: new BaselineStackSynthesizer({ assetBucketAccount: '999999999999' }) });
      new AccountHardening(elsewhere, 'Hardening');
      return { stack: elsewhere };
    }, "invalid 'stack': must address its assets in this account: its BaselineStackSynthesizer's assetBucketAccount must be 111122223333 (got '999999999999')"],
    ['a stack bound to one environment', (b) => ({ stack: new Stack(b.node.root as App, 'Pinned', { env: { account: '111122223333', region: 'eu-west-1' } }) }), "invalid 'stack': must be environment-agnostic"],
  ])('%s', (_name, override, message) => {
    const { management, baseline } = apps();
    let error: unknown;
    try {
      new OrganizationBaseline(management, 'Baseline', {
        stack: baseline, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'], organizationId: ORG, ...override(baseline, management),
      });
    } catch (e) { error = e; }
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Management/Baseline: ${message}`);
    expect(management.node.tryFindChild('Baseline')).toBeUndefined();
  });

  test.each<[string, (bucket: s3.Bucket) => void, string]>([
    ['renamed', (b) => (b.node.defaultChild as s3.CfnBucket).addPropertyOverride('BucketName', 'other-name-entirely-x'), 'its name must stay'],
    ['not retained', (b) => b.applyRemovalPolicy(RemovalPolicy.DESTROY), 'it must be retained'],
    ['writable by an outside account', (b) => b.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal('999999999999')], actions: ['s3:GetObject', 's3:PutObject'], resources: [b.arnForObjects('*')],
    })), 'its policy may allow nothing but s3:GetObject to principals of the organization'],
    ['readable outside the organization', (b) => (b.policy!.node.defaultChild as s3.CfnBucketPolicy)
      .addPropertyOverride('PolicyDocument.Statement.2.Condition.StringEquals.aws:PrincipalOrgID', 'o-zzzzzzzzzz'), 'its policy may allow nothing but'],
    ['a second bucket policy that would replace its own', (b) => new s3.CfnBucketPolicy(Stack.of(b), 'Replacement', {
      bucket: b.bucketName, policyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: `${b.bucketArn}/*` }] },
    }), 'no other bucket policy may be in its stack'],
  ])('an asset bucket %s fails the synthesis', (_name, tamper, message) => {
    const { app, management, baseline } = apps();
    const rollout = new OrganizationBaseline(management, 'Baseline', { stack: baseline, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'], organizationId: ORG });
    tamper((rollout.assetStacks[0].node.findChild('Assets') as any).bucket);
    expect(() => app.synth()).toThrow(`the baseline asset bucket ${message}`);
  });

  test('a baseline with assets held by a stack without a concrete account', () => {
    const { app, baseline } = apps();
    const agnostic = new Stack(app, 'Agnostic');
    expect(() => new OrganizationBaseline(agnostic, 'Baseline', { stack: baseline, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'], organizationId: ORG }))
      .toThrow("[cdk-fortress] Agnostic/Baseline: invalid 'stack': has file assets, so Agnostic needs a concrete account (env.account)");
  });

  test('a baseline in another Stage than the holding stack', () => {
    const { app, management } = apps();
    const staged = new Stack(new Stage(app, 'Other'), 'Baseline', { synthesizer: baselineSynthesizer() });
    new AccountHardening(staged, 'Hardening');
    expect(() => new OrganizationBaseline(management, 'Staged', { stack: staged, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'], organizationId: ORG }))
      .toThrow("[cdk-fortress] Management/Staged: invalid 'stack': must be in the same Stage as Management");
  });

  test('a container image asset in a baseline', () => {
    const { baseline } = apps();
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'baseline-image-'));
    fs.writeFileSync(path.join(directory, 'Dockerfile'), 'FROM scratch\n');
    expect(() => new ecrAssets.DockerImageAsset(baseline, 'Image', { directory }))
      .toThrow("[cdk-fortress] Baseline: invalid 'synthesizer': cannot deploy container image assets through StackSets");
  });

  test('a nested stack in the baseline fails the synthesis, naming it', () => {
    const { app, management, baseline } = apps();
    new NestedStack(baseline, 'Inner');
    new OrganizationBaseline(management, 'Baseline', { stack: baseline, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'], organizationId: ORG });
    expect(() => app.synth()).toThrow(/Baseline has nested stacks \(Baseline\/Inner\): a StackSet deploys one template/);
  });

  test('an asset added to the baseline after the OrganizationBaseline fails the synthesis, naming it', () => {
    const { app, management, baseline } = apps();
    new OrganizationBaseline(management, 'Baseline', { stack: baseline, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'], organizationId: ORG });
    const late = new s3assets.Asset(baseline, 'Late', { path: __filename });
    expect(() => app.synth()).toThrow(new RegExp(`Baseline gained file assets after its OrganizationBaseline was created \\(${late.s3ObjectKey}\\)`));
  });

  test.each<[string, (set: CfnStackSet) => void, RegExp]>([
    ['a region added by escape hatch', (set) => set.addPropertyOverride('StackInstancesGroup.0.Regions', ['eu-west-1', 'ap-south-1']),
      /StackInstancesGroup was changed after OrganizationBaseline rendered it \(.*ap-south-1/],
    ['a region added to the L1 property', (set) => { set.stackInstancesGroup = [{ deploymentTargets: { organizationalUnitIds: [OU] }, regions: ['sa-east-1'] }]; },
      /StackInstancesGroup was changed/],
    ['a region added to the region order only', (set) => set.addPropertyOverride('OperationPreferences.RegionOrder', ['eu-west-1', 'me-south-1']),
      /RegionOrder was changed/],
    ['a region hidden in an Fn::If', (set) => {
      const always = new CfnCondition(Stack.of(set), 'Always', { expression: Fn.conditionEquals('a', 'a') });
      set.addPropertyOverride('StackInstancesGroup', [{
        'Fn::If': [always.logicalId, { DeploymentTargets: { OrganizationalUnitIds: [OU] }, Regions: ['ap-south-2'] }, { Ref: 'AWS::NoValue' }],
      }]);
      set.addPropertyDeletionOverride('OperationPreferences.RegionOrder');
    }, /StackInstancesGroup was changed/],
    ['instances groups that are not a list', (set) => set.addPropertyOverride('StackInstancesGroup', 'everywhere'), /StackInstancesGroup was changed/],
    ['a null instances group', (set) => set.addPropertyOverride('StackInstancesGroup', [null]), /StackInstancesGroup was changed/],
    ['a region order from Fn::Split', (set) => set.addPropertyOverride('OperationPreferences.RegionOrder', { 'Fn::Split': [',', 'eu-west-1,ap-south-2'] }),
      /RegionOrder was changed/],
    ['self-managed to an outside account', (set) => {
      set.addPropertyOverride('PermissionModel', 'SELF_MANAGED');
      set.addPropertyOverride('StackInstancesGroup.0.DeploymentTargets', { Accounts: ['999999999999'] });
    }, /PermissionModel was changed/],
    ['parameters passed to the template', (set) => set.addPropertyOverride('Parameters', [{ ParameterKey: 'X', ParameterValue: 'y' }]), /Parameters was changed/],
    ['another template body', (set) => set.addPropertyOverride('TemplateBody', '{"Resources":{}}'), /its template is not Baseline's/],
    ['a template URL instead', (set) => { set.addPropertyDeletionOverride('TemplateBody'); set.addPropertyOverride('TemplateURL', 'https://s3.amazonaws.com/x/t.json'); },
      /TemplateURL was changed/],
  ])('an insecure rollout through the StackSet L1 fails the synthesis: %s', (_name, tamper, message) => {
    const { app, management, baseline } = apps();
    const rollout = new OrganizationBaseline(management, 'Baseline', { stack: baseline, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'], organizationId: ORG });
    tamper(rollout.stackSet);
    expect(() => app.synth()).toThrow(message);
  });

  test.each<[string, () => unknown, string]>([
    ['no asset bucket account', () => new BaselineStackSynthesizer({} as any), "invalid 'assetBucketAccount': is required"],
    ['an account that is not 12 digits', () => new BaselineStackSynthesizer({ assetBucketAccount: '1111' }), "invalid 'assetBucketAccount': must be a 12-digit account id (got '1111')"],
    ['a prefix that cannot name buckets', () => new BaselineStackSynthesizer({ assetBucketAccount: ACCOUNT, assetBucketPrefix: 'Acme_Assets' }), "invalid 'assetBucketPrefix': must be a prefix that leaves a valid bucket name"],
    ['a prefix with dots (TLS name mismatch)', () => new BaselineStackSynthesizer({ assetBucketAccount: ACCOUNT, assetBucketPrefix: 'acme.assets' }), "invalid 'assetBucketPrefix'"],
    ['a prefix too long for account and region', () => new BaselineStackSynthesizer({ assetBucketAccount: ACCOUNT, assetBucketPrefix: 'a'.repeat(36) }), "invalid 'assetBucketPrefix'"],
    ['a reserved prefix', () => new BaselineStackSynthesizer({ assetBucketAccount: ACCOUNT, assetBucketPrefix: 'xn--assets' }), "invalid 'assetBucketPrefix'"],
  ])('BaselineStackSynthesizer refuses %s', (_name, build, message) => {
    expect(build).toThrow(`[cdk-fortress] BaselineStackSynthesizer: ${message}`);
  });

  test('a prefix of 35 characters is the longest that names a bucket in every region', () => {
    const synthesizer = new BaselineStackSynthesizer({ assetBucketAccount: ACCOUNT, assetBucketPrefix: 'a'.repeat(35) });
    expect(synthesizer.assetBucketName('ap-southeast-5')).toHaveLength(63);
  });
});

describe('OrganizationBaseline compliance (all six cdk-nag packs + FortressChecks)', () => {
  test('the management stack holding the StackSet: no unacknowledged error, no acknowledgment', () => {
    const { app, management } = apps(complianceTestApp());
    new OrganizationBaseline(management, 'Rollout', {
      stack: app.node.findChild('Baseline') as Stack, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'], organizationId: ORG,
    });
    const result = expectCompliant(management);
    expect(result.acknowledgments.filter((a) => a.constructPath.startsWith('Management/'))).toEqual([]);
  });

  test('an asset stack: no unacknowledged error; acknowledged only what SSE-S3 organization reads and aws-cdk-lib\'s provider cannot meet', () => {
    const { app, management } = apps(complianceTestApp());
    new OrganizationBaseline(management, 'Rollout', {
      stack: app.node.findChild('Baseline') as Stack, targetOrganizationalUnitIds: [OU], regions: ['eu-west-1'], organizationId: ORG,
    });
    const stack = assetStack(app, 'eu-west-1');
    const result = expectCompliant(stack);
    const byConstruct = (suffix: string) => result.acknowledgments.filter((a) => a.constructPath === `${stack.node.path}/${suffix}`).map((a) => a.ruleId).sort();
    expect(byConstruct('Assets/Resource')).toEqual([
      'Fortress-S3BucketKmsEncrypted',
      'HIPAA.Security-S3BucketReplicationEnabled', 'HIPAA.Security-S3DefaultEncryptionKMS',
      'NIST.800.53.R4-S3BucketDefaultLockEnabled', 'NIST.800.53.R4-S3BucketReplicationEnabled',
      'NIST.800.53.R5-S3BucketReplicationEnabled', 'NIST.800.53.R5-S3DefaultEncryptionKMS',
      'PCI.DSS.321-S3BucketReplicationEnabled', 'PCI.DSS.321-S3DefaultEncryptionKMS',
    ]);
    const copyPolicy = result.acknowledgments.filter((a) => /Assets\/Copy[0-9a-f]+\/CustomResourcePolicy$/.test(a.constructPath)).map((a) => a.ruleId).sort();
    expect(copyPolicy).toEqual(['HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R4-IAMNoInlinePolicy', 'NIST.800.53.R5-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy']);
    // No wildcard anywhere in the copy role's permissions.
    expect(result.acknowledgments.filter((a) => a.constructPath.startsWith(stack.node.path) && a.ruleId.startsWith('AwsSolutions-IAM5'))).toEqual([]);
  });
});
