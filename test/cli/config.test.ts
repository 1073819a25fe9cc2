import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConfigFile } from '../../src/config/find.js';
import { ConfigError, loadConfigFile } from '../../src/config/load.js';
import { runCli, spawnCli, type CliRun } from '../support/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trueplay-sandbox-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function problemsOf(file: string): ConfigError {
  try {
    loadConfigFile(file, dir);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`${file} was accepted`);
}

const GOOD_CONFIG = `
ports:
  trueplay: 0
  operator: 0
db: sandbox.db
logLevel: info
operators:
  - name: Euro casino
    apiKey: euro-key
    currency: EUR
    validation: lenient
    exchangeRate: 0.75
    withdrawalFeePercent: 2
    campaigns:
      - name: Euro welcome
        type: REGISTRATION
        tokens: 50
campaigns:
  - name: Welcome
    type: REGISTRATION
    tokens: 100
  - name: Daily cashback
    type: CASHBACK
    percent: 10
players:
  - operatorUserId: alice
    balance: 1000
  - operatorUserId: bob
    balance: 12.5
    currency: EUR
`;

describe('loading trueplay-sandbox.config.yaml', () => {
  it('finds the file in the working directory, and only names an explicit one that exists', () => {
    expect(findConfigFile(undefined, dir)).toBeUndefined();
    const file = write('trueplay-sandbox.config.yaml', GOOD_CONFIG);
    expect(findConfigFile(undefined, dir)).toBe(file);
    expect(() => findConfigFile('missing.yaml', dir)).toThrow('missing.yaml: no such file (named by --config)');
    rmSync(file);
  });

  it('reads a valid file, with defaults filled and the database next to the file', () => {
    const { config, file } = loadConfigFile(write('good.yaml', GOOD_CONFIG), dir);
    expect(file).toBe('good.yaml');
    expect(config.db).toBe(join(dir, 'sandbox.db'));
    expect(config.players).toEqual([
      { operatorUserId: 'alice', balance: 1000, currency: 'USD' },
      { operatorUserId: 'bob', balance: 12.5, currency: 'EUR' },
    ]);
    expect(config.operators[0]!.campaigns).toHaveLength(1);
  });

  it('names the line, the path and the problem, every problem at once, in file order', () => {
    const error = problemsOf(write('bad.yaml', [
      'ports:',
      '  trueplay: 70000',
      'oprators: []',
      'campaigns:',
      '  - name: Bonus',
      '    type: BONUS',
      'players:',
      '  - balance: 10',
    ].join('\n')));
    expect(error.report()).toBe([
      'invalid configuration in bad.yaml:',
      '  bad.yaml:2  ports.trueplay: Too big: expected number to be <=65535',
      '  bad.yaml:3  unknown key "oprators"',
      '  bad.yaml:6  campaigns[0].type: Invalid option: expected one of "REGISTRATION"|"KYC"|"DEPOSIT"|"CASHBACK"|"TOKEN_PURCHASE"|"CUSTOM"',
      '  bad.yaml:8  players[0].operatorUserId: is required (string)',
    ].join('\n'));
  });

  it('reports broken YAML with its line', () => {
    const error = problemsOf(write('broken.yaml', 'ports:\n  trueplay: 1\n   operator: [\n'));
    expect(error.problems[0]!.message).toMatch(/^not valid YAML: /);
    expect(error.problems[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

describe('trueplay-sandbox start with a config file', () => {
  it('exits 1 with the file, line, path and message, and no stack trace', async () => {
    write('bad-start.yaml', 'ports:\n  trueplay: http\n');
    const { code, stdout, stderr } = await runCli(['start', '--config', 'bad-start.yaml'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe([
      'invalid configuration in bad-start.yaml:',
      '  bad-start.yaml:2  ports.trueplay: Invalid input: expected number, received string',
    ].join('\n'));
    expect(stdout).toBe('');
  });

  it('checks a value shared with a flag by the flag\'s own rule', async () => {
    write('bad-ttl.yaml', 'db: ":memory:"\nloyaltyPage:\n  sessionTtl: 1 hour\n');
    const { code, stderr } = await runCli(['start', '--config', 'bad-ttl.yaml'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('bad-ttl.yaml:3  loyaltyPage.sessionTtl: "1 hour" is not an ISO 8601 duration');
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('stops with exit 1 when the sandbox refuses an entry, naming where it is in the file', async () => {
    write('refused.yaml', 'db: ":memory:"\nports: { trueplay: 0, operator: 0 }\ncampaigns:\n  - name: Deposit bonus\n    type: DEPOSIT\n');
    const { code, stderr } = await runCli(['start', '--config', 'refused.yaml', '--log-level', 'silent'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('refused.yaml:4  campaigns[0]: the sandbox refused it: 400 VALIDATION_ERROR');
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  describe('a valid file', () => {
    let run: CliRun;
    let trueplayUrl: string;
    let walletUrl: string;
    beforeAll(async () => {
      write('trueplay-sandbox.config.yaml', GOOD_CONFIG);
      // No --config: the file in the working directory is found. --log-level on the command line beats the file's.
      run = spawnCli(['start', '--log-level', 'debug'], { cwd: dir });
      const out = await run.waitForStdout('demo operator');
      trueplayUrl = /fake Trueplay\s+(http:\/\/\S+)/.exec(out)![1]!;
      walletUrl = /fake operator wallet\s+(http:\/\/\S+)/.exec(out)![1]!;
    });
    afterAll(async () => {
      run.child.kill('SIGTERM');
      await run.exited;
      rmSync(join(dir, 'trueplay-sandbox.config.yaml'));
    });

    it('applies ports, operators, campaigns and wallet players', async () => {
      expect(trueplayUrl).not.toMatch(/:4010$/);
      expect(run.stdout()).toContain('config               trueplay-sandbox.config.yaml: 1 operator(s), 3 campaign(s), 2 player(s) added');
      const overview = await (await fetch(`${trueplayUrl}/sandbox/overview`)).json();
      expect(overview.operators).toEqual([
        expect.objectContaining({ operatorId: 1, name: 'Demo Casino', validation: 'documented' }),
        expect.objectContaining({ name: 'Euro casino', apiKey: 'euro-key', currency: 'EUR', exchangeRate: 0.75, withdrawalFeePercent: 2, validation: 'lenient' }),
      ]);
      expect(overview.campaigns.map((c: { campaign: { name: string; operatorId: number } }) => [c.campaign.operatorId, c.campaign.name]))
        .toEqual([[2, 'Euro welcome'], [1, 'Welcome'], [1, 'Daily cashback']]);
      const bob = await (await fetch(`${walletUrl}/sandbox/players/bob`)).json();
      expect(bob).toEqual({ operatorUserId: 'bob', balance: 12.5, currency: 'EUR' });
    });

    it('logs one JSON line per request (stdout is not a terminal) at the command line\'s level', async () => {
      await fetch(`${trueplayUrl}/health`);
      await run.waitForStdout('"path":"/health"');
      const line = run.stdout().split('\n').find((l) => l.includes('"path":"/health"'))!;
      expect(JSON.parse(line)).toMatchObject({ level: 20, server: 'trueplay', direction: 'control', method: 'GET', path: '/health', status: 200, ms: expect.any(Number) });
    });
  });

  it('starts from the documented example, flags winning over the file\'s ports and database', async () => {
    const example = new URL('../../src/config/trueplay-sandbox.config.example.yaml', import.meta.url).pathname;
    const run = spawnCli(['start', '--config', example, '--trueplay-port', '0', '--operator-port', '0', '--db', ':memory:', '--log-level', 'silent'], { cwd: dir });
    const out = await run.waitForStdout('demo operator');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(out).toContain('1 operator(s), 3 campaign(s), 2 player(s) added');
    expect(out).not.toMatch(/:4010\b/);
  });

  it('keeps what an earlier start put in the same database', async () => {
    write('kept.yaml', GOOD_CONFIG.replace('db: sandbox.db', 'db: kept.db'));
    for (const expected of ['1 operator(s), 3 campaign(s), 2 player(s) added', '0 operator(s), 0 campaign(s), 0 player(s) added, 6 kept from the database']) {
      const run = spawnCli(['start', '--config', 'kept.yaml', '--log-level', 'silent'], { cwd: dir });
      await run.waitForStdout('demo operator');
      expect(run.stdout()).toContain(expected);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    }
  });
});
