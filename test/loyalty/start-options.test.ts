import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from 'commander';
import { parseFrameAncestors, parseLoyaltyTtl } from '../../src/cli/commands/start.js';
import { spawnCli, type CliRun } from '../support/cli.js';

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
  let run: CliRun;
  let trueplayUrl: string;

  beforeAll(async () => {
    // The CLI as a user runs it (through tsx, so no build is needed), on free ports and an in-memory database.
    run = spawnCli(['start', '--trueplay-port', '0', '--operator-port', '0', '--db', ':memory:',
      '--frame-ancestors', "'self' http://casino.test:8080", '--loyalty-ttl', 'PT5M'], { noColor: false });
    trueplayUrl = (await run.waitFor(/fake Trueplay\s+(http:\/\/127\.0\.0\.1:\d+)/))[1]!;
  });

  afterAll(async () => {
    await run.stop();
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
