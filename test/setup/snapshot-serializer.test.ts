describe('snapshot serializer', () => {
  test('strips asset hashes, library versions and inline Lambda code, and nothing else', () => {
    const value = {
      S3Key: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90.zip',
      Description: 'built with aws-cdk-lib@2.276.0 and cdk-nag 3.0.2',
      Code: { ZipFile: 'import boto3' },
      Kept: 'alias/Stack/data',
    };
    expect(value).toMatchInlineSnapshot(`
{
  "Code": {
    "ZipFile": "[INLINE LAMBDA CODE]",
  },
  "Description": "built with aws-cdk-lib@[VERSION] and cdk-nag [VERSION]",
  "Kept": "alias/Stack/data",
  "S3Key": "[ASSET HASH].zip",
}
`);
  });
});
