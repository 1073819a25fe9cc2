/** Helpers for wallet tests: signed calls as Trueplay makes them, and waiting on a condition with a deadline. */
import { signBody } from '../../src/signing/signature.js';
import type { JsonResponse } from '../support/sandbox.js';

export interface SignedCallOptions {
  secretKey: string;
  /** The exact bytes to send (default: JSON of the body). */
  rawBody?: string;
  /** The header to send instead of the right one; null sends none. */
  signature?: string | null;
}

/** POSTs to the wallet signed over the exact bytes sent, as Trueplay's outbound client does. */
export async function signedCall(baseUrl: string, path: string, body: unknown, options: SignedCallOptions): Promise<JsonResponse> {
  const text = options.rawBody ?? JSON.stringify(body);
  const signature = options.signature === undefined ? signBody(options.secretKey, text) : options.signature;
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-request-signature': signature }) },
    body: text,
  });
  const responseText = await response.text();
  let parsed: unknown = responseText;
  try {
    parsed = responseText ? JSON.parse(responseText) : undefined;
  } catch {
    /* keep the text */
  }
  return { status: response.status, headers: response.headers, body: parsed, text: responseText };
}

let counter = 0;
/** A Token Exchange body for the demo operator (operatorId 1, USD, rate 1). */
export function exchangeBody(operatorUserId: string, action: 'CREDIT' | 'DEBIT', amount: number, id = `ex-${process.pid}-${++counter}`) {
  return { id, action, amount, currency: 'USD', exchangeRate: 1, tokenAmount: amount, operatorId: 1, operatorUserId };
}
