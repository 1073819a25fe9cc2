import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wantsColor } from '../../src/cli/color.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { runCli } from '../support/cli.js';

const ESC = '\x1b';

describe('colour on the command line', () => {
  it('follows FORCE_COLOR, then NO_COLOR, then whether the output is a terminal', () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect(wantsColor(tty, {})).toBe(true);
    expect(wantsColor(pipe, {})).toBe(false);
    expect(wantsColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor(tty, { NO_COLOR: '' })).toBe(true); // no-color.org: set and not empty
    expect(wantsColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColor(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(wantsColor(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(wantsColor(tty, { FORCE_COLOR: 'false', NO_COLOR: '' })).toBe(false);
    expect(wantsColor(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
  });
});

describe('verify operator piped (as in CI): Pact\'s own coloured report comes out plain', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  const verify = (secret: string, env: Record<string, string | undefined>) =>
    runCli(['verify', 'operator', '--base-url', sandbox.walletUrl, '--secret', secret], { cwd: tmpdir(), env });

  it('no escape code on stdout or stderr without a terminal, and the exit code of a pass (0) kept', async () => {
    const passed = await verify(sandbox.secretKey, { NO_COLOR: undefined });
    expect(passed.stdout).toContain('Verifying a pact between trueplay and operator'); // Pact's own report, uncoloured
    expect(passed.stdout).toContain('PASSED: 7 interactions passed');
    expect(passed.stdout + passed.stderr).not.toContain(ESC);
    expect(passed.code).toBe(0);
  });

  it('nor for a failed verification, whose exit code (1) is kept', async () => {
    const failed = await verify('not-the-secret', { NO_COLOR: undefined });
    expect(failed.stdout).toContain('FAILED');
    expect(failed.stdout + failed.stderr).not.toContain(ESC);
    expect(failed.code).toBe(1);
  });

  it('FORCE_COLOR=1 keeps the colours even in a pipe', async () => {
    const forced = await verify(sandbox.secretKey, { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(forced.stdout).toContain(ESC);
    expect(forced.code).toBe(0);
  });
});
