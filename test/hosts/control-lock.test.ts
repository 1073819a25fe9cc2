/**
 * Every control operation either document has, now and added later, is locked by the token and says so in the
 * document: the lock is one middleware on `/sandbox/*`, so this guards against a control route living elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type ContractName } from '../../src/openapi/documents.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { SAMPLE_GAME } from '../../src/domain/sample-game.js';

const TOKEN = 'control-lock-test';

const controlOperations = (name: ContractName) =>
  [...loadContract(name).operations.values()].filter((op) => op.path.startsWith('/sandbox'))
    // Resets last, so that what comes after still finds the journal entry made below.
    .sort((a, b) => Number(a.path === '/sandbox/reset') - Number(b.path === '/sandbox/reset'));

describe('the control operations of both documents', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ controlToken: TOKEN });
    // Something in the journal, so that exporting it as a scenario has a call to write.
    await sandbox.api('POST', '/api/v1/accept', { operatorUserId: 'p1', transactionId: 't1', referenceTransactionId: null, type: 'BET', ...SAMPLE_GAME, currency: 'USD', amount: 1 });
  });
  afterAll(() => sandbox?.close());

  it('declare the ControlToken scheme (optional on loopback) and its 401', () => {
    for (const name of ['trueplay', 'operator'] as const) {
      const operations = controlOperations(name);
      expect(operations.length).toBeGreaterThan(5);
      for (const op of operations) {
        const declared = loadContract(name).document.paths[op.path][op.method.toLowerCase()];
        expect(declared.security, `${name} ${op.operationId}`).toEqual([{}, { ControlToken: [] }]);
        expect(declared.responses['401']?.$ref, `${name} ${op.operationId}`).toBe('#/components/responses/ControlTokenRequired');
      }
    }
  });

  it('are each refused without the token, and not refused with it', async () => {
    for (const name of ['trueplay', 'operator'] as const) {
      const base = name === 'trueplay' ? sandbox.trueplayUrl : sandbox.walletUrl;
      for (const op of controlOperations(name)) {
        const url = `${base}${op.path.replace(/\{[^}]+\}/g, '1')}`;
        const body = ['GET', 'DELETE'].includes(op.method) ? undefined : '{}';
        const refused = await fetch(url, { method: op.method, body, headers: { 'content-type': 'application/json' } });
        expect(refused.status, `${op.method} ${url}`).toBe(401);
        expect(await refused.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.stringContaining('Authorization: Bearer') } });
        // Reset is harmless here, and a stream is cut short: anything but 401 shows the token was taken.
        const allowed = await fetch(url, { method: op.method, body, headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(5000) });
        expect(allowed.status, `${op.method} ${url} with the token`).not.toBe(401);
        await allowed.body?.cancel();
      }
    }
  });
});
