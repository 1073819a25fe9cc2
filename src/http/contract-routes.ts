/**
 * Registers handlers by operationId: the method and path come from the OpenAPI document, every request is
 * validated against it before the handler runs, and (when asked, as in tests) every JSON response too, errors included.
 * Handlers receive typed input and return a status and body; the contract stays the one place a shape lives.
 */
import type { Context, Hono } from 'hono';
import { loadContract, type ContractName } from '../openapi/documents.js';
import { responseProblems, validateRequest } from '../openapi/validator.js';
import { Refusal } from '../domain/errors.js';
import type { SandboxEnv } from './env.js';
import { refusalAnswer } from './errors.js';
import { addWarnings } from './journal-middleware.js';
import { parseJson } from './json-body.js';
import { requestBody } from './node-adapter.js';

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | Response;

type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type BodyOf<Op> = Op extends { requestBody: infer R } ? JsonOf<R> : Op extends { requestBody?: infer R } ? JsonOf<NonNullable<R>> | undefined : undefined;
type ParamsOf<Op, Where extends 'path' | 'query'> = Op extends { parameters: { [K in Where]?: infer P } }
  ? [P] extends [undefined | never] ? Record<string, never> : NonNullable<P>
  : Record<string, never>;

export interface OperationInput<Op> {
  params: ParamsOf<Op, 'path'>;
  query: ParamsOf<Op, 'query'>;
  body: BodyOf<Op>;
  rawBody: Uint8Array;
  /** The body as sent, decoded (empty for operations without one). */
  bodyText: string;
  c: Context<SandboxEnv>;
}

export interface ContractRouterOptions {
  /** Check every JSON response against the contract and fail loudly on a mismatch (tests turn this on). */
  validateResponses?: boolean;
}

const NO_PARAMETERS: Record<string, string> = Object.freeze({});
/** The raw body of an operation that takes none: whatever came is not read (the journal shows none). */
const NO_BODY = new Uint8Array();

export const strictResponsesFromEnv = () => process.env.TRUEPLAY_SANDBOX_STRICT_RESPONSES === '1';

export function contractRouter<Operations>(app: Hono<SandboxEnv>, name: ContractName, options: ContractRouterOptions = {}) {
  const contract = loadContract(name);
  const validateResponses = options.validateResponses ?? strictResponsesFromEnv();

  return function operation<Id extends keyof Operations & string>(
    operationId: Id,
    handler: (input: OperationInput<Operations[Id]>) => Reply | Promise<Reply>,
  ): void {
    const spec = contract.operations.get(operationId);
    if (!spec) throw new Error(`${operationId} is not an operation of openapi/${name}.yaml`);
    const honoPath = spec.path.replace(/\{([^}]+)\}/g, ':$1');
    const hasPathParameters = spec.parameters.some((p) => p.in === 'path');
    const hasQueryParameters = spec.parameters.some((p) => p.in === 'query');
    const answer = async (c: Context<SandboxEnv>) => {
      const rawBody = spec.requestBodyPointer ? await requestBody(c) : NO_BODY;
      if (!spec.requestBodyPointer) c.set('rawBody', NO_BODY);
      const parsed = spec.requestBodyPointer ? parseJson(rawBody) : undefined;
      const body = parsed?.value;
      const bodyText = parsed?.text ?? '';
      if (parsed) c.set('bodyText', parsed.text);
      const userInBody = (body as { operatorUserId?: unknown } | undefined)?.operatorUserId;
      // The URL is parsed only when the operation declares parameters there or the body names no player (the
      // journal's operatorUserId may come from it): an ingest call does neither.
      const requestParams = hasPathParameters ? c.req.param() : NO_PARAMETERS;
      const requestQuery = hasQueryParameters || typeof userInBody !== 'string' ? c.req.query() : NO_PARAMETERS;
      const operatorUserId = typeof userInBody === 'string' ? userInBody : (requestParams.operatorUserId ?? requestQuery.operatorUserId);
      if (operatorUserId !== undefined) c.set('operatorUserId', operatorUserId);
      const lenient = spec.lenient !== undefined && c.get('operator')?.validation === 'lenient';
      const { params, query, warnings } = validateRequest(contract, spec, { params: requestParams, query: requestQuery, body }, lenient);
      if (warnings) addWarnings(c, warnings);
      const handled = handler({ params, query, body, rawBody, bodyText, c } as OperationInput<Operations[Id]>);
      // Most handlers answer synchronously: those are not awaited, which would take a turn of the microtask queue.
      const reply = handled instanceof Promise ? await handled : handled;
      if (reply instanceof Response) return reply;
      if (reply.body === undefined) return c.body(null, reply.status as 204, reply.headers);
      if (validateResponses) {
        const problems = responseProblems(contract, spec, reply.status, reply.body);
        if (problems.length > 0) {
          throw new Error(`response of ${operationId} (${reply.status}) breaks the contract: ${problems.join('; ')}`);
        }
      }
      const text = JSON.stringify(reply.body);
      c.set('responseText', text);
      return c.body(text, reply.status as 200, reply.headers ? { 'content-type': 'application/json', ...reply.headers } : { 'content-type': 'application/json' });
    };
    if (!validateResponses) {
      app.on(spec.method, honoPath, answer);
      return;
    }
    app.on(spec.method, honoPath, async (c) => {
      try {
        return await answer(c);
      } catch (error) {
        // Error answers are held to the contract too: their status must be one the operation declares.
        if (error instanceof Refusal) {
          const { status, body } = refusalAnswer(error);
          const problems = responseProblems(contract, spec, status, body);
          if (problems.length > 0) {
            throw new Error(`error answer of ${operationId} (${status} ${error.code}) breaks the contract: ${problems.join('; ')}`);
          }
        }
        throw error;
      }
    });
  };
}
