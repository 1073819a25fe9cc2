// Runs inside the client namespace: sends the HTTP requests the test hands it (one JSON object per line on stdin)
// from there, and answers each with what came back (one JSON line on stdout). Plain JS: it starts in milliseconds.
import { createInterface } from 'node:readline';

for await (const line of createInterface({ input: process.stdin })) {
  const { id, method, url, headers, body } = JSON.parse(line);
  let answer;
  try {
    const response = await fetch(url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(20_000) });
    // A stream never ends by itself: its first bytes are enough to see what it answers.
    const text = response.headers.get('content-type')?.startsWith('text/event-stream')
      ? await firstChunk(response)
      : await response.text();
    answer = { id, status: response.status, headers: Object.fromEntries(response.headers), text };
  } catch (error) {
    answer = { id, error: `${error.message}${error.cause ? `: ${error.cause.message ?? error.cause.code}` : ''}` };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}

async function firstChunk(response) {
  const reader = response.body.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder().decode(value ?? new Uint8Array());
}
