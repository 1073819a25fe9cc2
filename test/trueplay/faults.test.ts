/** Faults injected into the fake Trueplay (POST/GET/DELETE /sandbox/faults): the calls an operator makes, spoiled on purpose. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshSandbox, startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { pollUntil } from '../support/poll.js';

describe('fake Trueplay faults', () => {
  let sandbox: TestSandbox;
  let counter = 0;
  const bet = (operatorUserId: string) => ({
    operatorUserId, transactionId: `fault-tx-${++counter}`, type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 10,
  });
  const accept = (body: unknown) => sandbox.api('POST', '/api/v1/accept', body);
  const pendingFaults = async () => (await sandbox.control('GET', '/sandbox/faults')).body.items as unknown[];

  beforeAll(async () => {
    sandbox = await startTestSandbox({ backgroundWork: false });
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await freshSandbox(sandbox);
  });

  it('answers the injected status once, counting nothing, then handles the same call normally', async () => {
    const fault = await sandbox.control('POST', '/sandbox/faults', { path: '/api/v1/accept', status: 503 });
    expect(fault.status).toBe(201);
    expect(fault.body).toEqual({ id: expect.any(Number), path: '/api/v1/accept', status: 503, delayMs: 0, remaining: 1 });
    expect(await pendingFaults()).toEqual([fault.body]);
    // The wallet's faults are its own.
    expect((await sandbox.wallet('GET', '/sandbox/faults')).body.items).toEqual([]);

    const body = bet('f-1');
    const spoiled = await accept(body);
    expect(spoiled.status).toBe(503);
    expect(spoiled.body.error.code).toBe('INJECTED_FAULT');
    expect((await sandbox.api('GET', '/api/v1/users/f-1/balance')).status).toBe(404);
    expect(await pendingFaults()).toEqual([]);

    const retried = await accept(body);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'OK', transactionId: body.transactionId, duplicate: false });
  });

  it('spoils `times` calls, faults on one path in the order added; DELETE clears the rest', async () => {
    await sandbox.control('POST', '/sandbox/faults', { path: '/api/v1/accept', status: 500, times: 2 });
    await sandbox.control('POST', '/sandbox/faults', { path: '/api/v1/accept', status: 429 });
    await sandbox.control('POST', '/sandbox/faults', { path: '/api/v1/deposits', status: 502 });
    expect((await accept(bet('f-2'))).status).toBe(500);
    expect((await accept(bet('f-2'))).status).toBe(500);
    expect((await accept(bet('f-2'))).status).toBe(429);
    expect((await accept(bet('f-2'))).status).toBe(200);

    expect((await pendingFaults()).map((f) => (f as { path: string }).path)).toEqual(['/api/v1/deposits']);
    expect((await sandbox.control('DELETE', '/sandbox/faults')).status).toBe(204);
    expect(await pendingFaults()).toEqual([]);
  });

  it('journals a spoiled call with the status it got and the body it sent', async () => {
    await sandbox.control('POST', '/sandbox/faults', { path: '/api/v1/accept', status: 503 });
    const body = bet('f-3');
    await accept(body);
    await accept(body);
    const entries = (await sandbox.control('GET', '/sandbox/journal?path=/api/v1/accept')).body.items;
    expect(entries).toMatchObject([
      { direction: 'operator->trueplay', method: 'POST', path: '/api/v1/accept', status: 503, requestBody: body, responseBody: { error: { code: 'INJECTED_FAULT' } } },
      { direction: 'operator->trueplay', method: 'POST', path: '/api/v1/accept', status: 200, requestBody: body, responseBody: { duplicate: false } },
    ]);
  });

  it('handles a call after a delay-only fault', async () => {
    await sandbox.control('POST', '/sandbox/faults', { path: '/api/v1/accept', delayMs: 20 });
    const handled = await accept(bet('f-4'));
    expect(handled.status).toBe(200);
    expect(handled.body.duplicate).toBe(false);
    expect(await pendingFaults()).toEqual([]);
  });

  it('a delayed call does not hold up other calls', async () => {
    await sandbox.control('POST', '/sandbox/faults', { path: '/api/v1/accept', delayMs: 60_000 });
    let slowSettled = false;
    const slow = accept(bet('f-5')).finally(() => (slowSettled = true));
    // Once the fault is taken the slow call is waiting; the next ones, on the same path too, are answered meanwhile.
    await pollUntil('the slow call to take its fault', async () => (await pendingFaults()).length === 0, 10_000);
    const fast = await accept(bet('f-6'));
    expect(fast.status).toBe(200);
    expect(slowSettled).toBe(false);
    // A reset drops the held call, so it cannot act on the fresh sandbox.
    expect((await sandbox.control('POST', '/sandbox/reset')).status).toBe(204);
    const dropped = await slow;
    expect(dropped.status).toBe(503);
    expect(dropped.body.error.code).toBe('INJECTED_FAULT');
    expect((await sandbox.api('GET', '/api/v1/users/f-5/balance')).status).toBe(404);
  });

  it('refuses faults it cannot apply, the control API above all', async () => {
    for (const bad of [
      { path: '/sandbox/reset', status: 500 },
      { path: '/sandbox/faults', status: 503 },
      { path: '/api/v1/accept' },
      { path: '/api/v1/accept', status: 102 },
      { path: 'api/v1/accept', status: 500 },
      { path: '/api/v1/accept', status: 500, times: 0 },
    ]) {
      const refused = await sandbox.control('POST', '/sandbox/faults', bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_ERROR');
    }
    expect(await pendingFaults()).toEqual([]);
    expect((await sandbox.control('POST', '/sandbox/faults', { path: '/sandbox/reset', status: 500 })).body.error.details).toEqual([
      { path: '/body/path', message: 'must not start with /sandbox/' },
    ]);
  });

  it('is cleared by reset', async () => {
    await sandbox.control('POST', '/sandbox/faults', { path: '/api/v1/accept', status: 503, times: 5 });
    expect(await pendingFaults()).toHaveLength(1);
    expect((await sandbox.control('POST', '/sandbox/reset')).status).toBe(204);
    expect(await pendingFaults()).toEqual([]);
    expect((await accept(bet('f-7'))).status).toBe(200);
  });
});
