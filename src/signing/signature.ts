/**
 * Trueplay's request signature: Base64( HMAC-SHA512( secretKey, lowercase-hex( MD5( raw body bytes ) ) ) ).
 * Always computed over the exact bytes sent or received, never over re-serialised JSON.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-request-signature';

export function signBody(secretKey: string, body: string | Uint8Array): string {
  const digest = createHash('md5').update(body).digest('hex');
  return createHmac('sha512', secretKey).update(digest).digest('base64');
}

/** Constant-time comparison, so a caller cannot learn the signature byte by byte from response times. */
export function isValidSignature(secretKey: string, body: string | Uint8Array, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signBody(secretKey, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
