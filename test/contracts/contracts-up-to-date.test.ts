/** The committed pact files are exactly what `trueplay-sandbox contracts` writes from the contract scenarios today. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATOR_TRUEPLAY_PACT, PACTS, staleContracts, TRUEPLAY_OPERATOR_PACT } from '../../src/contracts/generate.js';

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

  it('says beside every interaction what it pins, in the pact and in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const spec of PACTS) {
      const pact = JSON.parse(readFileSync(new URL(`../../contracts/${spec.file}`, import.meta.url), 'utf8'));
      for (const interaction of spec.interactions) {
        const written = pact.interactions.find((i: { description: string }) => i.description === interaction.description);
        expect(written.comments.text).toEqual([interaction.pins]);
        expect(readme).toContain(`| ${interaction.description} | ${interaction.pins.replace(/^pins /, '')} |`);
      }
    }
  });

  it('pins no error code, a refusal\'s status by its class unless the interaction says why it is exact, and frees only the id segment of a path from a provider state', () => {
    const specs = new Map(PACTS.flatMap((spec) => spec.interactions.map((i) => [i.description, i] as const)));
    for (const file of [OPERATOR_TRUEPLAY_PACT, TRUEPLAY_OPERATOR_PACT]) {
      const pact = JSON.parse(readFileSync(file, 'utf8'));
      for (const interaction of pact.interactions) {
        const error = interaction.response.body?.content?.error;
        if (error) expect(interaction.response.matchingRules?.body?.['$.error.code']).toEqual({ combine: 'AND', matchers: [{ match: 'type' }] });
        const statusRule = interaction.response.matchingRules?.status;
        if (interaction.response.status >= 400 && interaction.response.status < 500) {
          expect(Boolean(error)).toBe(true);
          if (specs.get(interaction.description)!.exactStatus) {
            expect(statusRule).toBeUndefined();
            expect(interaction.comments.text[0]).toMatch(new RegExp(`^pins status ${interaction.response.status} exactly \\(`));
          } else {
            expect(statusRule).toEqual({ $: { combine: 'AND', matchers: [{ match: 'statusCode', status: 'clientError' }] } });
            expect(interaction.comments.text[0]).toMatch(/^pins any 4xx /);
          }
        } else {
          expect(statusRule).toBeUndefined();
        }
        const pathRules = interaction.request.matchingRules?.path?.matchers;
        if (pathRules) expect(pathRules).toEqual([{ match: 'regex', regex: expect.stringMatching(/^\^\/api\/v1\/campaigns\/\\d\+\/participants(\/[\w-]+)?\$$/) }]);
      }
    }
  });
});
