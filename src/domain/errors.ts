/**
 * The one error type of the sandbox: a refusal, with a stable code and a sentence for a person. Which status a
 * code is answered with is the HTTP layer's table (src/http/errors.ts); the domain only says why.
 */
export type RefusalCode =
  // the request itself
  | 'VALIDATION_ERROR'
  | 'MALFORMED_JSON'
  | 'REQUEST_ABORTED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNKNOWN_PROVIDER_STATE'
  // who is asking
  | 'UNAUTHORIZED'
  | 'SESSION_EXPIRED'
  | 'FORBIDDEN'
  | 'OPERATOR_MISMATCH'
  // what it names does not exist
  | 'NOT_FOUND'
  | 'USER_NOT_FOUND'
  | 'OPERATOR_NOT_FOUND'
  | 'CAMPAIGN_NOT_FOUND'
  | 'REFERENCE_NOT_FOUND'
  // the rules of money and tokens
  | 'AMOUNT_TOO_SMALL'
  | 'CURRENCY_MISMATCH'
  | 'INSUFFICIENT_FUNDS'
  | 'INSUFFICIENT_TOKENS'
  | 'BALANCE_LIMIT_EXCEEDED'
  | 'TOKEN_LIMIT_EXCEEDED'
  | 'STAKE_LIMIT_EXCEEDED'
  | 'EXCHANGE_FAILED'
  | 'KYC_IRREVERSIBLE'
  | 'CLOCK_BACKWARDS'
  // it contradicts what the sandbox already holds
  | 'DUPLICATE_TRANSACTION'
  | 'API_KEY_TAKEN'
  | 'CAMPAIGN_TYPE_MISMATCH'
  | 'CAMPAIGN_NOT_ACTIVE'
  | 'INVALID_STATUS_TRANSITION'
  | 'NOTHING_TO_RECORD';

export interface RefusalDetail {
  /** A field of the request body by name, dotted when nested (`amount`, `params.balance`); the wire shows it as a JSON pointer. */
  field?: string;
  /** Where in the request, as the wire's JSON pointer, for refusals made where the request's shape is known. */
  path?: string;
  message: string;
}

export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly details?: RefusalDetail[],
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export const refusal = (code: RefusalCode, message: string, details?: RefusalDetail[]) => new Refusal(code, message, details);
