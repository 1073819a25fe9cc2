/** What every fuzzed answer is held to: no 5xx, and every 4xx a JSON body in the contract's Error shape. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { loadContract } from '../../../src/openapi/documents.js';
import type { RawResponse } from './http.js';

const trueplay = loadContract('trueplay');
const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
ajv.addSchema(trueplay.document, trueplay.id);
const isErrorBody = ajv.compile({ $ref: `${trueplay.id}#/components/schemas/Error` });

/** Why the answer breaks the rules, or undefined when it keeps them. */
export function answerProblem(method: string, response: RawResponse): string | undefined {
  if (response.status >= 500) return `answered ${response.status}: ${response.text.slice(0, 300)}`;
  if (response.status < 400 || method === 'HEAD') return undefined;
  const type = String(response.headers['content-type'] ?? '');
  if (!type.includes('application/json')) return `answered ${response.status} with content-type "${type}"`;
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return `answered ${response.status} with a body that is not JSON: ${response.text.slice(0, 200)}`;
  }
  if (!isErrorBody(body)) return `answered ${response.status} outside the Error shape: ${response.text.slice(0, 300)}`;
  return undefined;
}

/** True when a fuzzed body managed to add properties to every object in this process (the servers run in it). */
export function prototypePolluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return probe.polluted !== undefined || (Object.prototype as Record<string, unknown>).polluted !== undefined;
}
