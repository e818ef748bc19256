export { default as CloudTrailMultiRegionValidatedEncrypted } from './CloudTrailMultiRegionValidatedEncrypted';
