import { Template } from 'aws-cdk-lib/assertions';
import { buildReferenceApp, REFERENCE_APP_CONTEXT } from '../../examples/reference-app';
import { propertyTestApp } from '../compliance';

describe('reference app (what `npm run demo` synthesizes)', () => {
  test('GIVEN the reference context THEN subnets use real availability zones, no placeholders: the templates deploy as written', () => {
    const app = propertyTestApp({ context: REFERENCE_APP_CONTEXT });
    const workload = buildReferenceApp(app).find((s) => s.stackName === 'Workload')!;
    const subnets = Object.values<any>(Template.fromStack(workload).findResources('AWS::EC2::Subnet'));
    const zones = new Set(subnets.map((s) => s.Properties.AvailabilityZone));
    expect([...zones].sort()).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(JSON.stringify(Template.fromStack(workload).toJSON())).not.toContain('dummy');
  });
});
