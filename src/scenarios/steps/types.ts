/** What a step kind is: the zod schema of its parameters and how it turns them into one HTTP call. */
import type { z } from 'zod';

export type Side = 'trueplay' | 'wallet';

/** One HTTP call a step makes, before it is sent. Paths may carry a query string. */
export interface HttpCall {
  side: Side;
  method: string;
  path: string;
  /** JSON body (serialised once; a signature is computed over exactly those bytes). */
  body?: unknown;
  /** Sent as is instead of `body`, e.g. malformed JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Send the acting operator's X-API-KEY (or this key; null sends none). */
  apiKey?: boolean | string | null;
  /** Sign the body with X-REQUEST-SIGNATURE: with the acting operator's secret, another secret, or a literal signature. */
  sign?: { secretKey?: string; signature?: string };
}

/** The request as it went over the wire, and what came back. */
export interface RecordedCall {
  request: { side: Side; method: string; url: string; path: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown; text: string };
}

/** The operator a step acts as: its key for §2a calls, its secret for signed calls to the wallet. */
export interface ActingOperator {
  ref: string;
  operatorId: number;
  apiKey: string;
  secretKey: string;
  currency: string;
}

export interface StepRuntime {
  operator: ActingOperator;
  /** Sends an auxiliary call (e.g. asking for a loyalty page link before acting on the page); it is recorded with the step. */
  send(call: HttpCall): Promise<RecordedCall>;
  /** A repeatable id from the scenario's seeded faker, for transaction ids the file leaves out. */
  generatedId(prefix: string): string;
}

export interface StepKind<P = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  /** One sentence for the JSON Schema and the docs. */
  summary: string;
  /** The schema of the value under the kind's key (before `${...}` values are filled in). */
  params: z.ZodType;
  /** A short human title for reports, from the resolved parameters. */
  describe(params: P): string;
  /** The call to make, from the resolved parameters. */
  call(params: P, runtime: StepRuntime): HttpCall | Promise<HttpCall>;
}

/** Declares a step kind with its parameter type inferred from the schema. */
export function stepKind<S extends z.ZodType>(kind: {
  summary: string;
  params: S;
  describe(params: z.infer<S>): string;
  call(params: z.infer<S>, runtime: StepRuntime): HttpCall | Promise<HttpCall>;
}): StepKind<z.infer<S>> {
  return kind as StepKind<z.infer<S>>;
}
