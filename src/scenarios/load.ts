/**
 * Reads a scenario file: YAML with line positions kept, checked against the zod schema, and every problem reported
 * as `file:line:column path: message` (never a stack trace). A step's kind is the one step-kind key it carries.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { scenarioSchema, stepSchemas, type ScenarioFile, type ScenarioStep, type SetupSchema } from './schema.js';
import { stepKinds, stepKindNames } from './steps/index.js';

export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  /** Where in the file's data, e.g. `steps[2].accept.amount`. */
  path: string;
  message: string;
}

export class ScenarioLoadError extends Error {
  override name = 'ScenarioLoadError';
  constructor(readonly file: string, readonly problems: ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export const formatProblem = (p: ScenarioProblem) => `${p.file}:${p.line}:${p.column} ${p.path || '(file)'}: ${p.message}`;

/** A loaded scenario: the file's fields, with each step split into its kind and parameters. */
export interface Scenario {
  file: string;
  name: string;
  description?: string;
  seed?: number | string;
  vars?: Record<string, unknown>;
  setup?: SetupSchema;
  steps: ScenarioStep[];
}

export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioLoadError(file, [{ file, line: 1, column: 1, path: '', message: `cannot read the file: ${(error as Error).message}` }]);
  }
  return parseScenario(text, file);
}

type PathSegment = string | number;
type Issue = z.core.$ZodIssue;

export function parseScenario(text: string, file = '<scenario>'): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, path: string, message: string): ScenarioProblem => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, path, message };
  };
  if (doc.errors.length > 0) {
    // The first error is the cause; the ones after it are mostly its echo.
    const first = doc.errors[0]!;
    const lineText = text.split('\n')[lineCounter.linePos(first.pos[0]).line - 1] ?? '';
    const hint = lineText.includes('${') && /[{[]/.test(lineText) ? ' (inside { } or [ ], quote values that hold ${...})' : '';
    throw new ScenarioLoadError(file, [at(first.pos[0], '', `YAML: ${first.message.split('\n')[0]}${hint}`)]);
  }
  const data = doc.toJS() as unknown;
  // An empty file (or only comments) is YAML's null: say so, not "expected object, received null".
  if (data === null || data === undefined) {
    throw new ScenarioLoadError(file, [{ file, line: 1, column: 1, path: '', message: 'empty file: a scenario needs at least a name and steps (see scenarios/README.md)' }]);
  }
  const locate = (path: PathSegment[], key?: string) => {
    const offset = offsetOf(doc, path, key);
    return (message: string) => at(offset, formatPath(key === undefined ? path : [...path, key]), message);
  };

  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  const problems: ScenarioProblem[] = parsed.success ? [] : expandStepIssues(parsed.error.issues, data).flatMap((issue) => describeIssue(issue, locate));
  if (problems.length === 0) problems.push(...crossChecks(data as ScenarioFile, locate));
  if (problems.length > 0) throw new ScenarioLoadError(file, problems.sort((a, b) => a.line - b.line || a.column - b.column));

  const scenario = data as ScenarioFile;
  return {
    file,
    name: scenario.name,
    description: scenario.description,
    seed: scenario.seed,
    vars: scenario.vars,
    setup: scenario.setup,
    steps: (scenario.steps as Record<string, unknown>[]).map((raw, index) => {
      const kind = Object.keys(raw).find((key) => Object.hasOwn(stepKinds, key))!;
      const { id, name, operator, expect } = raw as Partial<ScenarioStep>;
      return { kind, params: raw[kind] ?? {}, id, name, operator, expect, line: lineCounter.linePos(offsetOf(doc, ['steps', index])).line };
    }),
  };
}

/** A step that fits no kind gets the issues of the kind it names (or is told it names none), not the union's noise. */
function expandStepIssues(issues: readonly Issue[], data: unknown): Issue[] {
  const done = new Set<number>();
  return issues.flatMap((issue) => {
    if (issue.path[0] !== 'steps' || typeof issue.path[1] !== 'number') return [issue];
    const index = issue.path[1];
    if (done.has(index)) return [];
    done.add(index);
    return stepIssues((data as { steps: unknown[] }).steps[index], ['steps', index]);
  });
}

function stepIssues(raw: unknown, stepPath: PathSegment[]): Issue[] {
  const custom = (message: string, path = stepPath) => [{ code: 'custom', path, message, input: raw } as Issue];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return custom(`a step is a mapping with one kind key (${stepKindNames.join(', ')})`);
  const kinds = Object.keys(raw).filter((key) => Object.hasOwn(stepKinds, key));
  if (kinds.length > 1) return custom(`a step has exactly one kind; this one has ${kinds.join(', ')}`, [...stepPath, kinds[1]!]);
  if (kinds.length === 0) {
    const strange = Object.keys(raw).filter((key) => !['id', 'name', 'operator', 'expect'].includes(key));
    return strange.length
      ? custom(`unknown step kind "${strange[0]}" (known: ${stepKindNames.join(', ')})`, [...stepPath, strange[0]!])
      : custom(`the step has no kind: add one of ${stepKindNames.join(', ')}`);
  }
  const result = stepSchemas[kinds[0]!]!.safeParse(raw, { reportInput: true });
  return result.success ? [] : result.error.issues.map((inner) => ({ ...inner, path: [...stepPath, ...inner.path] }) as Issue);
}

function describeIssue(issue: Issue, locate: (path: PathSegment[], key?: string) => (message: string) => ScenarioProblem): ScenarioProblem[] {
  const path = issue.path as PathSegment[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => locate(path, key)(`unknown key "${key}"`));
  }
  if (issue.code === 'invalid_union') {
    const best = bestBranch(issue.errors);
    if (best && best.some((inner) => inner.path.length > 0)) {
      return best.flatMap((inner) => describeIssue({ ...inner, path: [...path, ...inner.path] } as Issue, locate));
    }
    // A value-or-expression union words its own message; otherwise say what each branch wanted.
    const worded = issue.errors.flat().find((inner) => inner.message.includes('${...} expression, received'));
    if (worded) return [locate(path)(worded.message)];
    const expected = [...new Set(issue.errors.flat().map(expectedOf))];
    return [locate(path)(`expected ${expected.join(' or ')}, received ${describeInput(issue.input)}`)];
  }
  return [locate(path)(issue.message.replace(/^Invalid input: /, ''))];
}

/** What one union branch wanted, in words: a type, a ${...} expression, one of some values. */
function expectedOf(issue: Issue): string {
  if (issue.code === 'invalid_type') return String(issue.expected);
  if (issue.code === 'invalid_value') return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message.replace(/^Invalid input: /, '');
}

function describeInput(value: unknown): string {
  if (value === undefined) return 'nothing';
  const type = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? `${type} ${JSON.stringify(value)}` : type;
}

/** The union branch that got furthest into the value (deepest issue path, then fewest issues). */
function bestBranch(branches: Issue[][]): Issue[] | undefined {
  const depth = (issues: Issue[]) => Math.max(0, ...issues.map((i) => i.path.length));
  return [...branches].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0];
}

/** Checks the schema cannot express: unique step ids, known operator names, references to earlier steps only. */
function crossChecks(scenario: ScenarioFile, locate: (path: PathSegment[], key?: string) => (message: string) => ScenarioProblem): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const operators = new Set(Object.keys(scenario.setup?.operators ?? {}));
  for (const [key, campaign] of Object.entries(scenario.setup?.campaigns ?? {})) {
    if (campaign.operator && !operators.has(campaign.operator)) {
      problems.push(locate(['setup', 'campaigns', key, 'operator'])(`no operator "${campaign.operator}" in setup.operators`));
    }
  }
  const seen = new Set<string>();
  (scenario.steps as Record<string, unknown>[]).forEach((step, index) => {
    const id = step.id as string | undefined;
    for (const ref of referencedSteps(step)) {
      if (!seen.has(ref) && ref !== id) problems.push(locate(['steps', index])(`refers to steps.${ref}, which is not an earlier step's id`));
    }
    if (typeof step.operator === 'string' && !operators.has(step.operator)) {
      problems.push(locate(['steps', index, 'operator'])(`no operator "${step.operator}" in setup.operators`));
    }
    if (id !== undefined) {
      if (seen.has(id)) problems.push(locate(['steps', index, 'id'])(`another step already has the id "${id}"`));
      seen.add(id);
    }
  });
  return problems;
}

function referencedSteps(value: unknown): string[] {
  const text = JSON.stringify(value) ?? '';
  return [...text.matchAll(/\$\{\s*steps\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]!);
}

/** The offset of the node at `path` (or of the key `key` inside it), falling back to the deepest node that exists. */
function offsetOf(doc: Document, path: PathSegment[], key?: string): number {
  let node: Node | null | undefined = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of key === undefined ? path : [...path, key]) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      const keyNode = pair.key as Node;
      offset = keyNode.range?.[0] ?? offset;
      if (segment === key) break;
      node = pair.value as Node | null;
      if (node?.range) offset = node.range[0];
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment] as Node;
      if (node.range) offset = node.range[0];
    } else break;
  }
  return offset;
}

export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : String(segment)), '');
}
