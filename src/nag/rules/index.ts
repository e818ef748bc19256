import { FortressRule } from '../template/fortress-rule';
import CloudFormationResourceTyped from './cloudformation/CloudFormationResourceTyped';
import CloudFrontDistributionOriginTls12 from './cloudfront/CloudFrontDistributionOriginTls12';
import CloudFrontDistributionTls12 from './cloudfront/CloudFrontDistributionTls12';
import CloudFrontDistributionViewerHttpsOnly from './cloudfront/CloudFrontDistributionViewerHttpsOnly';
import CloudTrailAllManagementEvents from './cloudtrail/CloudTrailAllManagementEvents';
import CloudTrailLogging from './cloudtrail/CloudTrailLogging';
import CloudTrailMultiRegionValidatedEncrypted from './cloudtrail/CloudTrailMultiRegionValidatedEncrypted';
import CloudWatchLogGroupKmsEncrypted from './cloudwatch/CloudWatchLogGroupKmsEncrypted';
import CloudWatchLogGroupRetained from './cloudwatch/CloudWatchLogGroupRetained';
import CloudWatchLogGroupRetentionPeriod from './cloudwatch/CloudWatchLogGroupRetentionPeriod';
import CognitoUserPoolClientNoImplicitGrant from './cognito/CognitoUserPoolClientNoImplicitGrant';
import CognitoUserPoolMfaRequired from './cognito/CognitoUserPoolMfaRequired';
import CognitoUserPoolThreatProtectionEnforced from './cognito/CognitoUserPoolThreatProtectionEnforced';
import ConfigRecorderAllResourceTypes from './config/ConfigRecorderAllResourceTypes';
import DynamoDBGlobalTablePitrEnabled from './dynamodb/DynamoDBGlobalTablePitrEnabled';
import DynamoDBTableKmsEncrypted from './dynamodb/DynamoDBTableKmsEncrypted';
import EC2SecurityGroupIngressKnowable from './ec2/EC2SecurityGroupIngressKnowable';
import EC2SecurityGroupNoInternetAdminPorts from './ec2/EC2SecurityGroupNoInternetAdminPorts';
import EC2SecurityGroupNoInternetIngress from './ec2/EC2SecurityGroupNoInternetIngress';
import ECSClusterExecuteCommandEncrypted from './ecs/ECSClusterExecuteCommandEncrypted';
import ECSServiceFargatePlatformVersionCurrent from './ecs/ECSServiceFargatePlatformVersionCurrent';
import ECSServiceNoPublicIp from './ecs/ECSServiceNoPublicIp';
import ECSTaskDefinitionNoHostEscape from './ecs/ECSTaskDefinitionNoHostEscape';
import ECSTaskDefinitionNoHostNamespaceSharing from './ecs/ECSTaskDefinitionNoHostNamespaceSharing';
import ECSTaskDefinitionNoHostNetworking from './ecs/ECSTaskDefinitionNoHostNetworking';
import ECSTaskDefinitionNonRootUser from './ecs/ECSTaskDefinitionNonRootUser';
import ECSTaskDefinitionNoPlaintextSecrets from './ecs/ECSTaskDefinitionNoPlaintextSecrets';
import ECSTaskDefinitionNoPrivilegedContainers from './ecs/ECSTaskDefinitionNoPrivilegedContainers';
import ECSTaskDefinitionReadOnlyRootFilesystem from './ecs/ECSTaskDefinitionReadOnlyRootFilesystem';
import ELBv2HttpListenerRedirectsOnly from './elbv2/ELBv2HttpListenerRedirectsOnly';
import ELBv2ListenerTls12 from './elbv2/ELBv2ListenerTls12';
import GuardDutyAllProtectionPlans from './guardduty/GuardDutyAllProtectionPlans';
import GuardDutyDetectorEnabled from './guardduty/GuardDutyDetectorEnabled';
import GuardDutyFilterArchivesNarrowly from './guardduty/GuardDutyFilterArchivesNarrowly';
import GuardDutyFindingsExportedEncrypted from './guardduty/GuardDutyFindingsExportedEncrypted';
import IAMNoAwsManagedAdminPolicy from './iam/IAMNoAwsManagedAdminPolicy';
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
import LambdaEnvironmentNoSecrets from './lambda/LambdaEnvironmentNoSecrets';
import LambdaFunctionUrlAuthRequired from './lambda/LambdaFunctionUrlAuthRequired';
import LambdaLayerNotPublic from './lambda/LambdaLayerNotPublic';
import LambdaRuntimeNotDeprecated from './lambda/LambdaRuntimeNotDeprecated';
import OrganizationsPolicySizeLimit from './organizations/OrganizationsPolicySizeLimit';
import LambdaFunctionNotPublic from './policies/LambdaFunctionNotPublic';
import ResourcePolicyNoCrossAccountAdmin from './policies/ResourcePolicyNoCrossAccountAdmin';
import ResourcePolicyNotPublic from './policies/ResourcePolicyNotPublic';
import RAMShareNoExternalPrincipals from './ram/RAMShareNoExternalPrincipals';
import RDSDatabaseRetained from './rds/RDSDatabaseRetained';
import RDSNotPubliclyAccessible from './rds/RDSNotPubliclyAccessible';
import RDSTlsEnforced from './rds/RDSTlsEnforced';
import S3BucketDeniesOtherKmsKeys from './s3/S3BucketDeniesOtherKmsKeys';
import S3BucketKmsEncrypted from './s3/S3BucketKmsEncrypted';
import S3BucketMinimumTls12 from './s3/S3BucketMinimumTls12';
import S3BucketOwnerEnforced from './s3/S3BucketOwnerEnforced';
import S3BucketPublicAccessBlocked from './s3/S3BucketPublicAccessBlocked';
import S3BucketRetained from './s3/S3BucketRetained';
import S3BucketVersioned from './s3/S3BucketVersioned';
import SecretsManagerSecretKmsEncrypted from './secretsmanager/SecretsManagerSecretKmsEncrypted';
import SecurityHubAutomationRuleNarrow from './securityhub/SecurityHubAutomationRuleNarrow';
import SecurityHubDisabledControlsReasoned from './securityhub/SecurityHubDisabledControlsReasoned';
import SecurityHubStandardsExplicit from './securityhub/SecurityHubStandardsExplicit';
import SNSTopicKmsEncrypted from './sns/SNSTopicKmsEncrypted';
import SNSTopicTlsOnly from './sns/SNSTopicTlsOnly';
import SQSQueueKmsEncrypted from './sqs/SQSQueueKmsEncrypted';
import SQSQueueTlsOnly from './sqs/SQSQueueTlsOnly';
import VPCFlowLogsAllTraffic from './vpc/VPCFlowLogsAllTraffic';
import VPCInterfaceEndpointNotOpenToWorld from './vpc/VPCInterfaceEndpointNotOpenToWorld';
import VPCSubnetNoPublicIpOnLaunch from './vpc/VPCSubnetNoPublicIpOnLaunch';
import WAFv2LoggingRedactsCredentials from './wafv2/WAFv2LoggingRedactsCredentials';
import WAFv2WebAclLogged from './wafv2/WAFv2WebAclLogged';
import WAFv2WebAclManagedRules from './wafv2/WAFv2WebAclManagedRules';

/** Every FortressChecks rule, one per file (`<service>/<Service><Rule>.ts`). */
export const FORTRESS_RULES: readonly FortressRule[] = [
  CloudFormationResourceTyped,
  CloudFrontDistributionOriginTls12,
  CloudFrontDistributionTls12,
  CloudFrontDistributionViewerHttpsOnly,
  CloudTrailAllManagementEvents,
  CloudTrailLogging,
  CloudTrailMultiRegionValidatedEncrypted,
  CloudWatchLogGroupKmsEncrypted,
  CloudWatchLogGroupRetained,
  CloudWatchLogGroupRetentionPeriod,
  CognitoUserPoolClientNoImplicitGrant,
  CognitoUserPoolMfaRequired,
  CognitoUserPoolThreatProtectionEnforced,
  ConfigRecorderAllResourceTypes,
  DynamoDBGlobalTablePitrEnabled,
  DynamoDBTableKmsEncrypted,
  EC2SecurityGroupIngressKnowable,
  EC2SecurityGroupNoInternetAdminPorts,
  EC2SecurityGroupNoInternetIngress,
  ELBv2HttpListenerRedirectsOnly,
  ELBv2ListenerTls12,
  ECSClusterExecuteCommandEncrypted,
  ECSServiceFargatePlatformVersionCurrent,
  ECSServiceNoPublicIp,
  ECSTaskDefinitionNoHostEscape,
  ECSTaskDefinitionNoHostNamespaceSharing,
  ECSTaskDefinitionNoHostNetworking,
  ECSTaskDefinitionNoPlaintextSecrets,
  ECSTaskDefinitionNoPrivilegedContainers,
  ECSTaskDefinitionNonRootUser,
  ECSTaskDefinitionReadOnlyRootFilesystem,
  GuardDutyAllProtectionPlans,
  GuardDutyDetectorEnabled,
  GuardDutyFilterArchivesNarrowly,
  GuardDutyFindingsExportedEncrypted,
  IAMNoAwsManagedAdminPolicy,
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
  LambdaEnvironmentNoSecrets,
  LambdaFunctionNotPublic,
  LambdaFunctionUrlAuthRequired,
  LambdaLayerNotPublic,
  LambdaRuntimeNotDeprecated,
  RAMShareNoExternalPrincipals,
  RDSDatabaseRetained,
  RDSNotPubliclyAccessible,
  RDSTlsEnforced,
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
  SecretsManagerSecretKmsEncrypted,
  SecurityHubAutomationRuleNarrow,
  SecurityHubDisabledControlsReasoned,
  SecurityHubStandardsExplicit,
  SNSTopicKmsEncrypted,
  SNSTopicTlsOnly,
  SQSQueueKmsEncrypted,
  SQSQueueTlsOnly,
  VPCFlowLogsAllTraffic,
  VPCInterfaceEndpointNotOpenToWorld,
  VPCSubnetNoPublicIpOnLaunch,
  WAFv2LoggingRedactsCredentials,
  WAFv2WebAclLogged,
  WAFv2WebAclManagedRules,
];
