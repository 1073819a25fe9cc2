/** Both provider-state endpoints take Pact's standard empty state as a no-op, and a teardown undoes only the verification's own changes. */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const EMPTY_STATES = [{ state: '' }, {}, { state: '', params: {}, action: 'setup' }, { state: '', params: {}, action: 'teardown' }, { action: 'teardown' }];

describe('provider-state endpoints', () => {
  let sandbox: TestSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('answer Pact\'s empty state with 200 {} on both sides and change nothing', async () => {
    sandbox = await startTestSandbox();
    await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Welcome', type: 'REGISTRATION', tokens: 100 });
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'player-1', balance: 50, currency: 'USD' });
    for (const body of EMPTY_STATES) {
      const trueplay = await sandbox.control('POST', '/sandbox/provider-states', body);
      const wallet = await sandbox.wallet('POST', '/sandbox/provider-states', body);
      expect([trueplay.status, trueplay.body, wallet.status, wallet.body]).toEqual([200, {}, 200, {}]);
    }
    expect((await sandbox.api('GET', '/api/v1/campaigns')).body.items).toHaveLength(1);
    expect((await sandbox.wallet('GET', '/sandbox/players/player-1')).body).toMatchObject({ balance: 50 });
  });

  it('the wallet\'s teardown puts back the players its states touched and forgets only their exchanges', async () => {
    sandbox = await startTestSandbox();
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'player-1', balance: 50, currency: 'USD' });
    await sandbox.wallet('POST', '/sandbox/players', { operatorUserId: 'bystander', balance: 5, currency: 'USD' });
    const exchange = { id: 'ex-state', action: 'CREDIT', amount: 10, currency: 'USD', exchangeRate: 1, tokenAmount: 10, operatorId: 1, operatorUserId: 'player-1' };
    const states = [
      { state: 'a player exists', params: { operatorUserId: 'player-1', balance: 100, currency: 'USD' } },
      { state: 'a player exists', params: { operatorUserId: 'newcomer', balance: 1, currency: 'USD' } },
      { state: 'a token exchange was processed', params: exchange },
    ];
    for (const body of states) expect((await sandbox.wallet('POST', '/sandbox/provider-states', { ...body, action: 'setup' })).status).toBe(200);
    expect((await sandbox.wallet('GET', '/sandbox/players/player-1')).body).toMatchObject({ balance: 110 });
    for (const body of states) expect((await sandbox.wallet('POST', '/sandbox/provider-states', { ...body, action: 'teardown' })).status).toBe(200);

    expect((await sandbox.wallet('GET', '/sandbox/players/player-1')).body).toMatchObject({ balance: 50 });
    expect((await sandbox.wallet('GET', '/sandbox/players/bystander')).body).toMatchObject({ balance: 5 });
    expect((await sandbox.wallet('GET', '/sandbox/players/newcomer')).status).toBe(404);
    // The exchange is forgotten: set up again, it moves the money again instead of replaying.
    await sandbox.wallet('POST', '/sandbox/provider-states', states[2]);
    expect((await sandbox.wallet('GET', '/sandbox/players/player-1')).body).toMatchObject({ balance: 60 });
  });

  it('the fake Trueplay\'s teardown puts every row back, even after its states hid the sandbox\'s own data', async () => {
    sandbox = await startTestSandbox();
    await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Welcome', type: 'REGISTRATION', tokens: 100 });
    await sandbox.api('POST', '/api/v1/users', { operatorUserId: 'player-1' });
    await sandbox.control('POST', '/sandbox/clock', { advance: 'P1D' });
    const clock = (await sandbox.control('GET', '/sandbox/clock')).body;

    const setup = await sandbox.control('POST', '/sandbox/provider-states', { state: 'no user exists', params: { operatorUserId: 'player-1' } });
    expect(setup.status).toBe(200);
    // During the interaction the sandbox is as the state says: no player-1, no campaign of the tour.
    expect((await sandbox.api('GET', '/api/v1/users/player-1/balance')).status).toBe(404);
    expect((await sandbox.api('GET', '/api/v1/campaigns')).body.items).toEqual([]);
    await sandbox.api('POST', '/api/v1/users', { operatorUserId: 'made-by-the-interaction' });

    await sandbox.control('POST', '/sandbox/provider-states', { state: 'no user exists', params: { operatorUserId: 'player-1' }, action: 'teardown' });
    expect((await sandbox.api('GET', '/api/v1/users/player-1/balance')).body).toMatchObject({ tokenBalance: 100 });
    expect((await sandbox.api('GET', '/api/v1/users/made-by-the-interaction/balance')).status).toBe(404);
    expect((await sandbox.api('GET', '/api/v1/campaigns')).body.items).toHaveLength(1);
    expect((await sandbox.control('GET', '/sandbox/clock')).body).toEqual(clock);
  });

  it('a state that cannot be set up leaves nothing behind', async () => {
    sandbox = await startTestSandbox();
    await sandbox.control('POST', '/sandbox/campaigns', { operatorId: 1, name: 'Welcome', type: 'REGISTRATION', tokens: 100 });
    const bad = await sandbox.control('POST', '/sandbox/provider-states', { state: 'a game transaction was accepted', params: { operatorUserId: 'p' } });
    expect(bad.status).toBe(400);
    expect((await sandbox.api('GET', '/api/v1/campaigns')).body.items).toHaveLength(1);
  });
});
