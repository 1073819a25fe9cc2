/** The scenario format: the committed JSON Schema is current and agrees with the loader; bad files are reported by file, line and path. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { discoverScenarioFiles } from '../../src/scenarios/discover.js';
import { ScenarioLoadError, parseScenario } from '../../src/scenarios/load.js';
import { runScenarioFile } from '../../src/scenarios/run.js';
import { stepKindNames } from '../../src/scenarios/steps/index.js';
import { TemplateError, evaluate } from '../../src/scenarios/template.js';
import { faker } from '@faker-js/faker';
import { SCHEMA_FILE, scenarioJsonSchemaText } from '../../src/scenarios/write-json-schema.js';

const problemsOf = (text: string) => {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioLoadError);
    return (error as ScenarioLoadError).problems;
  }
  throw new Error('the scenario loaded without problems');
};

describe('scenario schema', () => {
  it('scenarios/scenario.schema.json is what `npm run schema:scenarios` writes', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8'), 'stale: run `npm run schema:scenarios`').toBe(scenarioJsonSchemaText());
  });

  it('every library file is valid under the JSON Schema editors use, as under the loader', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
    for (const file of discoverScenarioFiles(['scenarios'])) {
      const text = readFileSync(file, 'utf8');
      expect(validate(parse(text)), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(parseScenario(text, file).steps.length).toBeGreaterThan(0);
    }
  });

  it('the JSON Schema refuses what the loader refuses', () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
    expect(validate({ name: 'x', steps: [{ bet: { operatorUserId: 'p', amount: 'ten' } }] })).toBe(false);
    expect(validate({ name: 'x', steps: [{ frobnicate: {} }] })).toBe(false);
    expect(validate({ name: 'x', steps: [{ bet: { operatorUserId: 'p', amount: '${vars.stake}' } }] })).toBe(true);
  });

  it('reports a wrong value with its file, line, column and path', () => {
    const problems = problemsOf(['name: wrong amount', 'steps:', '  - bet:', '      operatorUserId: p1', '      amount: true', ''].join('\n'));
    expect(problems).toEqual([
      { file: 'bad.yaml', line: 5, column: 15, path: 'steps[0].bet.amount', message: 'expected a number or a ${...} expression, received true' },
    ]);
  });

  it('names an unknown step kind, an unknown key, a missing field and two kinds in one step, each where it is', () => {
    const problems = problemsOf([
      'name: many problems', //            1
      'steps:', //                         2
      '  - frobnicate: {}', //             3
      '  - balance: { operatorUserId: p }', // 4
      '    expect: { stauts: 200 }', //    5
      '  - deposit: { amount: 5 }', //     6
      '  - bet: { operatorUserId: p, amount: 1 }', // 7
      '    win: { operatorUserId: p, amount: 1 }', // 8
      '',
    ].join('\n'));
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [3, 'steps[0].frobnicate'],
      [5, 'steps[1].expect.stauts'],
      [6, 'steps[2].deposit.operatorUserId'],
      [8, 'steps[3].win'],
    ]);
    expect(problems[0]!.message).toMatch(/unknown step kind "frobnicate" \(known: accept, bet/);
    expect(problems[1]!.message).toBe('unknown key "stauts"');
    expect(problems[3]!.message).toBe('a step has exactly one kind; this one has bet, win');
  });

  it('knows no step kind or template name a JavaScript object merely inherits (constructor, toString, …)', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const problems = problemsOf(`name: inherited\nsteps:\n  - ${name}: {}\n`);
      expect(problems[0]!.message).toMatch(new RegExp(`unknown step kind "${name}"`));
    }
    const scope = { vars: { name: 'kept' }, faker };
    expect(evaluate('vars.name', scope)).toBe('kept');
    expect(typeof evaluate('faker.person.firstName()', scope)).toBe('string');
    // Through inherited names a scenario file could build and run a function: vars.constructor.constructor("…").
    for (const expression of ['vars.constructor', 'vars.toString', 'vars.constructor.constructor("return 1")()', 'vars.__proto__', 'faker.person.firstName.call']) {
      expect(() => evaluate(expression, scope)).toThrow(TemplateError);
    }
  });

  it('reports broken YAML, duplicate step ids and references to later steps with their lines', () => {
    expect(problemsOf('name: x\nsteps:\n  - bet: { operatorUserId: ${vars.p}, amount: 1 }\n')[0]).toMatchObject({
      line: 3, path: '', message: expect.stringContaining('quote values that hold ${...}'),
    });
    const problems = problemsOf([
      'name: ids',
      'steps:',
      '  - id: a',
      '    balance: { operatorUserId: "${steps.b.response.x}" }',
      '  - id: a',
      '    balance: { operatorUserId: p }',
      '',
    ].join('\n'));
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'refers to steps.b, which is not an earlier step\'s id'],
      [5, 'another step already has the id "a"'],
    ]);
  });

  describe('through the runner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-schema-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('a file with schema errors fails with its problems, never a stack trace, and starts no sandbox', async () => {
      const file = join(dir, 'broken.yaml');
      writeFileSync(file, 'name: broken\nsteps:\n  - clock: { now: 5 }\n');
      const result = await runScenarioFile(file);
      expect(result.passed).toBe(false);
      expect(result.steps).toEqual([]);
      expect(result.problems).toEqual([expect.objectContaining({ file, line: 3, path: 'steps[0].clock.now' })]);
      expect(JSON.stringify(result)).not.toMatch(/\n\s+at /);
    });
  });
});

describe('scenarios/README.md', () => {
  it('documents every step kind', () => {
    const readme = readFileSync('scenarios/README.md', 'utf8');
    const undocumented = stepKindNames.filter((kind) => !readme.includes(`\`${kind}\``));
    expect(undocumented).toEqual([]);
  });
});
