/**
 * A service that stops reading a body it will not take (over its size limit) answers at once, if at all, and closes
 * with the rest unread: its TCP then resets the connection, and the probe's write of the rest fails (EPIPE or
 * ECONNRESET) — sometimes before the probe has read the answer that was already on its way. Python's http.server does
 * exactly that with a 413 for a body over its limit; the probe used to call the lost answer "no answer: EPIPE" and fail
 * bad-input.oversized-strings in about one run in a hundred. postRaw must tell that hang-up from silence, so the checks
 * can judge it the same however the race goes.
 *
 * A 16 MiB body cannot all be taken by the kernel's buffers (4 MiB of send buffer at most here, and an unread receiver
 * advertises far less), so the hang-up always comes while the body is still being sent. A 256 kB body is all in the
 * kernel's buffers at once, so the write has succeeded when the reset comes: that is still a cut-off (the probe used to
 * call it "no answer" because the write had finished, and failed the Python wallet's 1 MiB id one run in thirty). What
 * is not a cut-off is a service that read the whole body and closed without answering.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postRaw } from '../../src/probe/http.js';

const BODY = Buffer.alloc(16 * 1024 * 1024, 'x');
const TOO_LARGE = '{"status":"ERROR","error":{"code":"body_too_large","message":"request body is too large"}}';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Listens; for each connection, once the request head is in, does `onHead` with the rest of the body still unread. */
async function listen(onHead: (socket: Socket, bodyBytesRead: number) => void): Promise<string> {
  server = createServer((socket) => {
    socket.on('error', () => undefined);
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.pause();
      onHead(socket, Buffer.byteLength(head, 'latin1') - head.indexOf('\r\n\r\n') - 4);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/trueplay/token-exchange`;
}

const post = (url: string, body: Buffer = BODY) => postRaw({ url, body, headers: { 'content-type': 'application/json' }, timeoutMs: 10_000 });

describe('a service that hangs up before taking the whole body', () => {
  it('is told apart from no answer: the reply says the body was cut off and why', async () => {
    const url = await listen((socket) => socket.destroy());
    const { reply } = await post(url);
    expect(reply.status).toBeNull();
    expect(reply.bodyCutOff).toEqual({ bodyBytes: BODY.length });
    expect(reply.error).toMatch(/^no answer: (EPIPE|ECONNRESET): the service closed the connection before taking the whole 16777216-byte body/);
  });

  it('answering 413 first (as http.server does), it is never a bare "no answer": the 413 is read, or the cut-off is said', async () => {
    const url = await listen((socket) => {
      socket.end(`HTTP/1.1 413 Payload Too Large\r\ncontent-type: application/json\r\ncontent-length: ${TOO_LARGE.length}\r\nconnection: close\r\n\r\n${TOO_LARGE}`, () => socket.destroy());
    });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const { reply } = await post(url);
      if (reply.status === null) expect(reply.bodyCutOff).toEqual({ bodyBytes: BODY.length });
      else expect({ status: reply.status, json: reply.json }).toEqual({ status: 413, json: JSON.parse(TOO_LARGE) });
    }
  });

  it('is a cut-off too when the kernel had taken the whole body before the reset (the write had succeeded)', async () => {
    const small = Buffer.alloc(256 * 1024, 'x');
    const url = await listen((socket) => socket.destroy());
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const { reply } = await post(url, small);
      expect(reply.bodyCutOff).toEqual({ bodyBytes: small.length });
    }
  });

  it('is plain "no answer" when the service read the whole body and closed without a word', async () => {
    const small = Buffer.alloc(256 * 1024, 'x');
    const url = await listen((socket, bodyBytesRead) => {
      let unread = small.length - bodyBytesRead;
      socket.on('data', (chunk: Buffer) => {
        unread -= chunk.length;
        if (unread <= 0) socket.end();
      });
      socket.resume();
    });
    const { reply } = await post(url, small);
    expect(reply.status).toBeNull();
    expect(reply.bodyCutOff).toBeUndefined();
    expect(reply.error).toBe('no answer: ECONNRESET');
  });
});
