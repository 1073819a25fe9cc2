/** Before the suite: can a player be seeded, and does the service accept a correctly signed call? Else say what to fix and stop. */
import { balanceBody } from './bodies.js';
import { CheckContext, CheckFailed } from './context.js';
import { summarize } from './expect.js';
import type { ProbeTarget } from './types.js';

export async function preflight(target: ProbeTarget, runId: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const ctx = new CheckContext(target, `probe-${runId}-preflight`);
  let player: string;
  try {
    player = await ctx.seedPlayer('1');
  } catch (error) {
    if (!(error instanceof CheckFailed)) throw error;
    return { ok: false, message: `${error.message}. --state-url (default <base-url>/sandbox/provider-states) must accept Pact's provider-state setup body {"state":"a player exists","params":{operatorUserId,balance,currency},"action":"setup"}.` };
  }
  const reply = await ctx.balance(balanceBody(target.operatorId, player), { label: 'preflight balance' });
  if (reply.status === null) return { ok: false, message: `the service at ${target.baseUrl}${target.balancePath} did not answer: ${reply.error}` };
  if (reply.status === 401) return { ok: false, message: `the service refused a correctly signed balance call with 401: is --secret the operator's secretKey? (${summarize(reply)})` };
  if (reply.status === 404 && !(reply.json as { error?: unknown } | undefined)?.error) {
    return { ok: false, message: `${target.baseUrl}${target.balancePath} answered 404 without an error body: is --base-url / --balance-path right? (${summarize(reply)})` };
  }
  return { ok: true };
}
