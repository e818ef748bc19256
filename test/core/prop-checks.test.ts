import { App, Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { FortressErrors } from '../../src';
import { PropChecks } from '../../src/core/prop-checks';

const checks = () => new PropChecks(new Stack(new App(), 'Stack'));

describe('PropChecks', () => {
  test('integerInRange: accepts the bounds, rejects outside and fractions, skips unset and tokens', () => {
    const c = checks();
    expect(() => c.integerInRange('days', 1, 1, 10)).not.toThrow();
    expect(() => c.integerInRange('days', 10, 1, 10)).not.toThrow();
    expect(() => c.integerInRange('days', undefined, 1, 10)).not.toThrow();
    expect(() => c.integerInRange('days', Token.asNumber({ Ref: 'Days' }), 1, 10)).not.toThrow();
    expect(() => c.integerInRange('days', 11, 1, 10)).toThrow("[cdk-fortress] Stack: invalid 'days': must be an integer from 1 to 10 (got 11)");
    expect(() => c.integerInRange('days', 2.5, 1, 10)).toThrow(/must be an integer from 1 to 10 \(got 2.5\)/);
  });

  test('oneOf, matches and nonBlank', () => {
    const c = checks();
    expect(() => c.oneOf('mode', 'GOVERNANCE', ['GOVERNANCE', 'COMPLIANCE'])).not.toThrow();
    expect(() => c.oneOf('mode', 'LEGAL', ['GOVERNANCE', 'COMPLIANCE'])).toThrow(/invalid 'mode': must be one of "GOVERNANCE", "COMPLIANCE" \(got 'LEGAL'\)/);
    expect(() => c.oneOf('mode', Lazy.string({ produce: () => 'x' }), ['GOVERNANCE'])).not.toThrow();
    expect(() => c.matches('prefix', 'data-key', /^[a-z-]+$/, 'lowercase letters and dashes')).not.toThrow();
    expect(() => c.matches('prefix', 'Data Key', /^[a-z-]+$/, 'lowercase letters and dashes')).toThrow(/invalid 'prefix': must be lowercase letters and dashes \(got 'Data Key'\)/);
    expect(() => c.nonBlank('description', '  ')).toThrow(/invalid 'description': must not be empty or blank/);
    expect(() => c.nonBlank('description', 'ok')).not.toThrow();
  });

  test('minLength and unique', () => {
    const c = checks();
    expect(() => c.minLength('admins', [], 1)).toThrow(/invalid 'admins': must have at least 1 entry/);
    expect(() => c.minLength('azs', ['a'], 2)).toThrow(/must have at least 2 entries/);
    expect(() => c.minLength('azs', ['a', 'b'], 2)).not.toThrow();
    expect(() => c.unique('azs', ['a', 'b', 'a'])).toThrow(/invalid 'azs': must not repeat entries \(got \["a"\]\)/);
    expect(() => c.unique('azs', ['a', 'b'])).not.toThrow();
  });

  test('durationInDays: whole days in range only', () => {
    const c = checks();
    expect(() => c.durationInDays('rotation', Duration.days(90), 90, 2560)).not.toThrow();
    expect(() => c.durationInDays('rotation', Duration.days(30), 90, 2560)).toThrow(/invalid 'rotation': must be a whole number of days from 90 to 2560 \(got '30 days'\)/);
    expect(() => c.durationInDays('rotation', Duration.hours(2200), 90, 2560)).toThrow(/whole number of days/);
    expect(() => c.durationInDays('rotation', Duration.days(Token.asNumber({ Ref: 'D' })), 90, 2560)).not.toThrow();
  });

  test('exclusive and requires', () => {
    const c = checks();
    expect(() => c.exclusive('key', 'a', 'keyArn', 'b')).toThrow(/invalid 'key': cannot be combined with 'keyArn'; set only one of them/);
    expect(() => c.exclusive('key', 'a', 'keyArn', undefined)).not.toThrow();
    expect(() => c.requires('autoDeleteObjects', true, 'removalPolicy', undefined)).toThrow(/invalid 'autoDeleteObjects': requires 'removalPolicy' to be set/);
    expect(() => c.requires('autoDeleteObjects', true, 'removalPolicy', 'destroy')).not.toThrow();
  });

  test('property: every out-of-range integer raises the library error, every in-range one passes', () => {
    const small = fc.integer({ min: 0, max: 100 });
    fc.assert(fc.property(fc.integer({ min: -1000, max: 1000 }), small, small, (value, lo, span) => {
      const c = checks();
      const hi = lo + span;
      let error: unknown;
      try { c.integerInRange('n', value, lo, hi); } catch (e) { error = e; }
      const inRange = value >= lo && value <= hi;
      expect(error === undefined).toBe(inRange);
      if (!inRange) expect(FortressErrors.isFortressError(error)).toBe(true);
    }));
  });
});
