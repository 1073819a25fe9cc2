/**
 * How many of our files and functions one request runs through, for ARCHITECTURE.md's request paths: a BET sent
 * to POST /api/v1/accept, and a withdrawal from the loyalty page (which calls the fake wallet). Counted, not
 * read off the code: V8's precise coverage (node:inspector) is reset just before the request and taken just after
 * its answer, and every file under src/ with a function that ran counts. Both calls are made once before, so
 * lazy loading and first-call set-up are not counted. Player events are turned off: they go out after the answer.
 *
 *   node --import tsx bench/request-paths.ts        (prints the counts and, with --files, the files)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nextAcceptBody } from './lib/load.js';
import { startSandbox } from '../src/sandbox.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');

interface PathCount {
  files: string[];
  functions: number;
}

async function countWhile(session: Session, request: () => Promise<unknown>): Promise<PathCount> {
  await session.post('Profiler.takePreciseCoverage'); // resets the counters
  await request();
  const { result } = await session.post('Profiler.takePreciseCoverage');
  const files = new Set<string>();
  let functions = 0;
  for (const script of result) {
    if (!script.url.startsWith('file://')) continue;
    const path = fileURLToPath(script.url);
    if (!path.startsWith(SRC)) continue;
    const ran = script.functions.filter((fn) => fn.ranges[0]!.count > 0);
    if (ran.length === 0) continue;
    files.add(relative(ROOT, path));
    // Named functions only: a file's anonymous callbacks are parts of the named ones around them.
    functions += ran.filter((fn) => fn.functionName !== '').length;
  }
  return { files: [...files].sort(), functions };
}

async function call(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return response;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'request-paths-'));
  const sandbox = await startSandbox({ trueplayPort: 0, operatorPort: 0, db: join(dir, 'sandbox.db'), backgroundWork: false, playerEventsEnabled: false });
  const session = new Session();
  session.connect();
  try {
    const key = { 'x-api-key': sandbox.apiKey };
    const accept = () => call(`${sandbox.trueplayUrl}/api/v1/accept`, { method: 'POST', headers: key, body: nextAcceptBody() });
    await call(`${sandbox.trueplayUrl}/sandbox/campaigns`, { method: 'POST', body: JSON.stringify({ operatorId: 1, name: 'Welcome', type: 'REGISTRATION', tokens: 1000 }) });
    await call(`${sandbox.walletUrl}/sandbox/players`, { method: 'POST', body: JSON.stringify({ operatorUserId: 'paths-player', balance: 100, currency: 'USD' }) });
    const link = await (await fetch(`${sandbox.trueplayUrl}/api/v1/loyalty-page?operatorUserId=paths-player`, { headers: key })).json() as { url: string };
    const withdraw = () => call(`${link.url}/withdraw`, { method: 'POST', body: JSON.stringify({ tokenAmount: 10 }) });

    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    await accept();
    await withdraw();
    const paths = { 'POST /api/v1/accept': await countWhile(session, accept), 'a loyalty-page withdrawal': await countWhile(session, withdraw) };
    for (const [name, count] of Object.entries(paths)) {
      console.log(`${name}: ${count.files.length} files, ${count.functions} functions`);
      if (process.argv.includes('--files')) for (const file of count.files) console.log(`  ${file}`);
    }
  } finally {
    session.disconnect();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
