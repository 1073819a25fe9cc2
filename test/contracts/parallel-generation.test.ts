/**
 * Four contract generations at once, each its own process, as parallel CI jobs or test files on one host run them.
 * This used to fail about one run in two with "expected but not received": Pact's mock server answers before it
 * records the call, and the verdict could come first on a busy machine (src/contracts/pact-writer.ts waits for the
 * record). Every generation must succeed, with no retry, and write the same files.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const root = resolve(import.meta.dirname, '../..');
const folders = Array.from({ length: 4 }, () => mkdtempSync(join(tmpdir(), 'trueplay-parallel-pacts-')));
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe('contracts written by four generations at once', () => {
  it('all succeed and agree with each other', async () => {
    const runs = await Promise.all(folders.map((folder) => runCli(['contracts', '--out', folder], { cwd: root })));
    for (const run of runs) expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    for (const file of ['operator-trueplay.json', 'trueplay-operator.json']) {
      const texts = folders.map((folder) => readFileSync(join(folder, file), 'utf8'));
      expect(new Set(texts).size).toBe(1);
      expect(JSON.parse(texts[0]!).interactions.length).toBeGreaterThan(0);
    }
  }, 240_000);
});
