import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { Acknowledgments, FortressErrors, KeyPurpose, KmsKeyRing, SecureLogGroup } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack } from '../compliance';

describe('SecureLogGroup', () => {
  test('GIVEN no props THEN encrypted with the ring logs key, one year, retained', () => {
    const stack = propertyTestStack();
    new SecureLogGroup(stack, 'Logs');
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('LogsKey'), 'Arn'] } },
    });
    // CloudWatch Logs of this account and region may use the key, through the documented encryption context.
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
        })]),
      },
    });
  });

  test('GIVEN no props THEN compliant with all six packs and FortressChecks, with no acknowledgment', () => {
    const stack = complianceTestStack();
    new SecureLogGroup(stack, 'Logs');
    expect(expectCompliant(stack).acknowledgments.filter((a) => a.constructPath.startsWith('Stack/Logs'))).toEqual([]);
  });

  test('GIVEN removalPolicy DESTROY THEN the retention rule is acknowledged on this log group with a warning', () => {
    const stack = propertyTestStack();
    const group = new SecureLogGroup(stack, 'Logs', { removalPolicy: RemovalPolicy.DESTROY });
    expect(Acknowledgments.list(group).map((a) => a.ruleId)).toEqual(['Fortress-CloudWatchLogGroupRetained']);
    Annotations.fromStack(stack).hasWarning('/Stack/Logs', Match.stringLikeRegexp('removalPolicy destroy was set explicitly'));
  });

  test.each<[string, () => unknown, RegExp]>([
    ['INFINITE retention', () => new SecureLogGroup(propertyTestStack(), 'L', { retention: logs.RetentionDays.INFINITE }), /invalid 'retention'/],
    ['a retention CloudWatch does not offer', () => new SecureLogGroup(propertyTestStack(), 'L', { retention: 2 as logs.RetentionDays }), /invalid 'retention'/],
    ['a name starting with aws/', () => new SecureLogGroup(propertyTestStack(), 'L', { logGroupName: 'aws/lambda/x' }), /invalid 'logGroupName'/],
    ['a name with spaces', () => new SecureLogGroup(propertyTestStack(), 'L', { logGroupName: 'my logs' }), /invalid 'logGroupName'/],
    ['a name over 512 characters', () => new SecureLogGroup(propertyTestStack(), 'L', { logGroupName: 'a'.repeat(513) }), /invalid 'logGroupName'/],
    ['SNAPSHOT removal', () => new SecureLogGroup(propertyTestStack(), 'L', { removalPolicy: RemovalPolicy.SNAPSHOT }), /invalid 'removalPolicy'/],
    ['a key and a key ring', () => {
      const stack = propertyTestStack();
      return new SecureLogGroup(stack, 'L', { encryptionKey: new kms.Key(stack, 'K'), keyRing: KmsKeyRing.of(stack) });
    }, /invalid 'encryptionKey': cannot be combined with 'keyRing'/],
    ['an unknown log class', () => new SecureLogGroup(propertyTestStack(), 'L', { logGroupClass: 'COLD' as logs.LogGroupClass }), /invalid 'logGroupClass'/],
    ['props that are not an object', () => new SecureLogGroup(propertyTestStack(), 'L', 'one year' as any), /invalid 'props'/],
    ['no scope', () => new SecureLogGroup(undefined as any, 'L'), /invalid 'scope'/],
  ])('GIVEN %s THEN the library error names the path and prop', (_name, build, message) => {
    let error: unknown;
    try { build(); } catch (e) { error = e; }
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(message);
  });

  test('GIVEN undefined or null props (JavaScript) THEN the defaults', () => {
    const stack = propertyTestStack();
    new SecureLogGroup(stack, 'A', undefined as any);
    new SecureLogGroup(stack, 'B', null as any);
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 365 }, 2);
  });

  test('property: every offered finite retention synthesizes, kept and encrypted', () => {
    const offered = Object.values(logs.RetentionDays).filter((d): d is logs.RetentionDays => typeof d === 'number' && d !== logs.RetentionDays.INFINITE);
    fc.assert(fc.property(fc.constantFrom(...offered), (retention) => {
      const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Stack');
      new SecureLogGroup(stack, 'Logs', { retention });
      Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
        DeletionPolicy: 'Retain', Properties: { RetentionInDays: retention, KmsKeyId: Match.anyValue() },
      });
    }), { numRuns: 15 });
  });

  test('GIVEN a key ring of another stack purpose THEN the logs key of that ring is used', () => {
    const stack = propertyTestStack();
    const ring = KmsKeyRing.of(stack);
    new SecureLogGroup(stack, 'Logs', { keyRing: ring });
    expect(ring.key(KeyPurpose.LOGS)).toBeDefined();
  });
});
