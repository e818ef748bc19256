import * as path from 'path';
import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  AccountHardening, AuditTrail, AutomationRule, BaselineStackSynthesizer, BreakGlassAccess, ConfigRecorder, ConformancePacks,
  ConformancePackTemplate, CredentialHygiene, EncryptedBucket, FindingsDestination, FindingSeverity, FindingSource, FindingsRouter,
  FindingWorkflowStatus, GuardDutyOrg, Guardrail, KeyPurpose, KmsKeyRing, LeastPrivilegeRole, OrganizationBaseline, OrganizationGuardrails,
  PlaybookAction, ResponsePlaybook, SecureBackupPlan, SecureCluster, SecureDatabaseInstance, SecureDistribution, SecureFargateService,
  SecureFargateTaskDefinition, SecureFunction, SecureLoadBalancer, SecureQueue, SecureSecret, SecureTable, SecureTopic, SecureUserGroup,
  SecureUserPool, SecureVpc, SecurityAlarms, SecurityHubAutomationRules, SecurityHubBaseline, SecurityHubStandard, ThreatDetectionServices,
} from '../src';

/**
 * The reference app: what a platform team deploys with cdk-fortress. It grows
 * as constructs land; every stack must synthesize with no unacknowledged error
 * under SecureBaseline.
 */
export interface ReferenceAppOptions {
  /** How many copies of the workload stack to create (the benchmark scales this). */
  readonly workloadCopies?: number;
}

const ENV = { account: '111122223333', region: 'eu-west-1' };
/** CloudFront's web ACLs, certificates and log delivery live in us-east-1. */
const EDGE_ENV = { account: ENV.account, region: 'us-east-1' };
/** The shop's public name: CloudFront serves it, the load balancer serves `origin.` under it. */
const SHOP_DOMAIN = 'shop.example.com';

/**
 * App context for the reference app: the availability zones of its account and region, as
 * `cdk synth` would have cached them in cdk.context.json. Without it, aws-cdk-lib's lookup in an
 * offline synthesis returns placeholders (`dummy1a`, ...) and the templates would not deploy.
 */
export const REFERENCE_APP_CONTEXT: Record<string, unknown> = {
  [`availability-zones:account=${ENV.account}:region=${ENV.region}`]: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
};

/** Organization-wide security tooling: detection, posture, audit. */
export class SecurityToolingStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const ring = KmsKeyRing.of(this);
    // Audit evidence: encrypted with the logs key, write-once for a year.
    new EncryptedBucket(this, 'AuditEvidence', {
      encryptionKey: ring.key(KeyPurpose.LOGS),
      objectLockMode: s3.ObjectLockMode.COMPLIANCE,
      objectLockRetention: Duration.days(365),
    });
    // Audit: every API call in every region, validated and encrypted, watched by the CIS alarms,
    // which notify the stack's security-notifications topic (encrypted with the messaging key).
    const trail = new AuditTrail(this, 'AuditTrail');
    new SecurityAlarms(this, 'CisAlarms', { trail });

    // Threat detection: GuardDuty with every protection plan, findings exported and alerted.
    new GuardDutyOrg(this, 'GuardDuty', { alertEmails: ['security@example.com'] });

    // Posture: AWS Config for every resource type, Security Hub with an explicit baseline; severe findings alert.
    const config = new ConfigRecorder(this, 'Config');
    // Response: findings routed by one severity scale; critical ones page the on-call topic, medium and above become
    // tickets, and high GuardDuty findings run the isolate-instance playbook, in dry run (it logs what it would do).
    const isolate = new ResponsePlaybook(this, 'IsolateInstance', { action: PlaybookAction.ISOLATE_EC2_INSTANCE });
    new FindingsRouter(this, 'Findings', {
      routes: [
        { name: 'Page', minimumSeverity: FindingSeverity.CRITICAL, destination: FindingsDestination.topic(new SecureTopic(this, 'OnCall')) },
        { name: 'Ticket', minimumSeverity: FindingSeverity.MEDIUM, destination: FindingsDestination.queue(new SecureQueue(this, 'FindingTickets')) },
        { name: 'Isolate', minimumSeverity: FindingSeverity.HIGH, sources: [FindingSource.GUARDDUTY], destination: isolate.destination },
      ],
    });

    // Vulnerability scanning (Inspector), sensitive-data discovery (Macie), investigation (Detective), auto-enabled for new
    // member accounts; Security Hub automation raises production findings and flags critical ones for notification.
    new ThreatDetectionServices(this, 'ThreatDetection', { autoEnableMembers: true });
    new SecurityHubAutomationRules(this, 'AutomationRules', {
      rules: [
        AutomationRule.raiseSeverityOfTaggedResources({ ruleOrder: 1 }),
        AutomationRule.updateWorkflowStatus({
          ruleOrder: 2, ruleName: 'Notify critical', status: FindingWorkflowStatus.NOTIFIED, severities: [FindingSeverity.CRITICAL],
        }),
      ],
    });
    // Config conformance packs for the organization (this account is Config's delegated administrator).
    new ConformancePacks(this, 'ConformancePacks', { packs: [ConformancePackTemplate.CIS_AWS_FOUNDATIONS_V1_4_LEVEL_1], organization: true });

    // People: an MFA-enforcing group, an alarmed break-glass role, credential hygiene rules.
    new SecureUserGroup(this, 'SecurityEngineers');
    new BreakGlassAccess(this, 'BreakGlass', { alertEmails: ['security@example.com'] });
    new CredentialHygiene(this, 'CredentialHygiene', { configRecorder: config });
    new SecurityHubBaseline(this, 'SecurityHub', {
      configRecorder: config,
      standards: [SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES, SecurityHubStandard.CIS_V3, SecurityHubStandard.NIST_800_53_R5],
      disabledControls: [{
        controlId: 'IAM.6',
        reason: 'The root user\'s hardware MFA device is held in the security team\'s safe; root access is break-glass only.',
      }],
    });
  }
}

/** An application team's stack: data, network, identity. */
export class WorkloadStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // Two buckets, one data key and one access-logs bucket (shared per stack).
    const customerData = new EncryptedBucket(this, 'CustomerData');
    const reports = new EncryptedBucket(this, 'Reports', { intelligentTiering: true, noncurrentVersionExpiration: Duration.days(30) });
    KmsKeyRing.of(this).key(KeyPurpose.SECRETS);

    // Identity: the application's role reads customer data and writes reports (no delete), nothing else.
    const appRole = new LeastPrivilegeRole(this, 'ReportingJob', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Reads customer data and writes reports',
    });
    customerData.grantRead(appRole);
    reports.grantPut(appRole);

    // Network: three tiers, one NAT gateway, flow logs under the logs key, endpoints for SSM.
    const vpc = new SecureVpc(this, 'Network', { interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SSM] });
    // The shop: an internet-facing load balancer (HTTPS only, web ACL, access logs) in front of a Fargate
    // service in the private subnets, whose containers run read-only as a non-root user.
    const web = new SecureLoadBalancer(this, 'Web', { vpc, internetFacing: true });
    const cluster = new SecureCluster(this, 'Cluster', { vpc });
    const webTask = new SecureFargateTaskDefinition(this, 'ShopTask', { cpu: 512, memoryLimitMiB: 1024 });
    webTask.addContainer('shop', {
      image: ecs.ContainerImage.fromEcrRepository(ecr.Repository.fromRepositoryName(this, 'ShopImages', 'shop/web'), 'v1.4.2'),
      portMappings: [{ containerPort: 8080 }],
    });
    const shop = new SecureFargateService(this, 'Shop', { cluster, taskDefinition: webTask });
    const certificate = acm.Certificate.fromCertificateArn(this, 'OriginCertificate',
      `arn:aws:acm:${ENV.region}:${ENV.account}:certificate/7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f`);
    web.addHttpsListener('Https', { certificates: [certificate] })
      .addTargets('Shop', { port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targets: [shop], healthCheck: { path: '/health' } });
    web.addRedirect();

    // Orders: a queue feeds a function in the private subnets; the function writes to a PostgreSQL database
    // in the isolated subnets, which admits it alone, by IAM authentication.
    const orders = new SecureQueue(this, 'Orders', { visibilityTimeout: Duration.minutes(3) }); // 6 x the function's timeout
    const worker = new SecureFunction(this, 'OrderWorker', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, 'handlers', 'order-worker')),
      vpc,
      description: 'Records orders from the orders queue',
    });
    worker.addEventSource(new SqsEventSource(orders, { batchSize: 10, reportBatchItemFailures: true }));
    const ordersDb = new SecureDatabaseInstance(this, 'OrdersDb', { vpc });
    for (const securityGroup of worker.connections.securityGroups) ordersDb.connections.allowDefaultPortFrom(securityGroup, 'Order worker');
    ordersDb.grantConnect(worker.role!, 'orders');
    // Carts in DynamoDB; a partner's API key that cannot be rotated, with the reason; the stack's backup plan
    // selects the database and the table (daily for 35 days, monthly for a year, in a locked vault).
    const carts = new SecureTable(this, 'Carts', { partitionKey: { name: 'cartId', type: dynamodb.AttributeType.STRING } });
    carts.grantReadWriteData(worker);
    const partnerKey = new SecureSecret(this, 'PartnerApiKey', {
      withoutRotationReason: 'The payment partner issues this API key by hand and offers no rotation API; it is revoked and reissued every 90 days.',
    });
    partnerKey.grantRead(worker);
    SecureBackupPlan.of(this);

    // Customers sign in through a user pool: MFA required, threat protection enforced.
    const customers = new SecureUserPool(this, 'Customers');
    customers.addClient('ShopWeb', { oAuth: { callbackUrls: [`https://${SHOP_DOMAIN}/auth/callback`], logoutUrls: [`https://${SHOP_DOMAIN}/`] } });
  }
}

/** The internet edge in us-east-1: CloudFront with a CLOUDFRONT-scope web ACL in front of the workload's load balancer. */
export class EdgeStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const certificate = acm.Certificate.fromCertificateArn(this, 'ShopCertificate',
      `arn:aws:acm:us-east-1:${EDGE_ENV.account}:certificate/0f6e1f3c-6a4d-4d5e-9b0a-3c2d1e0f9a8b`);
    new SecureDistribution(this, 'Shop', {
      // The load balancer answers on a name its own certificate covers (CloudFront checks it).
      defaultBehavior: { origin: new origins.HttpOrigin(`origin.${SHOP_DOMAIN}`) },
      certificate,
      domainNames: [SHOP_DOMAIN],
      geoRestriction: cloudfront.GeoRestriction.allowlist('DE', 'FR', 'IE', 'US'),
    });
  }
}

/** The organization's identifiers (the management account's view). */
export const ORGANIZATION = {
  managementAccount: '111111111111',
  organizationId: 'o-a1b2c3d4e5',
  rootId: 'r-ab12',
  workloadsOu: 'ou-ab12-workload1',
  regions: ['eu-west-1', 'eu-central-1', 'us-east-1'],
  /** Buckets `<prefix>-<management account>-<region>`, readable by the organization, hold the baseline's assets in each target region. */
  assetBucketPrefix: 'acme-baseline-assets',
} as const;

/**
 * What every member account gets in every region, rolled out by a StackSet (and deployed directly in the
 * management account, where StackSets never deploy). Environment-agnostic: one template for every target.
 */
export class AccountBaselineStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps = {}) {
    // Member accounts are not CDK-bootstrapped: assets go to organization-readable buckets of the management account, one per region.
    super(scope, id, {
      ...props,
      synthesizer: new BaselineStackSynthesizer({
        assetBucketAccount: ORGANIZATION.managementAccount,
        assetBucketPrefix: ORGANIZATION.assetBucketPrefix,
      }),
    });
    KmsKeyRing.of(this);
    new AccountHardening(this, 'Hardening', {
      securityContact: { name: 'Security team', emailAddress: 'security@example.com', phoneNumber: '+1 555 0100', title: 'Security' },
    });
  }
}

/** The management account: guardrails no member account can undo, and the account baseline rolled out everywhere. */
export class OrganizationStack extends Stack {
  public readonly guardrails: OrganizationGuardrails;
  public readonly rollout: OrganizationBaseline;

  constructor(scope: Construct, id: string, baseline: Stack, props?: StackProps) {
    super(scope, id, props);
    const regions = [...ORGANIZATION.regions];
    this.guardrails = new OrganizationGuardrails(this, 'Guardrails', {
      rootId: ORGANIZATION.rootId,
      organizationId: ORGANIZATION.organizationId,
      targetIds: [ORGANIZATION.workloadsOu],
      // The BreakGlassAccess role (SecurityTooling): no guardrail denies it, nobody else may change it.
      exemptionRoleName: 'break-glass/BreakGlassAccess',
      guardrails: [
        Guardrail.DENY_LEAVE_ORGANIZATION, Guardrail.PROTECT_SECURITY_SERVICES, Guardrail.PROTECT_ACCOUNT_HARDENING, Guardrail.DENY_ROOT_USER,
        Guardrail.DENY_IMDSV1, Guardrail.regionAllowList(regions), Guardrail.ENFORCE_ORG_IDENTITIES,
        Guardrail.ENFORCE_CONFUSED_DEPUTY_PROTECTION, Guardrail.ENFORCE_SECURE_TRANSPORT, Guardrail.EC2_DECLARATIVE_BASELINE,
      ],
    });
    this.rollout = new OrganizationBaseline(this, 'Baseline', {
      stack: baseline, targetOrganizationalUnitIds: [ORGANIZATION.workloadsOu], regions, organizationId: ORGANIZATION.organizationId,
    });
  }
}

/** Adds the reference stacks to `app`. */
export function buildReferenceApp(app: App, options: ReferenceAppOptions = {}): Stack[] {
  const copies = options.workloadCopies ?? 1;
  const stacks: Stack[] = [new SecurityToolingStack(app, 'SecurityTooling', { env: ENV }), new EdgeStack(app, 'Edge', { env: EDGE_ENV })];
  const accountBaseline = new AccountBaselineStack(app, 'AccountBaseline');
  const organization = new OrganizationStack(app, 'Organization', accountBaseline, {
    env: { account: ORGANIZATION.managementAccount, region: 'us-east-1' },
  });
  // The baseline's asset buckets, one stack per target region in the management account.
  stacks.push(accountBaseline, organization, ...organization.rollout.assetStacks);
  for (let i = 0; i < copies; i++) {
    stacks.push(new WorkloadStack(app, copies === 1 ? 'Workload' : `Workload${i + 1}`, { env: ENV }));
  }
  return stacks;
}
