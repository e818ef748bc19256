export { default as KMSKeyPendingWindow30Days } from './KMSKeyPendingWindow30Days';
export { default as KMSKeyPolicyNoUnconditionalPublicPrincipal } from './KMSKeyPolicyNoUnconditionalPublicPrincipal';
export { default as KMSKeyPolicyServiceGrantsConditioned } from './KMSKeyPolicyServiceGrantsConditioned';
export { default as KMSKeyRetained } from './KMSKeyRetained';
