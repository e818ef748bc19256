import { Template } from 'aws-cdk-lib/assertions';
import { EncryptedBucket } from '../../src';
import { propertyTestStack } from '../compliance';

test('EncryptedBucket defaults (with the shared key ring and access-logs bucket) match the reviewed snapshot', () => {
  const stack = propertyTestStack();
  new EncryptedBucket(stack, 'Data');
  expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
});
