export { default as IAMPolicyPassRoleConditioned } from './IAMPolicyPassRoleConditioned';
export { default as IAMRoleDefaultPermissionsBoundary } from './IAMRoleDefaultPermissionsBoundary';
export { default as IAMRoleServiceTrustConfusedDeputy } from './IAMRoleServiceTrustConfusedDeputy';
export { default as IAMRoleTrustNoWildcardPrincipal } from './IAMRoleTrustNoWildcardPrincipal';
