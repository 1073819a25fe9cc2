/**
 * Trueplay's calls to the operator (reference §2b): signs the exact bytes it sends with the operator's secret,
 * enforces a deadline, and journals each attempt as trueplay->operator. It never throws for the operator's
 * behaviour: the caller gets an answer, or "unknown" (timeout, connection error, 5xx, a body that is not JSON).
 */
import { signBody } from '../../signing/signature.js';
import { realNowIso } from '../../http/journal-middleware.js';
import type { JournalStore } from '../../store/journal-store.js';
import type { OperatorRecord } from '../../store/trueplay-store.js';

export type OperatorOutcome =
  | { kind: 'answered'; status: number; body: unknown }
  | { kind: 'unknown'; reason: string; status: number | null };

export interface OperatorCall {
  operator: OperatorRecord;
  path: string;
  /** The exact JSON text to send; the signature is computed over these bytes. */
  bodyText: string;
  timeoutMs: number;
  operatorUserId: string | null;
}

export function createOperatorClient(journal: JournalStore, now: () => number) {
  return async function callOperator({ operator, path, bodyText, timeoutMs, operatorUserId }: OperatorCall): Promise<OperatorOutcome> {
    const at = new Date(now()).toISOString();
    if (!operator.callbackBaseUrl) {
      return { kind: 'unknown', reason: `operator ${operator.operatorId} has no callbackBaseUrl`, status: null };
    }
    const url = `${operator.callbackBaseUrl}${path}`;
    const headers = { 'content-type': 'application/json', 'x-request-signature': signBody(operator.secretKey, bodyText) };
    const started = performance.now();
    let outcome: OperatorOutcome;
    let responseText: string | null = null;
    try {
      const response = await fetch(url, { method: 'POST', headers, body: bodyText, signal: AbortSignal.timeout(timeoutMs) });
      responseText = await response.text();
      outcome = classify(response.status, responseText);
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      outcome = { kind: 'unknown', reason: timedOut ? `no answer from ${url} within ${timeoutMs} ms` : `could not reach ${url}: ${failureOf(error)}`, status: null };
    }
    journal.record({
      at,
      realAt: realNowIso(),
      direction: 'trueplay->operator',
      server: 'trueplay',
      method: 'POST',
      path,
      query: null,
      status: outcome.status,
      requestHeaders: headers,
      requestBody: bodyText,
      responseBody: responseText ?? (outcome.kind === 'unknown' ? JSON.stringify({ unknownOutcome: outcome.reason }) : null),
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      operatorId: operator.operatorId,
      operatorUserId,
    });
    return outcome;
  };
}

/** fetch says only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, a bad URL). */
function failureOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

export type CallOperator = ReturnType<typeof createOperatorClient>;

/** 2xx and 4xx are answers; anything else (or a 4xx without an error body) leaves the outcome unknown. */
function classify(status: number, text: string): OperatorOutcome {
  let body: unknown;
  try {
    body = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    return { kind: 'unknown', reason: `answered ${status} with a body that is not JSON`, status };
  }
  if (status >= 200 && status < 300) return { kind: 'answered', status, body };
  if (status >= 400 && status < 500 && typeof (body as { error?: unknown } | null)?.error === 'object') {
    return { kind: 'answered', status, body };
  }
  return { kind: 'unknown', reason: `answered ${status}`, status };
}
