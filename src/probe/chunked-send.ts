/** A POST whose body goes out in slow pieces, or stops half-way and hangs up, over its own connection (node:http). */
import { request } from 'node:http';
import { setTimeout as pause } from 'node:timers/promises';
import { readReply, type Reply } from './http.js';

export interface ChunkedSend {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Pieces per half of the body, and the pause before each piece. */
  piecesPerHalf: number;
  pauseMs: number;
  /** Runs once the first half has left, while the request is still incomplete. */
  midway?: () => Promise<void>;
  /** Hang up after the first half instead of sending the rest. */
  abortMidway?: boolean;
  /** Where the first "half" ends, in bytes (default: the middle). */
  splitAt?: number;
  timeoutMs: number;
}

function pieces(bytes: Buffer, count: number): Buffer[] {
  const size = Math.max(1, Math.ceil(bytes.length / count));
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

export async function sendInPieces(send: ChunkedSend): Promise<{ reply: Reply; durationMs: number }> {
  const started = performance.now();
  const req = request(send.url, {
    method: 'POST',
    agent: false,
    headers: { ...send.headers, 'content-length': String(send.body.length) },
    timeout: send.timeoutMs,
  });
  const answered = new Promise<Reply>((resolve) => {
    req.on('response', (res) => void readReply(res).then(resolve));
    req.on('timeout', () => req.destroy(new Error(`no answer within ${send.timeoutMs} ms`)));
    req.on('error', (error) => resolve({ status: null, text: '', json: undefined, error: error.message }));
  });
  // A write never completes on a connection that was reset first (Node may not call its callback): once the request
  // has ended, with an error or an early answer, writing stops and that is the reply.
  const ended = answered.then((reply) => {
    throw new Error(reply.error ?? `answered ${reply.status} before the body was sent`);
  });
  ended.catch(() => undefined);
  const write = (piece: Buffer) =>
    Promise.race([new Promise<void>((resolve, reject) => req.write(piece, (error) => (error ? reject(error) : resolve()))), ended]);
  const half = send.splitAt ?? Math.floor(send.body.length / 2);
  try {
    req.flushHeaders();
    for (const piece of pieces(send.body.subarray(0, half), send.piecesPerHalf)) {
      await pause(send.pauseMs);
      await write(piece);
    }
    await send.midway?.();
    if (send.abortMidway) {
      req.destroy();
      return { reply: { status: null, text: '', json: undefined, error: 'the probe hung up half-way through the body' }, durationMs: elapsed(started) };
    }
    for (const piece of pieces(send.body.subarray(half), send.piecesPerHalf)) {
      // No pause at 0 ms: requests released together (postTogether) must leave in the same instant, not a timer apart.
      if (send.pauseMs > 0) await pause(send.pauseMs);
      await write(piece);
    }
    req.end();
  } catch (error) {
    // The service hung up on us while we were still writing; whatever it answered (if anything) is the reply.
    req.destroy();
    const reply = await Promise.race([answered, Promise.resolve<Reply>({ status: null, text: '', json: undefined, error: (error as Error).message })]);
    return { reply, durationMs: elapsed(started) };
  }
  return { reply: await answered, durationMs: elapsed(started) };
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;
