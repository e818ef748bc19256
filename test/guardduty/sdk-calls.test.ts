import type {
  DisableOrganizationAdminAccountCommandInput,
  EnableOrganizationAdminAccountCommandInput,
  UpdateOrganizationConfigurationCommandInput,
} from '@aws-sdk/client-guardduty';
import { GuardDutyProtection } from '../../src';
import { organizationAdminAccount, updateOrganizationConfiguration } from '../../src/guardduty/guardduty-sdk-calls';

/**
 * `U` if it is assignable to the SDK input `T` and has no key `T` lacks (a misspelled parameter),
 * `never` otherwise: assigning a value to `Exact<T, U>` fails type-checking (`npm test` runs tsc first).
 */
type Exact<T, U extends T> = Exclude<keyof U, keyof T> extends never ? U : never;

type Ours = ReturnType<typeof updateOrganizationConfiguration>;
type SdkFeature = NonNullable<UpdateOrganizationConfigurationCommandInput['Features']>[number];
type OurFeature = NonNullable<Ours['Features']>[number];
type SdkAdditional = NonNullable<SdkFeature['AdditionalConfiguration']>[number];
type OurAdditional = NonNullable<OurFeature['AdditionalConfiguration']>[number];

describe('GuardDuty SDK calls are the SDK\'s input shapes', () => {
  test('EnableOrganizationAdminAccount and DisableOrganizationAdminAccount', () => {
    const enable: Exact<EnableOrganizationAdminAccountCommandInput, ReturnType<typeof organizationAdminAccount>> = organizationAdminAccount('444455556666');
    const disable: Exact<DisableOrganizationAdminAccountCommandInput, ReturnType<typeof organizationAdminAccount>> = organizationAdminAccount('444455556666');
    expect(enable).toEqual({ AdminAccountId: '444455556666' });
    expect(disable).toEqual(enable);
  });

  test('UpdateOrganizationConfiguration, features and their additional configuration included', () => {
    // Each level is checked: the call, one feature, one additional configuration.
    const input: Exact<UpdateOrganizationConfigurationCommandInput, Ours> = updateOrganizationConfiguration('12abc34d567e8fa901bc2d34e56789f0', 'ALL', GuardDutyProtection.all());
    const feature: Exact<SdkFeature, OurFeature> = input.Features![0];
    const runtime = input.Features!.find((f) => f.Name === 'RUNTIME_MONITORING')!;
    const additional: Exact<SdkAdditional, OurAdditional> = runtime.AdditionalConfiguration![0];
    expect(feature).toEqual({ Name: 'S3_DATA_EVENTS', AutoEnable: 'ALL' });
    expect(additional.Name).toBe('EKS_ADDON_MANAGEMENT');
    expect(input.Features!.find((f) => f.Name === 'RUNTIME_MONITORING')).toEqual({
      Name: 'RUNTIME_MONITORING',
      AutoEnable: 'ALL',
      AdditionalConfiguration: [
        { Name: 'EKS_ADDON_MANAGEMENT', AutoEnable: 'ALL' }, { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', AutoEnable: 'ALL' }, { Name: 'EC2_AGENT_MANAGEMENT', AutoEnable: 'ALL' },
      ],
    });
  });
});
