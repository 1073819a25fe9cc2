/**
 * Peers on the same machine and request: Stoplight Prism mocking openapi/trueplay.yaml, and WireMock (Java) with
 * one stub. Both are stateless, so the comparison is generous to them. They are installed into bench/.peers on
 * first use (never project dependencies) and skipped with a reason when that is impossible (no Java, no registry).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { acceptRound, type RoundResult } from './lib/load.js';
import { stopProcess } from './lib/processes.js';

const PEERS_DIR = resolve('bench/.peers');

export interface PeerResult {
  name: string;
  result?: RoundResult;
  skipped?: string;
}

function ensurePeersInstalled(): void {
  if (existsSync(join(PEERS_DIR, 'node_modules/.bin/prism')) && existsSync(join(PEERS_DIR, 'node_modules/wiremock/build'))) return;
  mkdirSync(PEERS_DIR, { recursive: true });
  writeFileSync(join(PEERS_DIR, 'package.json'), JSON.stringify({ name: 'bench-peers', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '@stoplight/prism-cli@5.16.0', 'wiremock@3.13.2'], { cwd: PEERS_DIR, stdio: 'inherit' });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
    server.once('error', reject);
  });
}

async function waitFor(url: string, init: RequestInit, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      const response = await fetch(url, init);
      if (response.status < 500) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function measure(name: string, command: string, args: string[], readyUrl: string, readyInit: RequestInit, url: string, seconds: number): Promise<PeerResult> {
  const child = spawn(command, args, { stdio: 'ignore' });
  try {
    await waitFor(readyUrl, readyInit, 60_000);
    await acceptRound(url, 1);
    return { name, result: await acceptRound(url, seconds) };
  } finally {
    await stopProcess(child);
  }
}

export async function benchPeers(seconds: number): Promise<PeerResult[]> {
  try {
    ensurePeersInstalled();
  } catch (error) {
    return [{ name: 'prism', skipped: `install failed: ${(error as Error).message}` }, { name: 'wiremock', skipped: 'install failed' }];
  }
  const results: PeerResult[] = [];
  const prismPort = await freePort();
  const prismUrl = `http://127.0.0.1:${prismPort}`;
  results.push(
    await measure('prism', join(PEERS_DIR, 'node_modules/.bin/prism'), ['mock', resolve('openapi/trueplay.yaml'), '-h', '127.0.0.1', '-p', String(prismPort)],
      `${prismUrl}/health`, {}, prismUrl, seconds).catch((error) => ({ name: 'prism', skipped: (error as Error).message })),
  );
  let java = true;
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    java = false;
  }
  if (!java) {
    results.push({ name: 'wiremock', skipped: 'no Java on this machine' });
    return results;
  }
  const root = resolve('bench/.peers/wiremock-root');
  mkdirSync(join(root, 'mappings'), { recursive: true });
  writeFileSync(join(root, 'mappings/accept.json'), JSON.stringify({
    request: { method: 'POST', url: '/api/v1/accept' },
    response: { status: 200, headers: { 'Content-Type': 'application/json' }, jsonBody: { status: 'OK', transactionId: 'tx', trueplayUserId: 'tp', duplicate: false } },
  }));
  const jar = readdirSync(join(PEERS_DIR, 'node_modules/wiremock/build')).find((f) => f.endsWith('.jar'))!;
  const wiremockPort = await freePort();
  const wiremockUrl = `http://127.0.0.1:${wiremockPort}`;
  results.push(
    await measure('wiremock', 'java', ['-jar', join(PEERS_DIR, 'node_modules/wiremock/build', jar), '--port', String(wiremockPort), '--bind-address', '127.0.0.1', '--root-dir', root, '--disable-banner'],
      `${wiremockUrl}/__admin/health`, {}, wiremockUrl, seconds).catch((error) => ({ name: 'wiremock', skipped: (error as Error).message })),
  );
  return results;
}
