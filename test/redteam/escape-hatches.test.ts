import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { InsecureCase, insecureSuite, OTHER_ACCOUNT, workload } from './harness';
import { AuditTrail, ConfigRecorder, EncryptedBucket, GuardDutyOrg, KeyPurpose, KmsKeyRing, LeastPrivilegeRole, RestrictedSecurityGroup, SecureVpc } from '../../src';

// GIVEN a cdk-fortress construct, WHEN an escape hatch rewrites what CloudFormation receives,
// THEN FortressChecks judges the rendered template and synthesis fails.

const cfn = (c: IConstruct): CfnResource => c.node.defaultChild as CfnResource;
const child = (c: IConstruct, ...path: string[]): CfnResource => {
  let current: IConstruct = c;
  for (const id of path) current = current.node.findChild(id);
  return current as CfnResource;
};

function role(app: App): { stack: Stack; role: LeastPrivilegeRole } {
  const stack = workload(app);
  const r = new LeastPrivilegeRole(stack, 'R', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] })],
  });
  return { stack, role: r };
}
const rolePolicy = (r: LeastPrivilegeRole) => child(r, 'Permissions1', 'Resource');

function bucket(app: App): EncryptedBucket {
  return new EncryptedBucket(workload(app), 'B');
}

function trail(app: App): AuditTrail {
  return new AuditTrail(workload(app), 'T');
}

function dataKey(app: App): CfnResource {
  const stack = workload(app);
  return cfn(KmsKeyRing.of(stack).key(KeyPurpose.DATA));
}

function vpc(app: App): SecureVpc {
  return new SecureVpc(workload(app), 'V');
}

const PUBLIC_READ = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::anything/*' };

const cases: InsecureCase[] = [
  // LeastPrivilegeRole
  {
    name: 'LeastPrivilegeRole trust overridden to AWS "*"',
    build: (app) => cfn(role(app).role).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Principal', { AWS: '*' }),
    expectRule: 'Fortress-IAMRoleTrustNoWildcardPrincipal',
    expectPath: 'W/R/Resource',
  },
  {
    name: 'LeastPrivilegeRole trust overridden to a whole other account, no condition',
    build: (app) => cfn(role(app).role).addPropertyOverride('AssumeRolePolicyDocument.Statement', [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
    ]),
    expectRule: 'Fortress-IAMRoleTrustScoped',
    expectPath: 'W/R/Resource',
  },
  {
    name: 'LeastPrivilegeRole managed policy overridden to Action "*" Resource "*"',
    build: (app) => rolePolicy(role(app).role).addPropertyOverride('PolicyDocument.Statement.0', { Effect: 'Allow', Action: '*', Resource: '*' }),
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/R/Permissions1/Resource',
  },
  {
    name: 'LeastPrivilegeRole managed policy overridden to NotAction',
    build: (app) => rolePolicy(role(app).role).addPropertyOverride('PolicyDocument.Statement.0', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
    expectRule: 'Fortress-IAMPolicyNoNotAction',
    expectPath: 'W/R/Permissions1/Resource',
  },
  {
    name: 'LeastPrivilegeRole gets an inline admin policy through the L1 Policies property',
    build: (app) => cfn(role(app).role).addPropertyOverride('Policies', [
      { PolicyName: 'sneaky', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } },
    ]),
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/R/Resource',
  },
  // EncryptedBucket
  {
    name: 'EncryptedBucket with Block Public Access switched off',
    build: (app) => cfn(bucket(app)).addPropertyOverride('PublicAccessBlockConfiguration', {
      BlockPublicAcls: false, BlockPublicPolicy: false, IgnorePublicAcls: false, RestrictPublicBuckets: false,
    }),
    expectRule: 'Fortress-S3BucketPublicAccessBlocked',
    expectPath: 'W/B/Resource',
  },
  {
    name: 'EncryptedBucket with Block Public Access deleted and a public statement added',
    build: (app) => {
      const b = bucket(app);
      cfn(b).addPropertyDeletionOverride('PublicAccessBlockConfiguration');
      b.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [b.arnForObjects('*')] }));
    },
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/B/Policy/Resource',
  },
  {
    name: 'EncryptedBucket policy overridden with a public statement',
    build: (app) => child(bucket(app), 'Policy', 'Resource').addPropertyOverride('PolicyDocument.Statement', [PUBLIC_READ]),
    expectRule: 'Fortress-ResourcePolicyNotPublic',
    expectPath: 'W/B/Policy/Resource',
  },
  {
    name: 'EncryptedBucket policy emptied (Statement [])',
    build: (app) => child(bucket(app), 'Policy', 'Resource').addPropertyOverride('PolicyDocument.Statement', []),
    expectRule: 'Fortress-S3BucketMinimumTls12',
    expectPath: 'W/B/Resource',
  },
  {
    name: 'EncryptedBucket policy emptied: other-key uploads no longer denied',
    build: (app) => child(bucket(app), 'Policy', 'Resource').addPropertyOverride('PolicyDocument.Statement', []),
    expectRule: 'Fortress-S3BucketDeniesOtherKmsKeys',
    expectPath: 'W/B/Resource',
  },
  {
    name: 'EncryptedBucket SSE switched to AES256',
    build: (app) => cfn(bucket(app)).addPropertyOverride('BucketEncryption', {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    }),
    expectRule: 'Fortress-S3BucketKmsEncrypted',
    expectPath: 'W/B/Resource',
  },
  {
    name: 'EncryptedBucket encryption deleted',
    build: (app) => cfn(bucket(app)).addPropertyDeletionOverride('BucketEncryption'),
    expectRule: 'Fortress-S3BucketKmsEncrypted',
    expectPath: 'W/B/Resource',
  },
  {
    name: 'EncryptedBucket DeletionPolicy Delete via addOverride',
    build: (app) => cfn(bucket(app)).addOverride('DeletionPolicy', 'Delete'),
    expectRule: 'Fortress-S3BucketRetained',
    expectPath: 'W/B/Resource',
  },
  {
    name: 'EncryptedBucket UpdateReplacePolicy Delete via addOverride',
    build: (app) => cfn(bucket(app)).addOverride('UpdateReplacePolicy', 'Delete'),
    expectRule: 'Fortress-S3BucketRetained',
    expectPath: 'W/B/Resource',
  },
  {
    name: 'EncryptedBucket ACLs re-enabled (ObjectWriter) via override',
    build: (app) => cfn(bucket(app)).addPropertyOverride('OwnershipControls.Rules', [{ ObjectOwnership: 'ObjectWriter' }]),
    expectRule: 'Fortress-S3BucketOwnerEnforced',
    expectPath: 'W/B/Resource',
  },
  {
    name: 'EncryptedBucket versioning suspended via override',
    build: (app) => cfn(bucket(app)).addPropertyOverride('VersioningConfiguration.Status', 'Suspended'),
    expectRule: 'Fortress-S3BucketVersioned',
    expectPath: 'W/B/Resource',
  },
  // AuditTrail
  {
    name: 'AuditTrail IsMultiRegionTrail false',
    build: (app) => cfn(trail(app)).addPropertyOverride('IsMultiRegionTrail', false),
    expectRule: 'Fortress-CloudTrailMultiRegionValidatedEncrypted',
    expectPath: 'W/T/Resource',
  },
  {
    name: 'AuditTrail IsLogging false',
    build: (app) => cfn(trail(app)).addPropertyOverride('IsLogging', false),
    expectRule: 'Fortress-CloudTrailLogging',
    expectPath: 'W/T/Resource',
  },
  {
    name: 'AuditTrail KMSKeyId deleted',
    build: (app) => cfn(trail(app)).addPropertyDeletionOverride('KMSKeyId'),
    expectRule: 'Fortress-CloudTrailMultiRegionValidatedEncrypted',
    expectPath: 'W/T/Resource',
  },
  {
    name: 'AuditTrail log file validation off',
    build: (app) => cfn(trail(app)).addPropertyOverride('EnableLogFileValidation', false),
    expectRule: 'Fortress-CloudTrailMultiRegionValidatedEncrypted',
    expectPath: 'W/T/Resource',
  },
  {
    name: 'AuditTrail event selectors exclude management events',
    build: (app) => {
      const t = cfn(trail(app));
      t.addPropertyDeletionOverride('AdvancedEventSelectors');
      t.addPropertyOverride('EventSelectors', [{ IncludeManagementEvents: false, ReadWriteType: 'All' }]);
    },
    expectRule: 'Fortress-CloudTrailMultiRegionValidatedEncrypted',
    expectPath: 'W/T/Resource',
  },
  {
    name: 'AuditTrail log group retention and key removed',
    build: (app) => {
      const group = child(trail(app), 'Logs', 'Resource');
      group.addPropertyDeletionOverride('RetentionInDays');
      group.addPropertyDeletionOverride('KmsKeyId');
    },
    expectRule: 'Fortress-CloudWatchLogGroupRetentionPeriod',
    expectPath: 'W/T/Logs/Resource',
  },
  {
    name: 'AuditTrail log group KmsKeyId removed',
    build: (app) => child(trail(app), 'Logs', 'Resource').addPropertyDeletionOverride('KmsKeyId'),
    expectRule: 'Fortress-CloudWatchLogGroupKmsEncrypted',
    expectPath: 'W/T/Logs/Resource',
  },
  {
    name: 'AuditTrail log group DeletionPolicy Delete',
    build: (app) => child(trail(app), 'Logs', 'Resource').addOverride('DeletionPolicy', 'Delete'),
    expectRule: 'Fortress-CloudWatchLogGroupRetained',
    expectPath: 'W/T/Logs/Resource',
  },
  // GuardDuty
  {
    name: 'GuardDutyOrg detector Enable false',
    build: (app) => cfn(new GuardDutyOrg(workload(app), 'G')).addPropertyOverride('Enable', false),
    expectRule: 'Fortress-GuardDutyDetectorEnabled',
    expectPath: 'W/G/Resource',
  },
  {
    name: 'GuardDutyOrg detector features emptied',
    build: (app) => cfn(new GuardDutyOrg(workload(app), 'G')).addPropertyOverride('Features', []),
    expectRule: 'Fortress-GuardDutyAllProtectionPlans',
    expectPath: 'W/G/Resource',
  },
  // KMS
  {
    name: 'KmsKeyRing key PendingWindowInDays 7',
    build: (app) => dataKey(app).addPropertyOverride('PendingWindowInDays', 7),
    expectRule: 'Fortress-KMSKeyPendingWindow30Days',
    expectPath: 'W/FortressKeyRing/DataKey/Resource',
  },
  {
    name: 'KmsKeyRing key DeletionPolicy Delete',
    build: (app) => dataKey(app).addOverride('DeletionPolicy', 'Delete'),
    expectRule: 'Fortress-KMSKeyRetained',
    expectPath: 'W/FortressKeyRing/DataKey/Resource',
  },
  {
    name: 'KmsKeyRing key PendingWindowInDays 7 and DeletionPolicy Delete together',
    build: (app) => {
      const key = dataKey(app);
      key.addPropertyOverride('PendingWindowInDays', 7);
      key.addOverride('DeletionPolicy', 'Delete');
    },
    expectRule: 'Fortress-KMSKeyRetained',
    expectPath: 'W/FortressKeyRing/DataKey/Resource',
  },
  {
    name: 'KmsKeyRing key rotation switched off via override',
    build: (app) => dataKey(app).addPropertyOverride('EnableKeyRotation', false),
    expectRule: 'Fortress-KMSKeyRotationEnabled',
    expectPath: 'W/FortressKeyRing/DataKey/Resource',
  },
  {
    name: 'KmsKeyRing key policy opened to Principal "*" via override',
    build: (app) => dataKey(app).addPropertyOverride('KeyPolicy.Statement.0.Principal', { AWS: '*' }),
    expectRule: 'Fortress-KMSKeyPolicyNoUnconditionalPublicPrincipal',
    expectPath: 'W/FortressKeyRing/DataKey/Resource',
  },
  // VPC and security groups
  {
    name: 'SecureVpc public subnet MapPublicIpOnLaunch true via override',
    build: (app) => child(vpc(app), 'PublicSubnet1', 'Subnet').addPropertyOverride('MapPublicIpOnLaunch', true),
    expectRule: 'Fortress-VPCSubnetNoPublicIpOnLaunch',
    expectPath: 'W/V/PublicSubnet1/Subnet',
  },
  {
    name: 'SecureVpc flow log TrafficType REJECT via override',
    build: (app) => child(vpc(app), 'FlowLog').addPropertyOverride('TrafficType', 'REJECT'),
    expectRule: 'Fortress-VPCFlowLogsAllTraffic',
    expectPath: 'W/V/Resource',
  },
  {
    name: 'RestrictedSecurityGroup given SSH from the internet via override',
    build: (app) => {
      const v = vpc(app);
      const sg = new RestrictedSecurityGroup(Stack.of(v), 'SG', { vpc: v, description: 'application tier' });
      cfn(sg).addPropertyOverride('SecurityGroupIngress', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }]);
    },
    expectRule: 'Fortress-EC2SecurityGroupNoInternetAdminPorts',
    expectPath: 'W/SG/Resource',
  },
  {
    name: 'RestrictedSecurityGroup opened by a raw CfnSecurityGroupIngress on all ports',
    build: (app) => {
      const v = vpc(app);
      const stack = Stack.of(v);
      const sg = new RestrictedSecurityGroup(stack, 'SG', { vpc: v, description: 'application tier' });
      new ec2.CfnSecurityGroupIngress(stack, 'Open', { groupId: sg.securityGroupId, ipProtocol: '-1', cidrIp: '0.0.0.0/0' });
    },
    expectRule: 'Fortress-EC2SecurityGroupNoInternetIngress',
    expectPath: 'W/SG/Resource',
  },
  // Config
  {
    name: 'ConfigRecorder limited to a list of types via override',
    build: (app) => {
      const recorder = new ConfigRecorder(workload(app), 'C');
      const l1 = recorder.node.findAll().find((c) => (c as CfnResource).cfnResourceType === 'AWS::Config::ConfigurationRecorder') as CfnResource;
      l1.addPropertyOverride('RecordingGroup', { AllSupported: false, ResourceTypes: ['AWS::S3::Bucket'] });
    },
    expectRule: 'Fortress-ConfigRecorderAllResourceTypes',
    expectPath: 'W/C/Resource',
  },
];

insecureSuite('red team: escape hatches on cdk-fortress constructs', cases);
