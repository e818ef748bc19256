import { Template } from 'aws-cdk-lib/assertions';
import { footprintOf, overBudget, REFERENCE_WORKLOAD_BUDGET, referenceWorkload } from '../../bench/footprint';
import { propertyTestApp } from '../compliance';

describe('footprint of the reference workload (SecureVpc + EncryptedBucket + LeastPrivilegeRole reading it)', () => {
  test('GIVEN the defaults THEN within the budget: it must not regrow', () => {
    const footprint = footprintOf(referenceWorkload);
    expect(overBudget(footprint)).toEqual([]);
    expect(footprint).toMatchObject({ lambdaFunctions: REFERENCE_WORKLOAD_BUDGET.lambdaFunctions, kmsKeys: REFERENCE_WORKLOAD_BUDGET.kmsKeys });
  });

  test('the one Lambda is the default-security-group restriction; S3 EventBridge notifications need none', () => {
    const app = propertyTestApp();
    const template = Template.fromStack(referenceWorkload(app));
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
    const functions = Object.keys(template.findResources('AWS::Lambda::Function'));
    expect(functions).toEqual([expect.stringMatching(/^CustomVpcRestrictDefaultSGCustomResourceProvider/)]);
  });

  test('overBudget names each figure over the budget', () => {
    expect(overBudget({ resources: 58, templateBytes: 0, lambdaFunctions: 2, kmsKeys: 2, buckets: 2, natGateways: 1 }))
      .toEqual(['resources: 58 > budget 57', 'lambdaFunctions: 2 > budget 1']);
  });
});
