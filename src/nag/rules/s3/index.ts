export { default as S3BucketDeniesOtherKmsKeys } from './S3BucketDeniesOtherKmsKeys';
export { default as S3BucketMinimumTls12 } from './S3BucketMinimumTls12';
export { default as S3BucketOwnerEnforced } from './S3BucketOwnerEnforced';
export { default as S3BucketRetained } from './S3BucketRetained';
