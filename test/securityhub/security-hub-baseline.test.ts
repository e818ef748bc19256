import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ConfigRecorder, FortressErrors, SecurityHubBaseline, SecurityHubBaselineProps, SecurityHubStandard, SecurityNotificationsTopic } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack } from '../compliance';

const resources = (stack: Stack, type: string) => Object.values<any>(Template.fromStack(stack).findResources(type));
const arnOf = (path: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':securityhub:', { Ref: 'AWS::Region' }, `::standards/${path}`]] });
const REASON = 'Hardware MFA for the root user is held in a safe by the platform team; virtual MFA is enforced.';

describe('SecurityHubBaseline defaults', () => {
  const stack = propertyTestStack();
  const config = new ConfigRecorder(stack, 'Config');
  new SecurityHubBaseline(stack, 'SecurityHub', { configRecorder: config });

  test('the hub without implicit default standards, with consolidated control findings and new controls on, after the recorder', () => {
    const [hub] = resources(stack, 'AWS::SecurityHub::Hub');
    expect(hub.Properties).toEqual({ EnableDefaultStandards: false, ControlFindingGenerator: 'SECURITY_CONTROL', AutoEnableControls: true });
    expect(hub.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^Config/)]));
  });

  test('FSBP and CIS v3.0.0 enabled explicitly, with partition- and region-correct ARNs', () => {
    expect(resources(stack, 'AWS::SecurityHub::Standard').map((s) => s.Properties.StandardsArn)).toEqual([
      arnOf('aws-foundational-security-best-practices/v/1.0.0'), arnOf('cis-aws-foundations-benchmark/v/3.0.0'),
    ]);
  });

  test('new active CRITICAL and HIGH findings go to the security-notifications topic, with a dead-letter queue', () => {
    const [rule] = resources(stack, 'AWS::Events::Rule');
    expect(rule.Properties.EventPattern).toEqual({
      'source': ['aws.securityhub'],
      'detail-type': ['Security Hub Findings - Imported'],
      'detail': { findings: { Severity: { Label: ['CRITICAL', 'HIGH'] }, Workflow: { Status: ['NEW'] }, RecordState: ['ACTIVE'] } },
    });
    const topic = stack.getLogicalId(SecurityNotificationsTopic.of(stack).node.defaultChild as sns.CfnTopic);
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: { Ref: topic }, DeadLetterConfig: { Arn: expect.anything() } })]);
    expect(JSON.stringify(resources(stack, 'AWS::SQS::QueuePolicy'))).toContain('events.amazonaws.com');
  });

  test('no aggregation, delegation or central configuration unless asked for', () => {
    for (const type of ['AWS::SecurityHub::FindingAggregator', 'AWS::SecurityHub::DelegatedAdmin', 'AWS::SecurityHub::ConfigurationPolicy']) {
      expect(resources(stack, type)).toEqual([]);
    }
  });
});

describe('SecurityHubBaseline options', () => {
  test('standards are selectable; disabled controls carry their reasons into the template', () => {
    const stack = propertyTestStack();
    new SecurityHubBaseline(stack, 'SecurityHub', {
      standards: [
        SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES,
        SecurityHubStandard.NIST_800_53_R5,
        SecurityHubStandard.CIS_V3,
        SecurityHubStandard.PCI_DSS_321,
      ],
      disabledControls: [
        { controlId: 'IAM.6', reason: REASON },
        { controlId: '1.6', standard: SecurityHubStandard.CIS_V3, reason: REASON },
      ],
    });
    const standards = resources(stack, 'AWS::SecurityHub::Standard');
    const disabledIn = (path: string) =>
      standards.find((s) => JSON.stringify(s.Properties.StandardsArn).includes(path)).Properties.DisabledStandardsControls;
    const control = (path: string, id: string) => ({
      StandardsControlArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':securityhub:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:control/${path}/${id}`]] },
      Reason: REASON,
    });
    expect(disabledIn('aws-foundational-security-best-practices')).toEqual([control('aws-foundational-security-best-practices/v/1.0.0', 'IAM.6')]);
    expect(disabledIn('nist-800-53')).toEqual([control('nist-800-53/v/5.0.0', 'IAM.6')]);
    expect(disabledIn('cis-aws-foundations-benchmark')).toEqual([control('cis-aws-foundations-benchmark/v/3.0.0', '1.6')]);
    expect(disabledIn('pci-dss')).toBeUndefined(); // PCI DSS 3.2.1 numbers its controls its own way
  });

  test('aggregation from all regions, or from a list', () => {
    const all = propertyTestStack();
    new SecurityHubBaseline(all, 'SecurityHub', { aggregateAllRegions: true });
    expect(resources(all, 'AWS::SecurityHub::FindingAggregator')[0].Properties).toEqual({ RegionLinkingMode: 'ALL_REGIONS' });
    const some = propertyTestStack();
    new SecurityHubBaseline(some, 'SecurityHub', { aggregationRegions: ['eu-central-1', 'us-east-1'] });
    expect(resources(some, 'AWS::SecurityHub::FindingAggregator')[0].Properties).toEqual({ RegionLinkingMode: 'SPECIFIED_REGIONS', Regions: ['eu-central-1', 'us-east-1'] });
  });

  test('management account: delegated administrator', () => {
    const stack = propertyTestStack();
    new SecurityHubBaseline(stack, 'SecurityHub', { delegatedAdminAccountId: '444455556666' });
    expect(resources(stack, 'AWS::SecurityHub::DelegatedAdmin')[0].Properties).toEqual({ AdminAccountId: '444455556666' });
  });

  test('delegated administrator: central configuration policy with the standards and disabled controls, associated with targets', () => {
    const stack = propertyTestStack();
    new SecurityHubBaseline(stack, 'SecurityHub', {
      aggregateAllRegions: true,
      centralConfiguration: { targetIds: ['r-ab12', 'ou-ab12-cdef3456'] },
      disabledControls: [{ controlId: 'IAM.6', reason: REASON }],
    });
    expect(resources(stack, 'AWS::SecurityHub::OrganizationConfiguration')[0].Properties).toEqual({ AutoEnable: false, AutoEnableStandards: 'NONE', ConfigurationType: 'CENTRAL' });
    const [policy] = resources(stack, 'AWS::SecurityHub::ConfigurationPolicy');
    expect(policy.Properties.ConfigurationPolicy).toEqual({
      SecurityHub: {
        ServiceEnabled: true,
        EnabledStandardIdentifiers: [arnOf('aws-foundational-security-best-practices/v/1.0.0'), arnOf('cis-aws-foundations-benchmark/v/3.0.0')],
        SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: ['IAM.6'] },
      },
    });
    expect(policy.Properties.Description).toContain(`IAM.6 (${REASON})`);
    expect(resources(stack, 'AWS::SecurityHub::PolicyAssociation').map((a) => [a.Properties.TargetId, a.Properties.TargetType])).toEqual([['r-ab12', 'ROOT'], ['ou-ab12-cdef3456', 'ORGANIZATIONAL_UNIT']]);
    expect(resources(stack, 'AWS::SecurityHub::Standard')).toEqual([]); // the policy enables the standards
  });
});

describe('SecurityHubBaseline rejects invalid input', () => {
  test.each<[string, SecurityHubBaselineProps, string]>([
    ['no standards', { standards: [] }, "invalid 'standards': must have at least 1 entry"],
    ['a standard twice', { standards: [SecurityHubStandard.CIS_V3, SecurityHubStandard.CIS_V3] }, "invalid 'standards': must not repeat entries"],
    ['an unknown standard', { standards: [{ path: 'soc2/v/1' } as any] }, "invalid 'standards[0]': must be a SecurityHubStandard constant (got 'soc2/v/1')"],
    ['a malformed control id', { disabledControls: [{ controlId: 'iam-6', reason: REASON }] }, "invalid 'disabledControls[0].controlId': must be a security control id such as IAM.6"],
    ['a disabled control without a real reason', { disabledControls: [{ controlId: 'IAM.6', reason: 'not needed' }] }, "invalid 'disabledControls[0].reason'"],
    ['a control of a standard not enabled', { disabledControls: [{ controlId: '1.6', standard: SecurityHubStandard.CIS_V1_4, reason: REASON }] }, "invalid 'disabledControls[0].standard': must be one of the enabled standards"],
    ['a security control id with no standard using them', { standards: [SecurityHubStandard.CIS_V3], disabledControls: [{ controlId: 'IAM.6', reason: REASON }] }, "invalid 'disabledControls[0].standard': must be set"],
    ['the same control twice', { disabledControls: [{ controlId: 'IAM.6', reason: REASON }, { controlId: 'IAM.6', reason: REASON }] }, "invalid 'disabledControls': must not repeat entries"],
    ['both aggregation modes', { aggregateAllRegions: true, aggregationRegions: ['us-east-1'] }, "invalid 'aggregateAllRegions': cannot be combined with 'aggregationRegions'"],
    ['the home region in the aggregation list', { aggregationRegions: ['eu-west-1'] }, "invalid 'aggregationRegions': must not list the home region eu-west-1"],
    ['a malformed region', { aggregationRegions: ['Frankfurt'] }, "invalid 'aggregationRegions': must be an AWS region such as eu-west-1 (got 'Frankfurt')"],
    ['a region that does not exist', { aggregationRegions: ['eu-north-9'] }, "invalid 'aggregationRegions': must be an AWS region such as eu-west-1 (got 'eu-north-9')"],
    ['a region of another partition', { aggregationRegions: ['cn-north-1'] }, "invalid 'aggregationRegions': must be a region of this stack's partition aws (cn-north-1 is in aws-cn)"],
    ['a control id in the wrong case', { disabledControls: [{ controlId: 'iam.6', reason: REASON }] }, "invalid 'disabledControls[0].controlId': must be a security control id as Security Hub spells it: IAM.6 (got 'iam.6')"],
    ['a control id with a prefix in the wrong case', { disabledControls: [{ controlId: 'Ec2.19', reason: REASON }] }, "invalid 'disabledControls[0].controlId': must be a security control id as Security Hub spells it: EC2.19"],
    ['a control id of no Security Hub service', { disabledControls: [{ controlId: 'IMA.6', reason: REASON }] }, "invalid 'disabledControls[0].controlId': must be a security control id of a service Security Hub has controls for"],
    ['a control without its id (JavaScript)', { disabledControls: [{ reason: REASON } as any] }, "invalid 'disabledControls[0].controlId': is required"],
    ['central configuration without targets (JavaScript)', { aggregateAllRegions: true, centralConfiguration: {} as any }, "invalid 'centralConfiguration.targetIds': is required"],
    ['a malformed admin account', { delegatedAdminAccountId: '4444' }, "invalid 'delegatedAdminAccountId': must be a 12-digit account id"],
    ['delegation and central configuration together', { aggregateAllRegions: true, delegatedAdminAccountId: '444455556666', centralConfiguration: { targetIds: ['r-ab12'] } }, "invalid 'delegatedAdminAccountId': cannot be combined with 'centralConfiguration'"],
    ['central configuration without aggregation', { centralConfiguration: { targetIds: ['r-ab12'] } }, "invalid 'centralConfiguration': requires aggregateAllRegions or aggregationRegions"],
    ['a malformed target', { aggregateAllRegions: true, centralConfiguration: { targetIds: ['root'] } }, "invalid 'centralConfiguration.targetIds'"],
    ['a per-standard control under central configuration', { aggregateAllRegions: true, centralConfiguration: { targetIds: ['r-ab12'] }, disabledControls: [{ controlId: '1.6', standard: SecurityHubStandard.CIS_V3, reason: REASON }] }, "invalid 'disabledControls[0].standard': is not used with centralConfiguration"],
  ])('%s', (_name, props, message) => {
    let error: unknown;
    try { new SecurityHubBaseline(propertyTestStack(), 'SecurityHub', props); } catch (e) { error = e; }
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/SecurityHub: ${message}`);
  });
});

describe('SecurityHubBaseline: one per account and region (issue 12 item 6)', () => {
  test('a second in the same stack, or in another stack of the same account and region, is refused', () => {
    const stack = propertyTestStack();
    new SecurityHubBaseline(stack, 'SecurityHub');
    expect(() => new SecurityHubBaseline(stack, 'Again')).toThrow(
      "[cdk-fortress] Stack/Again: invalid 'SecurityHubBaseline': must be the only one for account 111122223333 and region eu-west-1: Stack/SecurityHub already is, and Security Hub has one hub per account and region");
    const app = stack.node.root as App;
    expect(() => new SecurityHubBaseline(new Stack(app, 'Other', { env: { account: '111122223333', region: 'eu-west-1' } }), 'SecurityHub'))
      .toThrow(/Other\/SecurityHub: invalid 'SecurityHubBaseline'.*Stack\/SecurityHub already is/);
    new SecurityHubBaseline(new Stack(app, 'Virginia', { env: { account: '111122223333', region: 'us-east-1' } }), 'SecurityHub');
  });

  test('every well-formed id of a known prefix is accepted, e.g. S3.1, EC2.19, Opensearch.1', () => {
    const stack = propertyTestStack();
    new SecurityHubBaseline(stack, 'SecurityHub', { disabledControls: ['S3.1', 'EC2.19', 'Opensearch.1', 'DataFirehose.1'].map((controlId) => ({ controlId, reason: REASON })) });
    expect(JSON.stringify(resources(stack, 'AWS::SecurityHub::Standard'))).toContain('/Opensearch.1');
  });

  test('JavaScript callers who pass undefined props get the defaults', () => {
    new SecurityHubBaseline(propertyTestStack(), 'SecurityHub', undefined as any);
  });
});

describe('SecurityHubBaseline compliance (all six cdk-nag packs + FortressChecks + CloudFormation validation)', () => {
  test.each<[string, (stack: Stack) => SecurityHubBaselineProps]>([
    ['defaults with a recorder', (stack) => ({ configRecorder: new ConfigRecorder(stack, 'Config') })],
    ['all standards, disabled controls, aggregation', () => ({
      standards: [
        SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES,
        SecurityHubStandard.CIS_V3,
        SecurityHubStandard.NIST_800_53_R5,
        SecurityHubStandard.PCI_DSS_401,
      ],
      disabledControls: [{ controlId: 'IAM.6', reason: REASON }],
      aggregateAllRegions: true,
    })],
    ['management account', () => ({ delegatedAdminAccountId: '444455556666' })],
    ['delegated administrator, central configuration', () => ({ aggregationRegions: ['us-east-1'], centralConfiguration: { targetIds: ['r-ab12'] } })],
  ])('GIVEN %s THEN no unacknowledged error', (_name, props) => {
    const stack = complianceTestStack();
    new SecurityHubBaseline(stack, 'SecurityHub', props(stack));
    expectCompliant(stack);
  });
});
