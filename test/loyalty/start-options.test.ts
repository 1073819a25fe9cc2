import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from 'commander';
import { parseFrameAncestors, parseLoyaltyTtl } from '../../src/cli/commands/start.js';

describe('start --loyalty-ttl / --frame-ancestors parsing', () => {
  it('reads a TTL as an ISO 8601 duration', () => {
    expect(parseLoyaltyTtl('PT1H')).toBe(3_600_000);
    expect(parseLoyaltyTtl('PT90S')).toBe(90_000);
    expect(parseLoyaltyTtl('P1D')).toBe(86_400_000);
  });

  it('refuses a TTL that is not a duration, or is zero', () => {
    expect(() => parseLoyaltyTtl('1h')).toThrow(InvalidArgumentError);
    expect(() => parseLoyaltyTtl('1h')).toThrow(/not an ISO 8601 duration/);
    expect(() => parseLoyaltyTtl('PT0S')).toThrow(InvalidArgumentError);
  });

  it('takes a source list and tidies its spaces', () => {
    expect(parseFrameAncestors('*')).toBe('*');
    expect(parseFrameAncestors("  'self'   https://casino.example ")).toBe("'self' https://casino.example");
    expect(parseFrameAncestors("'none'")).toBe("'none'");
    expect(parseFrameAncestors('https: http://127.0.0.1:* https://*.casino.example/lobby')).toBe('https: http://127.0.0.1:* https://*.casino.example/lobby');
  });

  it('refuses anything that could end the directive or the header', () => {
    for (const bad of ['', '   ', "'self'; script-src *", 'https://a.example, https://b.example', 'https://a.example\r\nSet-Cookie: x=1', "'unsafe-inline'", 'https://a b"c']) {
      expect(() => parseFrameAncestors(bad), JSON.stringify(bad)).toThrow(InvalidArgumentError);
    }
  });
});

describe('trueplay-sandbox start with both options', () => {
  let child: ChildProcess;
  let trueplayUrl: string;

  beforeAll(async () => {
    // The CLI as a user runs it (through tsx, so no build is needed), on free ports and an in-memory database.
    const entry = "const { main } = await import('./src/cli/main.ts'); await main(['node', 'trueplay-sandbox', ...process.argv.slice(1)]);";
    child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', entry,
      'start', '--trueplay-port', '0', '--operator-port', '0', '--db', ':memory:',
      '--frame-ancestors', "'self' http://casino.test:8080", '--loyalty-ttl', 'PT5M'], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    // Keep reading both streams for the child's whole life: a closed pipe would kill it on its next log line.
    let output = '';
    const started = new Promise<void>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk;
        const match = /fake Trueplay\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match && !trueplayUrl) {
          trueplayUrl = match[1]!;
          resolve();
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', () => reject(new Error(`the sandbox exited:\n${output}`)));
    });
    await started;
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('serves the loyalty page with that frame-ancestors and hands out links that live that long', async () => {
    // A frozen clock, so the link's life can be read exactly.
    const now = '2026-03-02T09:00:00.000Z';
    const set = await fetch(`${trueplayUrl}/sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now }) });
    expect(set.status).toBe(200);
    const link = await (await fetch(`${trueplayUrl}/api/v1/loyalty-page?operatorUserId=cli-1`, { headers: { 'x-api-key': 'demo-api-key' } })).json();
    expect(Date.parse(link.expiresAt) - Date.parse(now)).toBe(300_000);
    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/; frame-ancestors 'self' http:\/\/casino\.test:8080$/);
  });
});
