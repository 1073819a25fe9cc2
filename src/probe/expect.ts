/** How the probe judges an answer: the contract's success shapes, the error body Trueplay relies on, exact money. */
import { loadContract } from '../openapi/documents.js';
import { responseProblems } from '../openapi/validator.js';
import { Decimal, decimalOf } from '../domain/money.js';
import type { Reply } from './http.js';

export type SignedOperation = 'getUserBalance' | 'tokenExchange';

/** A 2xx answer: what Trueplay takes as done. */
export const is2xx = (status: number | null): boolean => status !== null && status >= 200 && status < 300;

/** A reply in a few words for a reason line: status and the start of the body. */
export function summarize(reply: Reply): string {
  if (reply.status === null) return reply.error ?? 'no answer';
  const body = reply.text.length > 160 ? `${reply.text.slice(0, 160)}…` : reply.text;
  return body ? `${reply.status} ${body}` : `${reply.status} (empty body)`;
}

/** `{"error":{"code","message"}}`: what makes Trueplay take a 4xx as a final answer instead of retrying. */
export function isErrorBody(json: unknown): boolean {
  const error = (json as { error?: { code?: unknown; message?: unknown } } | null | undefined)?.error;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}

export function errorCode(json: unknown): string | undefined {
  return isErrorBody(json) ? (json as { error: { code: string } }).error.code : undefined;
}

/** What in a 200 body breaks openapi/operator.yaml (additional fields are allowed there). */
export function successShapeProblems(operation: SignedOperation, reply: Reply): string[] {
  if (reply.json === undefined) return ['the body is not JSON'];
  const contract = loadContract('operator');
  return responseProblems(contract, contract.operations.get(operation)!, 200, reply.json);
}

/** Money compared exactly: the JSON number's shortest text read as a decimal, never float arithmetic. */
export function isMoney(value: unknown, expected: Decimal | string): boolean {
  return typeof value === 'number' && Number.isFinite(value) && decimalOf(value).equals(new Decimal(expected));
}
