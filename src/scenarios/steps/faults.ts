/** Step kinds that inject faults on either fake side (POST/DELETE /sandbox/faults): the wallet by default, or Trueplay. */
import { z } from 'zod';
import { stepKind, type StepKind } from './types.js';
import { int, text } from './values.js';

const side = z
  .enum(['trueplay', 'wallet'])
  .describe('wallet (default): spoil the calls Trueplay makes to the wallet; trueplay: spoil the calls the operator makes to Trueplay')
  .optional();

export const faultSteps: Record<string, StepKind> = {
  fault: stepKind({
    summary: 'Inject a fault (POST /sandbox/faults) in the wallet, or with `side: trueplay` in Trueplay: the next `times` calls to `path` answer `status` and/or are delayed',
    params: z.strictObject({
      side,
      path: text('e.g. /trueplay/token-exchange on the wallet, /api/v1/accept on Trueplay'),
      status: int('answer this status (an Error body, code INJECTED_FAULT)').optional(),
      delayMs: int('wait this long first').optional(),
      times: int('how many calls (default 1)').optional(),
    }),
    describe: (p) =>
      `${p.side ?? 'wallet'} fault on ${p.path}: ${[p.status && `status ${p.status}`, p.delayMs && `delay ${p.delayMs} ms`].filter(Boolean).join(', ')} × ${p.times ?? 1}`,
    call: ({ side, ...fault }) => ({ side: side ?? 'wallet', method: 'POST', path: '/sandbox/faults', body: fault }),
  }),

  clearFaults: stepKind({
    summary: 'Remove every pending fault of the wallet, or with `side: trueplay` of Trueplay (DELETE /sandbox/faults)',
    params: z.union([z.strictObject({ side }), z.null()]),
    describe: (p) => `clear ${p?.side ?? 'wallet'} faults`,
    call: (p) => ({ side: p?.side ?? 'wallet', method: 'DELETE', path: '/sandbox/faults' }),
  }),
};
