/**
 * The probe's player-event checks, judged on a webhook written here from the reference alone (node:http, its own
 * signature code), correct and with one deliberate flaw at a time; and left out for an operator that gave no event path.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/probe/checks/index.js';
import { runProbe } from '../../src/probe/run.js';
import { DEMO_SECRET, probeTarget } from './support/probe-target.js';

type Flaw = 'none' | 'accepts-unsigned' | 'refuses-repeat';

/** An operator's event endpoint: `/hooks/tp-events`, its own state URL, and the flaw asked for. */
async function startWebhook(flaw: Flaw): Promise<{ url: string; close(): Promise<void> }> {
  const seen = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/state') return send(200, {});
      if (req.url !== '/hooks/tp-events') return send(404, { error: { code: 'NO_ROUTE', message: 'no route' } });
      const expected = createHmac('sha512', DEMO_SECRET).update(createHash('md5').update(raw).digest('hex')).digest('base64');
      if (flaw !== 'accepts-unsigned' && req.headers['x-request-signature'] !== expected) return send(403, { error: { code: 'BAD_SIG', message: 'signature' } });
      const { requestId } = JSON.parse(raw.toString('utf8')) as { requestId: string };
      if (seen.has(requestId) && flaw === 'refuses-repeat') return send(409, { error: { code: 'SEEN', message: 'already had it' } });
      seen.add(requestId);
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const EVENT_CHECKS = ALL_CHECKS.filter((c) => c.family === 'player-events');

describe('probe: player events', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  async function verdicts(flaw: Flaw) {
    const hook = await startWebhook(flaw);
    close = hook.close;
    const report = await runProbe(probeTarget(hook.url, `${hook.url}/state`, { playerEventPath: '/hooks/tp-events' }), { checks: EVENT_CHECKS });
    return Object.fromEntries(report.results.map((r) => [r.id, r.passed]));
  }

  it('passes a webhook that checks the signature and acknowledges a repeat (with 204 and no body)', async () => {
    expect(await verdicts('none')).toEqual({ 'player-events.forged-refused': true, 'player-events.same-request-id-acknowledged': true });
  });

  it('fails the signature check only, on a webhook that takes unsigned events', async () => {
    expect(await verdicts('accepts-unsigned')).toEqual({ 'player-events.forged-refused': false, 'player-events.same-request-id-acknowledged': true });
  });

  it('fails the repeat check only, on a webhook that refuses a requestId it has seen', async () => {
    expect(await verdicts('refuses-repeat')).toEqual({ 'player-events.forged-refused': true, 'player-events.same-request-id-acknowledged': false });
  });

  it('are hardening advice, and are not run for an operator that gave no event path', async () => {
    expect(EVENT_CHECKS.map((c) => c.basis)).toEqual(['hardening', 'hardening']);
    const hook = await startWebhook('accepts-unsigned');
    close = hook.close;
    const report = await runProbe(probeTarget(hook.url, `${hook.url}/state`), { checks: EVENT_CHECKS });
    expect(report.results).toEqual([]);
  });
});
