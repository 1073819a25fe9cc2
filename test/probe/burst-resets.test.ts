/**
 * Calls fired together (concurrency checks) wait at a barrier with all but their last byte sent. A service whose
 * listen queue overflows resets some connections (Python's socketserver queues 5). Here a service resets the second
 * connection of a burst at once: every call must settle, the reset one retried with the same body, as Trueplay
 * retries an unknown outcome. (The full-suite failure this guards against, a probe that waited at the barrier for a
 * call whose connection failed before it got there and exited 13 with half a report, depends on when the reset
 * lands; this test does not force that timing, src/probe/context.ts and chunked-send.ts say how it is handled.)
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckContext } from '../../src/probe/context.js';

let server: Server;
let baseUrl: string;
let connections = 0;
const bodiesSeen: string[] = [];

/** Answers each complete request 200 with a JSON body; resets the second connection before reading anything. */
function serve(socket: Socket): void {
  connections += 1;
  if (connections === 2) {
    socket.resetAndDestroy();
    return;
  }
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    const headEnd = received.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const length = Number(/content-length:\s*(\d+)/i.exec(received.subarray(0, headEnd).toString())?.[1] ?? 0);
    if (received.length < headEnd + 4 + length) return;
    bodiesSeen.push(received.subarray(headEnd + 4, headEnd + 4 + length).toString());
    const body = JSON.stringify({ status: 'OK', balance: 1 });
    socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
  });
  socket.on('error', () => undefined);
}

beforeAll(async () => {
  server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('calls fired together at a service that resets one connection', () => {
  it('all settle: the reset call is retried with the same body and answered', async () => {
    const context = new CheckContext(
      { baseUrl, secret: 'secret', stateUrl: `${baseUrl}/states`, operatorId: 1, balancePath: '/balance', tokenExchangePath: '/exchange', concurrency: 3, timeoutMs: 5_000 },
      'burst',
    );
    const bodies = [1, 2, 3].map((n) => ({ body: { id: `x${n}`, action: 'CREDIT', amount: n }, label: `call ${n}` }));
    const replies = await context.postTogether('/exchange', bodies);
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect(bodiesSeen.map((body) => JSON.parse(body).id).sort()).toEqual(['x1', 'x2', 'x3']);
    expect(context.exchanges.some((exchange) => /retry 1 after .*ECONNRESET/.test(exchange.label))).toBe(true);
    // The reset call's answer came from a retry sent alone: the checks must not count it as part of the race.
    expect(replies.filter((reply) => !reply.inBurst)).toHaveLength(1);
  });
});
