/** A wrong expectation fails its step with a message naming the step and both values, and the report shows the journal around it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TextReporter } from '../../src/scenarios/report/text.js';
import { runScenarioFile } from '../../src/scenarios/run.js';

const dir = mkdtempSync(join(tmpdir(), 'scenario-failure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WRONG = `name: withdrawal with a wrong expectation
setup:
  campaigns:
    welcome: { type: REGISTRATION, tokens: 100 }
  players:
    - { operatorUserId: p1, balance: 10 }
steps:
  - createUser: { operatorUserId: p1 }
  - name: withdraw everything
    withdraw: { operatorUserId: p1, tokenAmount: 100 }
    expect:
      body: { exchange: { amount: 100 } }
      casinoBalance: { p1: 110 }
  - name: never reached
    balance: { operatorUserId: p1 }
`;

describe('a failing scenario', () => {
  it('fails the step with the expectation, the expected and the actual value, and skips the rest', async () => {
    const file = join(dir, 'wrong.yaml');
    writeFileSync(file, WRONG);
    const result = await runScenarioFile(file);
    expect(result.passed).toBe(false);
    const [setup1, setup2, create, withdraw, skipped] = result.steps;
    expect([setup1!.status, setup2!.status, create!.status]).toEqual(['passed', 'passed', 'passed']);
    expect(withdraw).toMatchObject({ phase: 'steps', number: 2, name: 'withdraw everything', status: 'failed', line: 9 });
    expect(withdraw!.failures).toEqual([
      { expectation: 'body.exchange.amount', expected: 100, actual: 99, message: 'body.exchange.amount is 99, expected 100' },
      { expectation: 'casinoBalance of p1', expected: 110, actual: 109, message: 'casinoBalance of p1: it is 109, expected 110' },
    ]);
    expect(skipped).toMatchObject({ status: 'skipped', name: 'never reached' });

    let report = '';
    new TextReporter({ write: (text) => (report += text) }).scenario(result);
    expect(report).toContain('FAIL');
    expect(report).toMatch(/✗ +2 withdraw everything \(p1 withdraws 100 tokens\) → 200 \(line 9\)/);
    expect(report).toContain('body.exchange.amount is 99, expected 100');
    expect(report).toMatch(/expected: 110\n\s+actual: +109/);
    expect(report).toMatch(/journal around it:\n(.*\n)*.*trueplay->operator POST \/trueplay\/token-exchange → 200/);
    expect(report).toMatch(/-  +3 never reached \(skipped\)/);
  });

  it('a wrong status and a missing journal entry say what came instead', async () => {
    const file = join(dir, 'status.yaml');
    writeFileSync(file, `name: wrong status
steps:
  - balance: { operatorUserId: nobody }
    expect:
      journal:
        - { direction: trueplay->operator, path: /trueplay/balance }
`);
    const [step] = (await runScenarioFile(file)).steps;
    expect(step!.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(/^status is 404, expected 2xx \(USER_NOT_FOUND: .+\)$/),
      expect.stringMatching(/^journal\[0\]: 0 of this step's entries match \{"direction":"trueplay->operator","path":"\/trueplay\/balance"\}, expected at least 1$/),
    ]);
  });

  it('a reference to a value that is not there fails the step and names what exists', async () => {
    const file = join(dir, 'reference.yaml');
    writeFileSync(file, `name: bad reference
steps:
  - id: link
    loyaltyPage: { operatorUserId: p1 }
  - visit: { url: "\${steps.link.response.link}" }
`);
    const [, visit] = (await runScenarioFile(file)).steps;
    expect(visit!.failures[0]!.message).toBe('cannot fill in the step: ${steps.link.response.link}: steps.link.response has no "link" (it has: url, expiresAt)');
  });
});

describe('warnings in a scenario', () => {
  const FILE = `name: a bet in another currency
steps:
  - name: quiet about warnings
    bet: { operatorUserId: w1, transactionId: w-1, currency: EUR, amount: 10 }
  - name: expects none
    bet: { operatorUserId: w1, transactionId: w-2, currency: EUR, amount: 10 }
    expect: { warnings: [] }
`;

  it('expect.warnings fails a step whose calls carried other warnings; --fail-on-warnings fails the steps that do not name them', async () => {
    const file = join(dir, 'warned.yaml');
    writeFileSync(file, FILE);
    const plain = await runScenarioFile(file);
    expect(plain.steps.map((step) => step.status)).toEqual(['passed', 'failed']);
    expect(plain.steps[1]!.failures[0]).toMatchObject({ expectation: 'warnings', expected: [], actual: ['CURRENCY_MISMATCH'] });

    const strict = await runScenarioFile(file, { failOnWarnings: true });
    expect(strict.passed).toBe(false);
    expect(strict.steps[0]!.failures[0]).toMatchObject({ expectation: 'warnings', actual: ['CURRENCY_MISMATCH'] });
    expect(strict.steps[0]!.failures[0]!.message).toContain('--fail-on-warnings');
  });
});
