import { App, Stack } from 'aws-cdk-lib';
import { FortressErrors } from '../../src';
import { FortressError } from '../../src/core/fortress-error';

describe('FortressError', () => {
  test('names the construct path, the prop, what is allowed and the rejected value', () => {
    const stack = new Stack(new App(), 'Stack');
    const error = FortressError.invalidProp(stack, 'retentionDays', 'must be an integer from 1 to 3650', 0);
    expect(error.message).toBe("[cdk-fortress] Stack: invalid 'retentionDays': must be an integer from 1 to 3650 (got 0)");
    expect(error).toMatchObject({ constructPath: 'Stack', prop: 'retentionDays', allowed: 'must be an integer from 1 to 3650', actual: '0' });
    expect(error.name).toBe('FortressError');
  });

  test('quotes strings, omits a missing value and shortens long values', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(FortressError.invalidProp(stack, 'cidr', 'must be a CIDR', '10.0.0.0').message).toMatch(/\(got '10\.0\.0\.0'\)$/);
    expect(FortressError.invalidProp(stack, 'x', 'must be set').message).toBe("[cdk-fortress] Stack: invalid 'x': must be set");
    const long = FortressError.invalidProp(stack, 'x', 'must be short', 'a'.repeat(500)).message;
    expect(long).toMatch(/\.\.\.\)$/);
    expect(long.length).toBeLessThan(200);
  });

  test('is recognized by instanceof and, across module copies, by FortressErrors.isFortressError', () => {
    const error = FortressError.invalidProp(new App(), 'x', 'must be set');
    expect(error).toBeInstanceOf(FortressError);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain('<root>');
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect(FortressErrors.isFortressError(new Error('[cdk-fortress] lookalike'))).toBe(false);
    expect(FortressErrors.isFortressError(undefined)).toBe(false);
  });
});
