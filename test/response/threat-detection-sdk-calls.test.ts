import type {
  DisableCommandInput, DisableDelegatedAdminAccountCommandInput, EnableCommandInput, EnableDelegatedAdminAccountCommandInput,
  UpdateOrganizationConfigurationCommandInput as InspectorOrganizationInput,
} from '@aws-sdk/client-inspector2';
import * as inspectorSdk from '@aws-sdk/client-inspector2';
import type {
  DisableOrganizationAdminAccountCommandInput, EnableOrganizationAdminAccountCommandInput,
  UpdateAutomatedDiscoveryConfigurationCommandInput, UpdateOrganizationConfigurationCommandInput as MacieOrganizationInput,
} from '@aws-sdk/client-macie2';
import * as macieSdk from '@aws-sdk/client-macie2';
import {
  inspectorDelegatedAdmin, inspectorOrganizationConfiguration, inspectorScanTypes, macieAutomatedDiscovery,
  macieOrganizationAdmin, macieOrganizationConfiguration,
} from '../../src/response/threat-detection-sdk-calls';

/**
 * `U` if it is assignable to the SDK input `T` and has no key `T` lacks (a misspelled parameter),
 * `never` otherwise: assigning a value to `Exact<T, U>` fails type-checking.
 */
type Exact<T, U extends T> = Exclude<keyof U, keyof T> extends never ? U : never;
type InspectorAutoEnable = NonNullable<InspectorOrganizationInput['autoEnable']>;

describe('Inspector2 SDK calls are the SDK\'s input shapes', () => {
  test('Enable and Disable: EC2, ECR, Lambda and Lambda code scanning', () => {
    const enable: Exact<EnableCommandInput, ReturnType<typeof inspectorScanTypes>> = inspectorScanTypes();
    const disable: Exact<DisableCommandInput, ReturnType<typeof inspectorScanTypes>> = inspectorScanTypes();
    expect(enable).toEqual({ resourceTypes: ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'] });
    expect(disable).toEqual(enable);
    for (const t of enable.resourceTypes) expect(Object.values(inspectorSdk.ResourceScanType)).toContain(t);
    expect(inspectorSdk.EnableCommand).toBeDefined();
    expect(inspectorSdk.DisableCommand).toBeDefined();
  });

  test('EnableDelegatedAdminAccount and DisableDelegatedAdminAccount', () => {
    const enable: Exact<EnableDelegatedAdminAccountCommandInput, ReturnType<typeof inspectorDelegatedAdmin>> = inspectorDelegatedAdmin('444455556666');
    const disable: Exact<DisableDelegatedAdminAccountCommandInput, ReturnType<typeof inspectorDelegatedAdmin>> = inspectorDelegatedAdmin('444455556666');
    expect(enable).toEqual({ delegatedAdminAccountId: '444455556666' });
    expect(disable).toEqual(enable);
    expect(inspectorSdk.EnableDelegatedAdminAccountCommand).toBeDefined();
    expect(inspectorSdk.DisableDelegatedAdminAccountCommand).toBeDefined();
  });

  test('UpdateOrganizationConfiguration, auto-enable included', () => {
    const input: Exact<InspectorOrganizationInput, ReturnType<typeof inspectorOrganizationConfiguration>> = inspectorOrganizationConfiguration(true);
    const autoEnable: Exact<InspectorAutoEnable, ReturnType<typeof inspectorOrganizationConfiguration>['autoEnable']> = input.autoEnable;
    expect(autoEnable).toEqual({ ec2: true, ecr: true, lambda: true, lambdaCode: true });
    expect(inspectorOrganizationConfiguration(false).autoEnable).toEqual({ ec2: false, ecr: false, lambda: false, lambdaCode: false });
    expect(inspectorSdk.UpdateOrganizationConfigurationCommand).toBeDefined();
  });
});

describe('Macie2 SDK calls are the SDK\'s input shapes', () => {
  test('EnableOrganizationAdminAccount and DisableOrganizationAdminAccount', () => {
    const enable: Exact<EnableOrganizationAdminAccountCommandInput, ReturnType<typeof macieOrganizationAdmin>> = macieOrganizationAdmin('444455556666');
    const disable: Exact<DisableOrganizationAdminAccountCommandInput, ReturnType<typeof macieOrganizationAdmin>> = macieOrganizationAdmin('444455556666');
    expect(enable).toEqual({ adminAccountId: '444455556666' });
    expect(disable).toEqual(enable);
    expect(macieSdk.EnableOrganizationAdminAccountCommand).toBeDefined();
    expect(macieSdk.DisableOrganizationAdminAccountCommand).toBeDefined();
  });

  test('UpdateOrganizationConfiguration and UpdateAutomatedDiscoveryConfiguration', () => {
    const organization: Exact<MacieOrganizationInput, ReturnType<typeof macieOrganizationConfiguration>> = macieOrganizationConfiguration(true);
    const discovery: Exact<UpdateAutomatedDiscoveryConfigurationCommandInput, ReturnType<typeof macieAutomatedDiscovery>> = macieAutomatedDiscovery(true, 'NEW');
    expect(organization).toEqual({ autoEnable: true });
    expect(discovery).toEqual({ status: 'ENABLED', autoEnableOrganizationMembers: 'NEW' });
    expect(macieAutomatedDiscovery(false)).toEqual({ status: 'DISABLED' });
    expect(Object.values(macieSdk.AutomatedDiscoveryStatus)).toEqual(expect.arrayContaining(['ENABLED', 'DISABLED']));
    expect(macieSdk.UpdateAutomatedDiscoveryConfigurationCommand).toBeDefined();
    expect(macieSdk.UpdateOrganizationConfigurationCommand).toBeDefined();
  });
});
