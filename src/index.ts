// FortressError (extends Error) is not part of the jsii API; FortressErrors.isFortressError() recognizes it.
export { FortressErrors } from './core/fortress-error';
export * from './core/acknowledgments';
export * from './nag/fortress-checks';
export * from './baseline/compliance-pack';
export * from './baseline/compliance-report';
export * from './baseline/secure-baseline';
export * from './kms/key-purpose';
export * from './kms/key-service-grant';
export * from './kms/kms-key-ring';
export * from './s3/access-logs-bucket';
export * from './s3/encrypted-bucket';
export * from './ec2/restricted-security-group';
export * from './ec2/secure-vpc';
export * from './iam/least-privilege-role';
export * from './monitoring/security-notifications-topic';
export * from './cloudtrail/audit-trail';
export * from './monitoring/cis-alarm';
export * from './monitoring/security-alarms';
