export { default as ConfigRecorderAllResourceTypes } from './ConfigRecorderAllResourceTypes';
