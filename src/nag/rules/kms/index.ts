export { default as KMSKeyPolicyNoUnconditionalPublicPrincipal } from './KMSKeyPolicyNoUnconditionalPublicPrincipal';
export { default as KMSKeyRetained } from './KMSKeyRetained';
