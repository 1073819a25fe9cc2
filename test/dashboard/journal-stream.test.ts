import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

interface StreamedEntry {
  id: number;
  path: string;
  operatorUserId: string | null;
  direction: string;
}

/**
 * Reads server-sent `entry` events until `count` arrived (or the deadline passes), then disconnects.
 * `onConnected` runs once the server's first bytes arrived, i.e. once it follows the journal.
 */
async function readEntries(url: string, count: number, headers: Record<string, string> = {}, onConnected?: () => Promise<unknown>): Promise<StreamedEntry[]> {
  const abort = new AbortController();
  const deadline = setTimeout(() => abort.abort(), 5000);
  const response = await fetch(url, { headers, signal: abort.signal });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const entries: StreamedEntry[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  let connected = false;
  try {
    const reader = response.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffer += decoder.decode(read.value, { stream: true });
      if (!connected && onConnected) {
        connected = true;
        await onConnected();
      }
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').find((line) => line.startsWith('data: '));
        if (event.includes('event: entry') && data) entries.push(JSON.parse(data.slice(6)));
      }
      if (entries.length >= count) break;
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(deadline);
    abort.abort();
  }
  return entries;
}

const bet = (operatorUserId: string, transactionId: string) => ({
  operatorUserId, transactionId, type: 'BET', referenceTransactionId: null, gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot', currency: 'USD', amount: 10,
});

describe('GET /sandbox/journal/stream', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('sends each new journal entry as it is recorded', async () => {
    const [entry] = await readEntries(`${sandbox.trueplayUrl}/sandbox/journal/stream`, 1, {}, () =>
      sandbox.api('POST', '/api/v1/accept', bet('live-1', 'live-1')));
    expect(entry).toMatchObject({ path: '/api/v1/accept', operatorUserId: 'live-1', direction: 'operator->trueplay' });
  });

  it('replays the entries after afterId first, with the same filters as /sandbox/journal', async () => {
    await sandbox.api('POST', '/api/v1/accept', bet('replay-a', 'ra-1'));
    await sandbox.api('POST', '/api/v1/accept', bet('replay-b', 'rb-1'));
    await sandbox.api('POST', '/api/v1/accept', bet('replay-a', 'ra-2'));
    const entries = await readEntries(`${sandbox.trueplayUrl}/sandbox/journal/stream?afterId=0&operatorUserId=replay-a`, 2);
    expect(entries.map((e) => e.operatorUserId)).toEqual(['replay-a', 'replay-a']);
    expect(entries[0]!.id).toBeLessThan(entries[1]!.id);
  });

  it('resumes after the Last-Event-ID of a reconnecting EventSource, which wins over afterId', async () => {
    await sandbox.api('POST', '/api/v1/accept', bet('resume', 're-1'));
    await sandbox.api('POST', '/api/v1/accept', bet('resume', 're-2'));
    const all = (await sandbox.control('GET', '/sandbox/journal?operatorUserId=resume')).body.items as StreamedEntry[];
    const entries = await readEntries(`${sandbox.trueplayUrl}/sandbox/journal/stream?afterId=0&operatorUserId=resume`, 1, {
      'last-event-id': String(all[0]!.id),
    });
    expect(entries[0]!.id).toBe(all[1]!.id);
  });

  it('refuses bad filters with 400 VALIDATION_ERROR', async () => {
    const response = await sandbox.control('GET', '/sandbox/journal/stream?status=99');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
  });
});
