export { default as IAMRoleTrustNoWildcardPrincipal } from './IAMRoleTrustNoWildcardPrincipal';
