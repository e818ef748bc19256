import { FortressRule } from '../template/fortress-rule';
import CloudTrailLogging from './cloudtrail/CloudTrailLogging';
import CloudTrailMultiRegionValidatedEncrypted from './cloudtrail/CloudTrailMultiRegionValidatedEncrypted';
import CloudWatchLogGroupKmsEncrypted from './cloudwatch/CloudWatchLogGroupKmsEncrypted';
import CloudWatchLogGroupRetained from './cloudwatch/CloudWatchLogGroupRetained';
import CloudWatchLogGroupRetentionPeriod from './cloudwatch/CloudWatchLogGroupRetentionPeriod';
import ConfigRecorderAllResourceTypes from './config/ConfigRecorderAllResourceTypes';
import EC2SecurityGroupIngressKnowable from './ec2/EC2SecurityGroupIngressKnowable';
import EC2SecurityGroupNoInternetAdminPorts from './ec2/EC2SecurityGroupNoInternetAdminPorts';
import EC2SecurityGroupNoInternetIngress from './ec2/EC2SecurityGroupNoInternetIngress';
import GuardDutyAllProtectionPlans from './guardduty/GuardDutyAllProtectionPlans';
import GuardDutyDetectorEnabled from './guardduty/GuardDutyDetectorEnabled';
import GuardDutyFindingsExportedEncrypted from './guardduty/GuardDutyFindingsExportedEncrypted';
import IAMPolicyNoAdminActionsOnWildcard from './iam/IAMPolicyNoAdminActionsOnWildcard';
import IAMPolicyNoNotAction from './iam/IAMPolicyNoNotAction';
import IAMPolicyNoNotResource from './iam/IAMPolicyNoNotResource';
import IAMPolicyPassRoleConditioned from './iam/IAMPolicyPassRoleConditioned';
import IAMRoleDefaultPermissionsBoundary from './iam/IAMRoleDefaultPermissionsBoundary';
import IAMRoleServiceTrustConfusedDeputy from './iam/IAMRoleServiceTrustConfusedDeputy';
import IAMRoleTrustNoWildcardPrincipal from './iam/IAMRoleTrustNoWildcardPrincipal';
import IAMRoleTrustReview from './iam/IAMRoleTrustReview';
import IAMRoleTrustScoped from './iam/IAMRoleTrustScoped';
import KMSKeyPendingWindow30Days from './kms/KMSKeyPendingWindow30Days';
import KMSKeyPolicyNoUnconditionalPublicPrincipal from './kms/KMSKeyPolicyNoUnconditionalPublicPrincipal';
import KMSKeyPolicyServiceGrantsConditioned from './kms/KMSKeyPolicyServiceGrantsConditioned';
import KMSKeyRetained from './kms/KMSKeyRetained';
import KMSKeyRotationEnabled from './kms/KMSKeyRotationEnabled';
import LambdaFunctionNotPublic from './policies/LambdaFunctionNotPublic';
import OrganizationsPolicySizeLimit from './organizations/OrganizationsPolicySizeLimit';
import ResourcePolicyNoCrossAccountAdmin from './policies/ResourcePolicyNoCrossAccountAdmin';
import ResourcePolicyNotPublic from './policies/ResourcePolicyNotPublic';
import S3BucketDeniesOtherKmsKeys from './s3/S3BucketDeniesOtherKmsKeys';
import S3BucketKmsEncrypted from './s3/S3BucketKmsEncrypted';
import S3BucketMinimumTls12 from './s3/S3BucketMinimumTls12';
import S3BucketOwnerEnforced from './s3/S3BucketOwnerEnforced';
import S3BucketPublicAccessBlocked from './s3/S3BucketPublicAccessBlocked';
import S3BucketRetained from './s3/S3BucketRetained';
import S3BucketVersioned from './s3/S3BucketVersioned';
import SecurityHubDisabledControlsReasoned from './securityhub/SecurityHubDisabledControlsReasoned';
import SecurityHubStandardsExplicit from './securityhub/SecurityHubStandardsExplicit';
import SNSTopicKmsEncrypted from './sns/SNSTopicKmsEncrypted';
import SNSTopicTlsOnly from './sns/SNSTopicTlsOnly';
import SQSQueueKmsEncrypted from './sqs/SQSQueueKmsEncrypted';
import SQSQueueTlsOnly from './sqs/SQSQueueTlsOnly';
import VPCFlowLogsAllTraffic from './vpc/VPCFlowLogsAllTraffic';
import VPCInterfaceEndpointNotOpenToWorld from './vpc/VPCInterfaceEndpointNotOpenToWorld';
import VPCSubnetNoPublicIpOnLaunch from './vpc/VPCSubnetNoPublicIpOnLaunch';

/** Every FortressChecks rule, one per file (`<service>/<Service><Rule>.ts`). */
export const FORTRESS_RULES: readonly FortressRule[] = [
  CloudTrailLogging,
  CloudTrailMultiRegionValidatedEncrypted,
  CloudWatchLogGroupKmsEncrypted,
  CloudWatchLogGroupRetained,
  CloudWatchLogGroupRetentionPeriod,
  ConfigRecorderAllResourceTypes,
  EC2SecurityGroupIngressKnowable,
  EC2SecurityGroupNoInternetAdminPorts,
  EC2SecurityGroupNoInternetIngress,
  GuardDutyAllProtectionPlans,
  GuardDutyDetectorEnabled,
  GuardDutyFindingsExportedEncrypted,
  IAMPolicyNoAdminActionsOnWildcard,
  IAMPolicyNoNotAction,
  IAMPolicyNoNotResource,
  IAMPolicyPassRoleConditioned,
  IAMRoleDefaultPermissionsBoundary,
  IAMRoleServiceTrustConfusedDeputy,
  IAMRoleTrustNoWildcardPrincipal,
  IAMRoleTrustReview,
  IAMRoleTrustScoped,
  KMSKeyPendingWindow30Days,
  KMSKeyPolicyNoUnconditionalPublicPrincipal,
  KMSKeyPolicyServiceGrantsConditioned,
  KMSKeyRetained,
  KMSKeyRotationEnabled,
  LambdaFunctionNotPublic,
  OrganizationsPolicySizeLimit,
  ResourcePolicyNoCrossAccountAdmin,
  ResourcePolicyNotPublic,
  S3BucketDeniesOtherKmsKeys,
  S3BucketKmsEncrypted,
  S3BucketMinimumTls12,
  S3BucketOwnerEnforced,
  S3BucketPublicAccessBlocked,
  S3BucketRetained,
  S3BucketVersioned,
  SecurityHubDisabledControlsReasoned,
  SecurityHubStandardsExplicit,
  SNSTopicKmsEncrypted,
  SNSTopicTlsOnly,
  SQSQueueKmsEncrypted,
  SQSQueueTlsOnly,
  VPCFlowLogsAllTraffic,
  VPCInterfaceEndpointNotOpenToWorld,
  VPCSubnetNoPublicIpOnLaunch,
];
