/**
 * Loyalty page session links: the URL carries who and which language, until when, and an HMAC, so the
 * sandbox needs no session table and a forged or altered link is recognised (404), an expired one too (401).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { refusal } from '../../domain/errors.js';

export interface LoyaltySession {
  operatorId: number;
  operatorUserId: string;
  lang: string;
  expiresAt: number;
}

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export function encodeSession(secret: string, session: LoyaltySession): string {
  const payload = Buffer.from(
    JSON.stringify([session.operatorId, session.operatorUserId, session.lang, session.expiresAt]),
  ).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export function decodeSession(secret: string, token: string, now: number): LoyaltySession {
  const session = sessionOfLink(secret, token);
  if (!session) throw refusal('NOT_FOUND', 'this loyalty page link is not one the sandbox issued');
  const { expiresAt } = session;
  if (now >= expiresAt) {
    throw refusal('SESSION_EXPIRED', 'this loyalty page link has expired; ask the casino for a new one');
  }
  return session;
}

/** Who a link the sandbox issued is for, expired or not (for the journal); undefined for a forged or altered one. */
export function sessionOfLink(secret: string, token: string): LoyaltySession | undefined {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return undefined;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const [operatorId, operatorUserId, lang, expiresAt] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  return { operatorId, operatorUserId, lang, expiresAt };
}

/** Languages of the loyalty page; EN is the default and ENG is accepted for it, in any letter case. */
export const LOYALTY_LANGUAGES = ['EN', 'CS', 'DE', 'ES', 'FR', 'HU', 'ID', 'JA', 'LT', 'LV', 'PL', 'PT', 'BN', 'RU', 'SK', 'TR'] as const;
export type LoyaltyLanguage = (typeof LOYALTY_LANGUAGES)[number];

export function normaliseLanguage(lang: string | undefined): LoyaltyLanguage | undefined {
  const upper = (lang ?? 'EN').toUpperCase();
  const code = upper === 'ENG' ? 'EN' : upper;
  return (LOYALTY_LANGUAGES as readonly string[]).includes(code) ? (code as LoyaltyLanguage) : undefined;
}

/**
 * The language a link asks for, read without trusting it (its signature may be bad): only to tell the player,
 * in their language, that the link cannot open. Anything unreadable is English.
 */
export function linkLanguage(token: string): LoyaltyLanguage {
  try {
    const fields: unknown = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'));
    const lang = Array.isArray(fields) ? fields[2] : undefined;
    return (typeof lang === 'string' && normaliseLanguage(lang)) || 'EN';
  } catch {
    return 'EN';
  }
}
