/** Reads a request body once as raw bytes (signatures are over bytes) and parses it as JSON, or says why not. */
import type { Context } from 'hono';
import { badRequest } from '../domain/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function readRawBody(c: Context): Promise<Uint8Array> {
  return new Uint8Array(await c.req.arrayBuffer());
}

export function parseJson(raw: Uint8Array): unknown {
  if (raw.byteLength === 0) throw badRequest('MALFORMED_JSON', 'the request body is empty; a JSON object is expected');
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw badRequest('MALFORMED_JSON', 'the request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest('MALFORMED_JSON', `the request body is not valid JSON: ${(error as Error).message}`);
  }
}
