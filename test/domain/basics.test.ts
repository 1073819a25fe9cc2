/** Small domain pieces: idempotency fingerprints, decimals, durations and timestamps. */
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../src/domain/errors.js';
import { refusalAnswer } from '../../src/http/errors.js';
import { bodyFingerprint, canonicalJson } from '../../src/domain/idempotency.js';
import { Decimal, decimalOf, fromTokenUnits, hasAtMostPlaces, roundTokens, toAmountUnits, toTokenUnits } from '../../src/domain/money.js';
import { MAX_INSTANT, parseDuration, parseTimestamp } from '../../src/domain/time.js';

describe('idempotency fingerprints', () => {
  it('ignore key order and whitespace, at every depth', () => {
    const a = { b: 1, a: { y: [1, { q: 2, p: 3 }], x: null } };
    const b = JSON.parse('{ "a": {"x": null, "y": [1, {"p": 3, "q": 2}]}, "b": 1 }');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(bodyFingerprint(a)).toBe(bodyFingerprint(b));
  });

  it('tell different values apart, including array order and 10 vs "10"', () => {
    expect(bodyFingerprint({ a: [1, 2] })).not.toBe(bodyFingerprint({ a: [2, 1] }));
    expect(bodyFingerprint({ a: 10 })).not.toBe(bodyFingerprint({ a: '10' }));
    expect(bodyFingerprint({ a: 10 })).toBe(bodyFingerprint(JSON.parse('{"a":10.0}')));
  });

  it('treat a "__proto__" key as data', () => {
    const parsed = JSON.parse('{"__proto__":{"x":1},"a":1}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":1},"a":1}');
  });
});

describe('money', () => {
  it('reads JSON numbers exactly as written', () => {
    expect(decimalOf(0.1).plus(decimalOf(0.2)).toString()).toBe('0.3');
    expect(decimalOf(1e-7).toString()).toBe('1e-7');
    expect(hasAtMostPlaces(decimalOf(1.12345678), 8)).toBe(true);
    expect(hasAtMostPlaces(decimalOf(1.123456789), 8)).toBe(false);
  });

  it('rounds tokens half-up and keeps integer units exact', () => {
    expect(roundTokens(new Decimal('0.005')).toString()).toBe('0.01');
    expect(toTokenUnits(new Decimal('12.34'))).toBe(1234);
    expect(fromTokenUnits(1234).toString()).toBe('12.34');
    expect(toAmountUnits(new Decimal('1000000000'))).toBe(100_000_000_000_000_000n);
  });
});

describe('durations and timestamps', () => {
  it('parses weeks, days, hours, minutes and seconds', () => {
    expect(parseDuration('P1D')).toBe(86_400_000);
    expect(parseDuration('PT1H')).toBe(3_600_000);
    expect(parseDuration('P1W')).toBe(7 * 86_400_000);
    expect(parseDuration('P1DT12H30M15S')).toBe(((36 * 60 + 30) * 60 + 15) * 1000);
  });

  it('refuses what is not a duration with 400', () => {
    for (const text of ['P', 'PT', '1D', 'P1M', 'P1Y', 'PT1.5H']) {
      expect(() => parseDuration(text), text).toThrow(Refusal);
    }
  });

  it('reads the date-time variants the contract admits, and refuses leap seconds and years past 9999', () => {
    expect(parseTimestamp('2030-01-07T00:00:00Z', 'x')).toBe(Date.UTC(2030, 0, 7));
    expect(parseTimestamp('2030-01-07T01:00:00+01', 'x')).toBe(Date.UTC(2030, 0, 7));
    expect(parseTimestamp('2030-01-07t00:00:00z', 'x')).toBe(Date.UTC(2030, 0, 7));
    expect(parseTimestamp('9999-12-31T23:59:59.999Z', 'x')).toBe(MAX_INSTANT);
    const refused = (text: string) => {
      try {
        parseTimestamp(text, 'now');
      } catch (error) {
        if (!(error instanceof Refusal)) return false;
        const answer = refusalAnswer(error);
        return answer.status === 400 && answer.body.error.details?.[0]?.path === '/body/now';
      }
      return false;
    };
    expect(refused('2030-12-31T23:59:60Z')).toBe(true);
    expect(refused('9999-12-31T23:59:59-05:00')).toBe(true);
  });
});
