/** A user off the README's path: the wrong server for `record`, an empty scenario file. The CLI says what is wrong. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { runInProcess } from './run-in-process.js';

const run = runInProcess;

describe('the command line on the wrong input', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('record pointed at the fake wallet says it is the wallet and how to name the fake Trueplay', async () => {
    const { exitCode, output } = await run(['record', '--trueplay-url', sandbox.walletUrl]);
    expect(exitCode).toBe(1);
    expect(output).toContain(`${sandbox.walletUrl} is the fake operator wallet, not the fake Trueplay`);
    expect(output).toContain('--trueplay-url the "fake Trueplay" URL that `trueplay-sandbox start` prints (http://127.0.0.1:<trueplay port>');
    // The wallet itself knows where its Trueplay is, and says so in its 404.
    expect(output).toMatch(new RegExp(`this is the fake operator wallet; /sandbox/\\S+ is the fake Trueplay's, at ${sandbox.trueplayUrl}`));
  });

  it('record pointed at the fake Trueplay still works (the hint is only for the wallet)', async () => {
    await sandbox.api('POST', '/api/v1/accept', { operatorUserId: 'p', transactionId: 't', type: 'BET', gameType: 'Slot', currency: 'USD', amount: 1 });
    const { exitCode, output } = await run(['record', '--trueplay-url', sandbox.trueplayUrl]);
    expect(exitCode).toBe(0);
    expect(output).toContain('transactionId: t');
  });

  it.each([['empty', ''], ['only comments', '# nothing yet\n']])('run of an %s scenario file says "empty file"', async (_what, text) => {
    const dir = mkdtempSync(join(tmpdir(), 'empty-scenario-'));
    const file = join(dir, 'empty.yaml');
    writeFileSync(file, text);
    const { exitCode, output } = await run(['run', file]).finally(() => rmSync(dir, { recursive: true, force: true }));
    expect(exitCode).not.toBe(0);
    expect(output).toContain(`${file}:1:1 (file): empty file`);
    expect(output).not.toContain('received null');
  });
});
