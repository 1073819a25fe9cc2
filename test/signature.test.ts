import { describe, expect, it } from 'vitest';
import { isValidSignature, signBody } from '../src/signing/signature.js';

// The vector from Trueplay's integration guide.
const VECTOR_BODY =
  '{"id":"103193","action":"CREDIT","amount":4.123,"currency":"USD","exchangeRate":0.00203250655485,"tokenAmount":2500,"operatorId":123,"operatorUserId":"333"}';
const VECTOR_SIGNATURE = 'IifPVbfXptagZ6qSXH9vYrQiqSP4sKIC+hV+39z2K+FlLzRoEboPGTTymjmeuAhN1i0ICDyyrrufYspgAJmxHQ==';

describe('request signature', () => {
  it('reproduces the integration guide vector', () => {
    expect(signBody('secret', VECTOR_BODY)).toBe(VECTOR_SIGNATURE);
    expect(signBody('secret', Buffer.from(VECTOR_BODY))).toBe(VECTOR_SIGNATURE);
  });

  it('accepts the vector and refuses a tampered body, a wrong secret and a missing header', () => {
    expect(isValidSignature('secret', VECTOR_BODY, VECTOR_SIGNATURE)).toBe(true);
    expect(isValidSignature('secret', VECTOR_BODY.replace('4.123', '4.124'), VECTOR_SIGNATURE)).toBe(false);
    expect(isValidSignature('other', VECTOR_BODY, VECTOR_SIGNATURE)).toBe(false);
    expect(isValidSignature('secret', VECTOR_BODY, undefined)).toBe(false);
    expect(isValidSignature('secret', VECTOR_BODY, '')).toBe(false);
  });
});
