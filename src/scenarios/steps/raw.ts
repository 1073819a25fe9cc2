/** The raw HTTP step: any call to either side, for whatever no other step kind covers. */
import { z } from 'zod';
import { stepKind, type StepKind } from './types.js';
import { text } from './values.js';

export const rawSteps: Record<string, StepKind> = {
  http: stepKind({
    summary: 'Any HTTP call to either side',
    params: z.strictObject({
      side: z.enum(['trueplay', 'wallet']).describe('which server; defaults to trueplay').optional(),
      method: text('GET, POST, PATCH, DELETE, …; defaults to GET, or POST with a body').optional(),
      path: text('the path, with a query string if any; or a URL handed out earlier (e.g. ${steps.link.response.url}/withdraw), followed on this side'),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().describe('a JSON body').optional(),
      rawBody: text('sent as is instead of body (e.g. malformed JSON)').optional(),
      apiKey: z.union([z.boolean(), z.string()]).describe("true: the acting operator's X-API-KEY; a string: that key").optional(),
      sign: z
        .union([z.boolean(), z.strictObject({ secretKey: text().optional(), signature: text().optional() })])
        .describe("X-REQUEST-SIGNATURE: true signs with the acting operator's secret")
        .optional(),
    }),
    describe: (p) => `${p.method ?? (p.body !== undefined || p.rawBody !== undefined ? 'POST' : 'GET')} ${p.side ?? 'trueplay'} ${p.path}`,
    call: (p) => ({
      side: p.side ?? 'trueplay',
      method: (p.method ?? (p.body !== undefined || p.rawBody !== undefined ? 'POST' : 'GET')).toUpperCase(),
      path: p.path,
      headers: p.headers,
      body: p.body,
      rawBody: p.rawBody,
      apiKey: p.apiKey ?? false,
      sign: p.sign === true ? {} : p.sign === false || p.sign === undefined ? undefined : p.sign,
    }),
  }),
};
