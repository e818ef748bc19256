import { Stack } from 'aws-cdk-lib';
import * as detective from 'aws-cdk-lib/aws-detective';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as macie from 'aws-cdk-lib/aws-macie';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import {
  inspectorDelegatedAdmin, inspectorOrganizationConfiguration, inspectorScanTypes, macieAutomatedDiscovery,
  macieOrganizationAdmin, macieOrganizationConfiguration,
} from './threat-detection-sdk-calls';
import { propsOf } from '../core/construct-args';
import { dedicatedCustomResource } from '../core/dedicated-custom-resource';
import { FortressError } from '../core/fortress-error';
import { claimOnePerAccount } from '../core/one-per-account';
import { pathOf, PropChecks } from '../core/prop-checks';

/**
 * Properties of {@link ThreatDetectionServices}. Every prop is optional.
 */
export interface ThreatDetectionServicesProps {
  /**
   * Turn Amazon Inspector off (it scans EC2 instances, ECR images, Lambda functions and Lambda code).
   *
   * Cost: per EC2 instance and ECR image scanned and per Lambda function per month
   * (https://aws.amazon.com/inspector/pricing/); nothing is charged for resources you do not have.
   *
   * @default false - Inspector is on
   */
  readonly disableInspector?: boolean;

  /**
   * Turn Amazon Macie off (S3 bucket inventory and security evaluation).
   *
   * Cost: $0.10 per S3 bucket per month for the bucket inventory and monitoring (US East; https://aws.amazon.com/macie/pricing/).
   *
   * @default false - Macie is on
   */
  readonly disableMacie?: boolean;

  /**
   * Turn Amazon Detective off (behavior graph from CloudTrail, VPC Flow Logs and GuardDuty findings).
   *
   * Cost: per GB of data ingested into the behavior graph (https://aws.amazon.com/detective/pricing/).
   *
   * @default false - Detective is on
   */
  readonly disableDetective?: boolean;

  /**
   * Macie's automated sensitive data discovery: Macie samples objects in every bucket and reports
   * sensitive data. It is opt-in because it is charged by volume: $0.01 per 100,000 objects monitored
   * per month and $1 per GB of data inspected (US East, first 50 TB; the first GB per month is free),
   * https://aws.amazon.com/macie/pricing/.
   *
   * @default false - only the bucket inventory and policy findings (no sensitive data discovery)
   */
  readonly macieAutomatedDiscovery?: boolean;

  /**
   * In the organization's management account: designate this account as delegated administrator of
   * each service that is on (and remove the designation when the construct is deleted).
   * Cannot be combined with `autoEnableMembers`.
   *
   * @default - no delegation
   */
  readonly delegatedAdminAccountId?: string;

  /**
   * In the delegated administrator account: turn each service that is on here on for accounts that
   * join the organization from now on (turned off again when the construct is deleted).
   *
   * @default false - member accounts are not changed
   */
  readonly autoEnableMembers?: boolean;
}

/**
 * Amazon Inspector (EC2, ECR, Lambda and Lambda code scanning), Amazon Macie and Amazon Detective
 * for an account and region, and for an AWS Organization: delegated administration from the
 * management account and auto-enable from the delegated administrator (the security account).
 *
 * CloudFormation resources are used where they exist (`AWS::Macie::Session`, `AWS::Detective::Graph`,
 * `AWS::Detective::OrganizationAdmin`); Inspector enablement, Inspector and Macie delegation and
 * organization configuration, and Macie automated discovery are SDK calls in custom resources with
 * roles of their own.
 *
 * Deleting the construct turns the services off in this account: Inspector scanning is disabled,
 * the Macie session is deleted (Macie deletes its findings and settings for the account) and the
 * Detective behavior graph is deleted (its data is lost); delegations and auto-enable are removed.
 *
 * Each service is regional: deploy a ThreatDetectionServices in every region you use.
 *
 * @example
 * new ThreatDetectionServices(this, 'ThreatDetection', { autoEnableMembers: true });
 */
export class ThreatDetectionServices extends Construct {
  /** The Detective behavior graph's ARN (undefined when Detective is off). */
  public readonly detectiveGraphArn?: string;

  constructor(scope: Construct, id: string, props?: ThreatDetectionServicesProps) {
    const p = propsOf(scope, id, props);
    validate(pathOf(scope, id), p);
    super(scope, id);
    claimOnePerAccount(this, {
      kind: 'ThreatDetectionServices',
      why: 'Inspector, Macie and Detective are each enabled once per account and region (one Macie session, one behavior graph), so the second would fail at deploy',
    });
    if (!p.disableInspector) this.inspector(p);
    if (!p.disableMacie) this.macie(p);
    if (!p.disableDetective) this.detectiveGraphArn = this.detective(p);
  }

  private inspector(p: ThreatDetectionServicesProps): void {
    const stack = Stack.of(this);
    const call = (action: string, parameters: object, resourceId: string) => ({
      service: 'Inspector2', action, parameters, physicalResourceId: cr.PhysicalResourceId.of(resourceId),
    });
    // Enable creates Inspector's service-linked role (and, for agentless EC2 scanning, its agentless one):
    // https://docs.aws.amazon.com/inspector/latest/user/using-service-linked-roles.html
    const serviceLinkedRoles = ['inspector2.amazonaws.com', 'agentless.inspector2.amazonaws.com']
      .map((service) => `arn:${stack.partition}:iam::${stack.account}:role/aws-service-role/${service}/*`);
    const enable = dedicatedCustomResource(this, 'InspectorScanning', {
      description: `Enables Amazon Inspector EC2, ECR, Lambda and Lambda code scanning for this account (${this.node.path})`,
      onCreate: call('enable', inspectorScanTypes(), `inspector-${stack.region}`),
      onUpdate: call('enable', inspectorScanTypes(), `inspector-${stack.region}`),
      onDelete: call('disable', inspectorScanTypes(), `inspector-${stack.region}`),
      statements: [
        // Inspector's Enable, Disable and BatchGetAccountStatus define no resource types (Service Authorization Reference,
        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoninspector2.html).
        new iam.PolicyStatement({ actions: ['inspector2:Enable', 'inspector2:Disable', 'inspector2:BatchGetAccountStatus'], resources: ['*'] }),
        new iam.PolicyStatement({
          actions: ['iam:CreateServiceLinkedRole'],
          resources: serviceLinkedRoles,
          conditions: { StringEquals: { 'iam:AWSServiceName': ['inspector2.amazonaws.com', 'agentless.inspector2.amazonaws.com'] } },
        }),
      ],
      wildcards: [
        { resource: '*', reason: 'Inspector\'s Enable, Disable and BatchGetAccountStatus define no resource types (Service Authorization Reference).' },
        ...serviceLinkedRoles.map((resource) => ({
          resource,
          reason: 'Inspector names its own service-linked roles; the path admits only Inspector\'s service-linked roles in this account, and the iam:AWSServiceName condition only Inspector.',
        })),
      ],
    });
    if (p.delegatedAdminAccountId) {
      this.delegate('Inspector', p.delegatedAdminAccountId, ['inspector2.amazonaws.com'], {
        service: 'Inspector2',
        enable: 'enableDelegatedAdminAccount',
        disable: 'disableDelegatedAdminAccount',
        parameters: inspectorDelegatedAdmin(p.delegatedAdminAccountId),
        serviceActions: ['inspector2:EnableDelegatedAdminAccount', 'inspector2:DisableDelegatedAdminAccount', 'inspector2:ListDelegatedAdminAccounts'],
      });
    }
    if (p.autoEnableMembers) {
      const organization = dedicatedCustomResource(this, 'InspectorOrganizationConfiguration', {
        description: `Auto-enables Amazon Inspector for new member accounts (${this.node.path})`,
        onCreate: call('updateOrganizationConfiguration', inspectorOrganizationConfiguration(true), `inspector-org-configuration-${stack.region}`),
        onUpdate: call('updateOrganizationConfiguration', inspectorOrganizationConfiguration(true), `inspector-org-configuration-${stack.region}`),
        onDelete: call('updateOrganizationConfiguration', inspectorOrganizationConfiguration(false), `inspector-org-configuration-${stack.region}`),
        statements: [new iam.PolicyStatement({ actions: ['inspector2:UpdateOrganizationConfiguration'], resources: ['*'] })],
        wildcards: [{ resource: '*', reason: 'Inspector\'s UpdateOrganizationConfiguration defines no resource types (Service Authorization Reference).' }],
      });
      // The organization configuration needs Inspector on in this account; on delete, auto-enable is turned off first.
      organization.node.addDependency(enable);
    }
  }

  private macie(p: ThreatDetectionServicesProps): void {
    const stack = Stack.of(this);
    const session = new macie.CfnSession(this, 'MacieSession', { status: 'ENABLED', findingPublishingFrequency: 'FIFTEEN_MINUTES' });
    const call = (action: string, parameters: object, resourceId: string) => ({
      service: 'Macie2', action, parameters, physicalResourceId: cr.PhysicalResourceId.of(resourceId),
    });
    if (p.macieAutomatedDiscovery) {
      const members = p.autoEnableMembers ? 'NEW' : undefined;
      const discovery = dedicatedCustomResource(this, 'MacieAutomatedDiscovery', {
        description: `Turns on Macie automated sensitive data discovery (${this.node.path})`,
        onCreate: call('updateAutomatedDiscoveryConfiguration', macieAutomatedDiscovery(true, members), `macie-automated-discovery-${stack.region}`),
        onUpdate: call('updateAutomatedDiscoveryConfiguration', macieAutomatedDiscovery(true, members), `macie-automated-discovery-${stack.region}`),
        onDelete: call('updateAutomatedDiscoveryConfiguration', macieAutomatedDiscovery(false, members && 'NONE'), `macie-automated-discovery-${stack.region}`),
        statements: [new iam.PolicyStatement({ actions: ['macie2:UpdateAutomatedDiscoveryConfiguration'], resources: ['*'] })],
        wildcards: [{ resource: '*', reason: 'Macie\'s UpdateAutomatedDiscoveryConfiguration defines no resource types (Service Authorization Reference).' }],
      });
      discovery.node.addDependency(session);
    }
    if (p.delegatedAdminAccountId) {
      const delegation = this.delegate('Macie', p.delegatedAdminAccountId, ['macie.amazonaws.com'], {
        service: 'Macie2',
        enable: 'enableOrganizationAdminAccount',
        disable: 'disableOrganizationAdminAccount',
        parameters: macieOrganizationAdmin(p.delegatedAdminAccountId),
        serviceActions: ['macie2:EnableOrganizationAdminAccount', 'macie2:DisableOrganizationAdminAccount', 'macie2:ListOrganizationAdminAccounts'],
      });
      // The management account designates the Macie administrator with Macie on.
      delegation.node.addDependency(session);
    }
    if (p.autoEnableMembers) {
      const organization = dedicatedCustomResource(this, 'MacieOrganizationConfiguration', {
        description: `Auto-enables Amazon Macie for new member accounts (${this.node.path})`,
        onCreate: call('updateOrganizationConfiguration', macieOrganizationConfiguration(true), `macie-org-configuration-${stack.region}`),
        onUpdate: call('updateOrganizationConfiguration', macieOrganizationConfiguration(true), `macie-org-configuration-${stack.region}`),
        onDelete: call('updateOrganizationConfiguration', macieOrganizationConfiguration(false), `macie-org-configuration-${stack.region}`),
        statements: [new iam.PolicyStatement({ actions: ['macie2:UpdateOrganizationConfiguration'], resources: ['*'] })],
        wildcards: [{ resource: '*', reason: 'Macie\'s UpdateOrganizationConfiguration defines no resource types (Service Authorization Reference).' }],
      });
      organization.node.addDependency(session);
    }
  }

  private detective(p: ThreatDetectionServicesProps): string {
    // AutoEnableMembers is Detective's organization configuration (new accounts); only its administrator may set it:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-detective-graph.html
    const graph = new detective.CfnGraph(this, 'DetectiveGraph', { autoEnableMembers: p.autoEnableMembers === true });
    if (p.delegatedAdminAccountId) {
      // Deleting it removes the designation (and the organization behavior graph the administrator manages).
      new detective.CfnOrganizationAdmin(this, 'DetectiveDelegatedAdmin', { accountId: p.delegatedAdminAccountId });
    }
    return graph.attrArn;
  }

  /**
   * Management account: the service's enable call on create, its disable call on delete, with a role of
   * its own; Organizations' write actions conditioned on the service's principals.
   */
  private delegate(name: string, adminAccountId: string, principals: string[], calls: {
    service: string; enable: string; disable: string; parameters: object; serviceActions: string[];
  }): cr.AwsCustomResource {
    const stack = Stack.of(this);
    const adminAccount = `arn:${stack.partition}:organizations::${stack.account}:account/o-*/${adminAccountId}`;
    // organizations:ServicePrincipal is supported by EnableAWSServiceAccess and (De)RegisterDelegatedAdministrator:
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html
    const forThisService = { StringEquals: { 'organizations:ServicePrincipal': principals } };
    const call = (action: string) => ({
      service: calls.service,
      action,
      parameters: calls.parameters,
      physicalResourceId: cr.PhysicalResourceId.of(`${name.toLowerCase()}-delegated-admin-${adminAccountId}`),
    });
    return dedicatedCustomResource(this, `${name}DelegatedAdmin`, {
      description: `Designates ${adminAccountId} as ${name} delegated administrator (${this.node.path})`,
      onCreate: call(calls.enable),
      onUpdate: call(calls.enable),
      onDelete: call(calls.disable),
      statements: [
        new iam.PolicyStatement({
          actions: [
            ...calls.serviceActions,
            'organizations:DescribeOrganization', 'organizations:DescribeAccount', 'organizations:ListAccounts',
            'organizations:ListAWSServiceAccessForOrganization', 'organizations:ListDelegatedAdministrators',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({ actions: ['organizations:EnableAWSServiceAccess'], resources: ['*'], conditions: forThisService }),
        new iam.PolicyStatement({
          actions: ['organizations:RegisterDelegatedAdministrator', 'organizations:DeregisterDelegatedAdministrator'],
          resources: [adminAccount],
          conditions: forThisService,
        }),
      ],
      wildcards: [
        {
          resource: '*',
          reason: `${name}'s organization admin actions, Organizations' read actions and EnableAWSServiceAccess define no resource types `
            + `(Service Authorization Reference); EnableAWSServiceAccess is conditioned on ${name}'s service principal.`,
        },
        {
          resource: adminAccount,
          reason: 'Names the delegated administrator account in this management account\'s organization; the organization id is '
            + `not known at synth time, and the actions are conditioned on ${name}'s service principal.`,
        },
      ],
    });
  }
}

function validate(path: string, p: ThreatDetectionServicesProps): void {
  const check = new PropChecks(path);
  check.matches('delegatedAdminAccountId', p.delegatedAdminAccountId, /^\d{12}$/, 'a 12-digit account id');
  check.exclusive('delegatedAdminAccountId', p.delegatedAdminAccountId, 'autoEnableMembers', p.autoEnableMembers || undefined);
  for (const prop of ['disableInspector', 'disableMacie', 'disableDetective', 'macieAutomatedDiscovery', 'autoEnableMembers'] as const) {
    if (p[prop] !== undefined && typeof p[prop] !== 'boolean') throw FortressError.invalidProp(path, prop, 'must be true or false', p[prop]);
  }
  if (p.disableInspector && p.disableMacie && p.disableDetective) {
    throw FortressError.invalidProp(path, 'disableDetective', 'leaves nothing on: Inspector, Macie and Detective are all disabled');
  }
  if (p.macieAutomatedDiscovery && p.disableMacie) {
    throw FortressError.invalidProp(path, 'macieAutomatedDiscovery', 'needs Macie: cannot be combined with disableMacie');
  }
}
