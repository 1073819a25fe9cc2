/** The committed pact files are exactly what `trueplay-sandbox contracts` writes from the contract scenarios today. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATOR_TRUEPLAY_PACT, staleContracts, TRUEPLAY_OPERATOR_PACT } from '../../src/contracts/generate.js';

describe('contracts/', () => {
  it('is up to date: regenerating changes nothing (run `trueplay-sandbox contracts` and commit if this fails)', async () => {
    expect(await staleContracts()).toEqual([]);
  }, 120_000);

  it('holds Pact V4 files with provider states that have params, and matchers', () => {
    for (const file of [OPERATOR_TRUEPLAY_PACT, TRUEPLAY_OPERATOR_PACT]) {
      const pact = JSON.parse(readFileSync(file, 'utf8'));
      expect(pact.metadata.pactSpecification.version).toBe('4.0');
      const states = pact.interactions.flatMap((i: any) => i.providerStates ?? []); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(states.length).toBeGreaterThan(0);
      for (const state of states) expect(Object.keys(state.params).length).toBeGreaterThan(0);
    }
    const operatorSide = JSON.parse(readFileSync(TRUEPLAY_OPERATOR_PACT, 'utf8'));
    const names = new Set(operatorSide.interactions.flatMap((i: any) => i.providerStates.map((s: any) => s.name))); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect([...names].sort()).toEqual(['a player exists', 'a token exchange was processed', 'no player exists']);
    const text = readFileSync(OPERATOR_TRUEPLAY_PACT, 'utf8');
    for (const matcher of ['"match": "datetime"', '"match": "integer"', '"match": "regex"', '"match": "type"']) expect(text).toContain(matcher);
    for (const status of [400, 401, 404, 409]) expect(text).toContain(`"status": ${status}`);
  });
});
