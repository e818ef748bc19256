export { default as CloudWatchLogGroupKmsEncrypted } from './CloudWatchLogGroupKmsEncrypted';
export { default as CloudWatchLogGroupRetained } from './CloudWatchLogGroupRetained';
export { default as CloudWatchLogGroupRetentionPeriod } from './CloudWatchLogGroupRetentionPeriod';
