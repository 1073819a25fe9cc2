// A second stranger's operator wallet, written from the reference (trueplay-api.md §1, §2b) alone, in plain
// JavaScript on Express 5 — the way many casino back ends are built. Its own choices, on purpose unlike ours:
// - errors {"error":{"code","message"}} with its own codes and statuses: 403 SIGNATURE_MISMATCH, 422 NOT_ENOUGH_MONEY,
//   422 ID_REUSED, 400 unknown_player, 400 invalid_request;
// - amounts kept as BigInt ten-thousandths, written with two decimals at least (`100.00`);
// - lenient reading: "10" is read as 10, "credit" as CREDIT, " DEBIT " as DEBIT; currency, exchangeRate,
//   tokenAmount and operatorId are never read; no length limits beyond Express's own 100 kB body limit;
// - an asynchronous store, made safe by one promise chain (a lock) per player.
// Nothing here imports the sandbox's code.
//
// Flaws, one at a time: 'no-idempotency' (every call moves money), 'no-signature-check' (any caller is trusted),
// 'crash-on-bad-input' (parse and type errors escape to Express's default 500 handler).
import { createHash, createHmac } from 'node:crypto';
import express from 'express';

const SCALE = 10_000n;

function units(value) {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
  const scaled = Math.round(n * 10_000);
  if (Math.abs(scaled / 10_000 - n) > 1e-9 * Math.max(1, Math.abs(n))) return undefined;
  return BigInt(scaled);
}

function written(u) {
  const negative = u < 0n;
  const abs = negative ? -u : u;
  let fraction = String(abs % SCALE).padStart(4, '0').replace(/0+$/, '');
  if (fraction.length < 2) fraction = fraction.padEnd(2, '0');
  return `${negative ? '-' : ''}${abs / SCALE}.${fraction}`;
}

class Refusal extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function startExpressWallet({ secret, flaw }) {
  const players = new Map();
  const decisions = new Map();
  const locks = new Map();
  const later = () => new Promise((resolve) => setImmediate(resolve));

  /** Runs `work` after every earlier piece of work on the same player. */
  function withPlayer(id, work) {
    const before = locks.get(id) ?? Promise.resolve();
    const mine = before.then(work, work);
    locks.set(id, mine.catch(() => undefined));
    return mine;
  }

  const app = express();
  app.use(express.raw({ type: () => true }));

  function parse(req) {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (flaw !== 'no-signature-check') {
      const md5 = createHash('md5').update(raw).digest('hex');
      const expected = createHmac('sha512', secret).update(md5).digest('base64');
      if (req.get('X-Request-Signature') !== expected) throw new Refusal(403, 'SIGNATURE_MISMATCH', 'the request signature is not valid');
    }
    if (flaw === 'crash-on-bad-input') return JSON.parse(raw.toString('utf8'));
    try {
      const body = JSON.parse(raw.toString('utf8'));
      if (body && typeof body === 'object' && !Array.isArray(body)) return body;
    } catch {
      // fall through to the refusal
    }
    throw new Refusal(400, 'invalid_request', 'send a JSON object');
  }

  const send = (res, refusalOrBody, status = 200) => res.status(status).type('application/json').send(refusalOrBody);

  app.post('/trueplay/balance', async (req, res, next) => {
    try {
      const body = parse(req);
      const who = flaw === 'crash-on-bad-input' ? body.operatorUserId.toString() : typeof body.operatorUserId === 'string' ? body.operatorUserId : undefined;
      await later();
      const player = who === undefined ? undefined : players.get(who);
      if (!player) throw new Refusal(400, 'unknown_player', 'we do not know this player');
      send(res, `{"operatorUserId":${JSON.stringify(who)},"balance":${written(player.units)},"currency":${JSON.stringify(player.currency)}}`);
    } catch (error) {
      next(error);
    }
  });

  app.post('/trueplay/token-exchange', async (req, res, next) => {
    try {
      const body = parse(req);
      const id = typeof body.id === 'string' || typeof body.id === 'number' ? String(body.id) : undefined;
      const action = typeof body.action === 'string' ? body.action.trim().toUpperCase() : flaw === 'crash-on-bad-input' ? body.action.trim() : undefined;
      const amount = units(body.amount);
      const who = typeof body.operatorUserId === 'string' ? body.operatorUserId : undefined;
      if (!id || (action !== 'CREDIT' && action !== 'DEBIT') || amount === undefined || amount <= 0n || who === undefined) {
        throw new Refusal(400, 'invalid_request', 'id, action (CREDIT/DEBIT), a positive amount and operatorUserId are needed');
      }
      const fingerprint = `${action} ${amount} ${who}`;
      const answer = await withPlayer(who, async () => {
        const known = flaw === 'no-idempotency' ? undefined : decisions.get(id);
        if (known) {
          if (known.fingerprint !== fingerprint) throw new Refusal(422, 'ID_REUSED', `id ${id} was used for another exchange`);
          return known.answer;
        }
        await later();
        const player = players.get(who);
        if (!player) throw new Refusal(400, 'unknown_player', 'we do not know this player');
        let result;
        if (action === 'DEBIT' && player.units < amount) {
          result = { status: 422, text: JSON.stringify({ error: { code: 'NOT_ENOUGH_MONEY', message: 'balance too low' } }) };
        } else {
          player.units += action === 'CREDIT' ? amount : -amount;
          result = { status: 200, text: `{"id":${JSON.stringify(id)},"status":"OK","balance":${written(player.units)}}` };
        }
        decisions.set(id, { fingerprint, answer: result });
        return result;
      });
      send(res, answer.text, answer.status);
    } catch (error) {
      next(error);
    }
  });

  app.post('/sandbox/provider-states', (req, res) => {
    const { state, params = {}, action } = JSON.parse(Buffer.from(req.body).toString('utf8'));
    if (action !== 'teardown' && state === 'a player exists') {
      players.set(String(params.operatorUserId), { units: units(params.balance) ?? 0n, currency: params.currency || 'USD' });
    }
    if (action !== 'teardown' && state === 'no player exists') players.delete(String(params.operatorUserId));
    res.json({});
  });

  // Our refusals in our shape; Express's own (413 body too large, 400 bad encoding) mapped to it too; the rest is
  // left to Express's default handler (a 500), as the crash flaw wants.
  app.use((error, _req, res, next) => {
    if (error instanceof Refusal) return send(res, JSON.stringify({ error: { code: error.code, message: error.message } }), error.status);
    if (flaw !== 'crash-on-bad-input' && error.status >= 400 && error.status < 500) {
      return send(res, JSON.stringify({ error: { code: error.type ?? 'invalid_request', message: error.message } }), error.status);
    }
    next(error);
  });

  const server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
