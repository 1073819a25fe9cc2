/**
 * The README's 5-minute tour, as its reader runs it: its own `curl` lines, through bash, against a started
 * sandbox (T and W pointed at its ports), then `record`, then the recording replayed on a fresh sandbox.
 * The sandbox runs in this process: the shell is run asynchronously, so it can answer.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { expectRoundTrip } from './support/round-trip.js';

const run = async (file: string, args: string[], env?: NodeJS.ProcessEnv) => (await promisify(execFile)(file, args, { env, encoding: 'utf8' })).stdout;

/** The shell lines of the tour's steps 1–4, in order, as the README shows them. */
function tourLines(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const tour = readme.slice(readme.indexOf('## A 5-minute tour'), readme.indexOf('**5. '));
  const blocks = [...tour.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((block) => block.split('\n')).filter((line) => line.startsWith('curl '));
}

describe('the README tour', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('runs as written, and its recording replays green with the same calls and answers', async () => {
    const lines = tourLines();
    expect(lines.length).toBeGreaterThanOrEqual(9);
    const env = { ...process.env, T: sandbox.trueplayUrl, W: sandbox.walletUrl, KEY: 'X-API-KEY: demo-api-key' };
    const outputs: string[] = [];
    for (const line of lines) outputs.push(await run('bash', ['-c', line], env));

    // What the tour says comes out: 100 welcome tokens and 0.01 of Play to Earn, then 1 of cashback and another
    // 0.01 for the wallet's bet of 5 (0.005, half-up) after the cashback day.
    const balances = outputs.filter((_, i) => lines[i]!.includes('/balance')).map((text) => JSON.parse(text).tokenBalance);
    expect(balances).toEqual([100.01, 101.02]);
    // Step 4: the link, then the withdrawal the tour describes in prose.
    const { url } = JSON.parse(outputs.at(-1)!) as { url: string };
    await run('curl', ['-s', url]);
    const withdrawal = JSON.parse(await run('curl', ['-s', '-XPOST', `${url}/withdraw`, '-d', '{"tokenAmount":100}']));
    expect(withdrawal).toMatchObject({ status: 'OK' });
    expect((await sandbox.wallet('GET', '/sandbox/players/player-1')).body.balance).toBe(50 - 5 + 2 + 99);

    const { text } = await expectRoundTrip(sandbox.trueplayUrl);
    // The clock move, the campaigns, the player and the bet are steps, not notes about what is missing.
    expect(text).toContain('advance: P1D');
    expect(text).toContain('/sandbox/bets');
    expect(text).not.toContain('Note:');
  });
});
