/** `trueplay-sandbox run` and `record` as a CI job uses them: exit codes, the closing line, JUnit XML, --jobs, a running sandbox. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { lastLine, runCli } from '../support/cli.js';
import { startTestSandbox } from '../support/sandbox.js';

const dir = mkdtempSync(join(tmpdir(), 'scenario-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each CLI run is a fresh Node process compiling the sources with tsx: generous limits for a loaded machine.
const CLI_TIMEOUT = 120_000;

const WRONG = `name: a wrong expectation
setup:
  players: [{ operatorUserId: p1, balance: 10 }]
steps:
  - name: the casino balance is not 11
    player: { operatorUserId: p1 }
    expect: { body: { balance: 11 } }
`;

describe('trueplay-sandbox run', () => {
  it('passes a folder of files run in parallel workers and closes with the count of files', async () => {
    const folder = join(dir, 'green');
    mkdirSync(folder);
    for (const name of ['create-user.yaml', 'kyc-once-and-irreversible.yaml', 'bad-signature-refused.yaml']) {
      writeFileSync(join(folder, name), readFileSync(join('scenarios', name)));
    }
    const { code, stdout } = await runCli(['run', folder, '--jobs', '2']);
    expect(stdout).toMatch(/PASS .*create-user\.yaml/);
    expect(stdout).toMatch(/PASS .*bad-signature-refused\.yaml/);
    expect(lastLine(stdout)).toBe('3 passed, 0 failed');
    expect(code).toBe(0);
  }, CLI_TIMEOUT);

  it('exits non-zero on a failure and writes valid JUnit XML with the failing step', async () => {
    const wrong = join(dir, 'wrong.yaml');
    writeFileSync(wrong, WRONG);
    const out = join(dir, 'reports', 'junit.xml');
    const { code, stdout } = await runCli(['run', wrong, 'scenarios/create-user.yaml', '--reporter', 'junit', '--out', out]);
    expect(code).toBe(1);
    expect(lastLine(stdout)).toBe('1 passed, 1 failed');
    expect(stdout).toContain('body.balance is 10, expected 11');

    const xml = readFileSync(out, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);
    const suites = parsed.testsuites.testsuite as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(suites.map((s) => s['@_name'])).toEqual(['a wrong expectation', 'Create User Account creates once; the same call again answers the existing user']);
    expect(Number(parsed.testsuites['@_failures'])).toBe(1);
    const failed = suites[0]!.testcase.find((c: Record<string, unknown>) => c.failure);
    expect(failed['@_name']).toBe('step 1: the casino balance is not 11');
    expect(failed.failure['@_message']).toBe('body.balance is 10, expected 11');
    expect(suites[1]!.testcase.every((c: Record<string, unknown>) => !c.failure)).toBe(true);
  }, CLI_TIMEOUT);

  it('reports a file with schema errors by file, line and path, without a stack trace', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nsteps:\n  - bet: { operatorUserId: p, amount: lots }\n');
    const { code, stdout, stderr } = await runCli(['run', bad]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${bad}:3:39 steps[0].bet.amount: expected a number or a \${...} expression, received "lots"`);
    expect(`${stdout}${stderr}`).not.toMatch(/\n\s+at /);
    expect(lastLine(stdout)).toBe('0 passed, 1 failed');
  }, CLI_TIMEOUT);

  it('runs against a running sandbox, resetting it first, and `record` turns its journal into a scenario that replays', async () => {
    const sandbox = await startTestSandbox();
    try {
      await sandbox.api('POST', '/api/v1/users', { operatorUserId: 'left-over' });
      const urls = ['--trueplay-url', sandbox.trueplayUrl, '--wallet-url', sandbox.walletUrl];
      const run = await runCli(['run', 'scenarios/purchase-and-withdrawal-fees.yaml', ...urls]);
      expect(lastLine(run.stdout)).toBe('1 passed, 0 failed');
      expect(run.code).toBe(0);
      expect((await sandbox.api('GET', '/api/v1/users/left-over/balance')).status).toBe(404);

      const recorded = join(dir, 'recorded', 'purchase.yaml');
      const record = await runCli(['record', '--trueplay-url', sandbox.trueplayUrl, '--out', recorded]);
      expect(record.code).toBe(0);
      expect(existsSync(recorded)).toBe(true);
      const replay = await runCli(['run', recorded]);
      expect(lastLine(replay.stdout)).toBe('1 passed, 0 failed');
      expect(replay.code).toBe(0);
    } finally {
      await sandbox.close();
    }
  }, CLI_TIMEOUT);

  it('refuses a path that does not exist and half a remote target', async () => {
    expect((await runCli(['run', join(dir, 'nope')])).code).toBe(2);
    expect((await runCli(['run', 'scenarios', '--trueplay-url', 'http://127.0.0.1:1'])).code).toBe(2);
  }, CLI_TIMEOUT);
});
