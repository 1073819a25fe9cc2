/**
 * Runs one scenario against a target: setup, then the steps in order, each step's `${...}` values filled from what
 * came before, its call sent, the journal entries it caused collected, and its expectations checked. The first
 * failing step stops the run (the steps after it are reported as skipped).
 */
import { Faker, base, en } from '@faker-js/faker';
import { createHash } from 'node:crypto';
import { DEMO_OPERATOR } from '../demo-operator.js';
import type { JournalEntry } from '../store/journal-store.js';
import { checkExpectations, type Failure, type Probes } from './expectations.js';
import { sendCall } from './http.js';
import { ScenarioLoadError, loadScenarioFile, type Scenario, type ScenarioProblem } from './load.js';
import type { Expectation, ScenarioStep } from './schema.js';
import { stepKinds } from './steps/index.js';
import type { ActingOperator, HttpCall, RecordedCall } from './steps/types.js';
import { openTarget, type RemoteTarget, type Target } from './target.js';
import { TemplateError, fill, type Scope } from './template.js';
import type { SandboxOptions } from '../sandbox.js';

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface StepResult {
  /** `setup` for what the file's setup block made, `steps` for its steps. */
  phase: 'setup' | 'steps';
  /** 1-based position within the phase. */
  number: number;
  id?: string;
  kind: string;
  name?: string;
  /** A one-line description of what the step did. */
  title: string;
  /** Line of the step in the file. */
  line?: number;
  status: StepStatus;
  /** The parameters after `${...}` were filled in. */
  params?: unknown;
  /** The step's own call (the last one it made) and its answer. */
  request?: RecordedCall['request'];
  response?: RecordedCall['response'];
  /** Every call the step made, auxiliary ones (e.g. asking for a loyalty link) first. */
  calls: RecordedCall[];
  /** The journal entries recorded while the step ran: its own calls and the callbacks they caused. */
  journal: JournalEntry[];
  failures: Failure[];
  /** Journal entries just before and during a failed step, for the report. */
  journalAround?: JournalEntry[];
  durationMs: number;
}

export interface ScenarioResult {
  file: string;
  name: string;
  description?: string;
  /** The faker seed used (the file's, or a random one: put it in the file to repeat the run). */
  seed?: number;
  passed: boolean;
  /** Problems in the file itself (then no step ran). */
  problems?: ScenarioProblem[];
  /** An error that stopped the run outside any step (e.g. the target could not be reached). */
  error?: string;
  /** Errors the in-process servers logged (a 5xx is a defect). */
  serverErrors: string[];
  steps: StepResult[];
  durationMs: number;
}

export type ProgressEvent =
  | { type: 'scenario-start'; file: string; name: string; totalSteps: number }
  | { type: 'step-start'; file: string; phase: 'setup' | 'steps'; number: number; total: number; title: string }
  | { type: 'step-end'; file: string; step: StepResult }
  | { type: 'scenario-end'; file: string; result: ScenarioResult };

export interface RunOptions {
  /** Run against this running sandbox (both sides are reset first) instead of one started for the file. */
  remote?: RemoteTarget;
  /** Options for the in-process sandbox. */
  sandbox?: Partial<SandboxOptions>;
  onProgress?: (event: ProgressEvent) => void;
  /** A step whose calls were accepted with warnings fails, unless its `expect.warnings` names them. */
  failOnWarnings?: boolean;
}

/** Loads a scenario file and runs it; problems in the file come back as a failed result, never as a throw. */
export async function runScenarioFile(file: string, options: RunOptions = {}): Promise<ScenarioResult> {
  const started = performance.now();
  let scenario: Scenario;
  try {
    scenario = loadScenarioFile(file);
  } catch (error) {
    if (!(error instanceof ScenarioLoadError)) throw error;
    const result: ScenarioResult = { file, name: file, passed: false, problems: error.problems, serverErrors: [], steps: [], durationMs: performance.now() - started };
    options.onProgress?.({ type: 'scenario-end', file, result });
    return result;
  }
  return runScenario(scenario, options);
}

/** Runs a loaded scenario on a fresh in-process sandbox, or on `options.remote` after resetting it. */
export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<ScenarioResult> {
  const started = performance.now();
  let target;
  try {
    target = await openTarget(options.remote, options.sandbox);
  } catch (error) {
    const result: ScenarioResult = {
      file: scenario.file, name: scenario.name, description: scenario.description, passed: false,
      error: (error as Error).message, serverErrors: [], steps: [], durationMs: performance.now() - started,
    };
    options.onProgress?.({ type: 'scenario-end', file: scenario.file, result });
    return result;
  }
  try {
    const result = await new ScenarioRun(scenario, target, options).run();
    result.serverErrors = [...target.serverErrors];
    if (result.serverErrors.length > 0) result.passed = false;
    result.durationMs = performance.now() - started;
    options.onProgress?.({ type: 'scenario-end', file: scenario.file, result });
    return result;
  } finally {
    await target.close();
  }
}

/** A step ready to run: a file step, or one the setup block stands for (with what to keep from its answer). */
interface PlannedStep extends ScenarioStep {
  phase: 'setup' | 'steps';
  number: number;
  keep?: (response: RecordedCall['response']) => void;
}

const DEMO = 'demo';
const DEFAULT = 'default';

class ScenarioRun {
  private readonly faker = new Faker({ locale: [en, base] });
  private readonly seed: number;
  private readonly operators = new Map<string, ActingOperator>();
  private readonly campaigns: Record<string, unknown> = {};
  private readonly stepRecords: Record<string, unknown> = {};
  private vars: Record<string, unknown> = {};
  private readonly journalSoFar: JournalEntry[] = [];
  private journalCursor: number | null = null;
  private generated = 0;

  constructor(private readonly scenario: Scenario, private readonly target: Target, private readonly options: RunOptions) {
    this.seed = seedOf(scenario.seed);
    this.faker.seed(this.seed);
    const demo = { ref: DEMO, operatorId: DEMO_OPERATOR.operatorId, apiKey: target.apiKey, secretKey: target.secretKey, currency: 'USD' };
    this.operators.set(DEMO, demo);
    this.operators.set(DEFAULT, { ...demo, ref: DEFAULT });
  }

  async run(): Promise<ScenarioResult> {
    const { scenario } = this;
    const result: ScenarioResult = {
      file: scenario.file, name: scenario.name, description: scenario.description, seed: this.seed,
      passed: true, serverErrors: [], steps: [], durationMs: 0,
    };
    try {
      this.vars = {};
      for (const [name, value] of Object.entries(scenario.vars ?? {})) this.vars[name] = fill(value, this.scope());
    } catch (error) {
      result.passed = false;
      result.error = `vars: ${(error as Error).message}`;
      return result;
    }
    const plan = [...this.planSetup(), ...scenario.steps.map((step, i) => ({ ...step, phase: 'steps' as const, number: i + 1 }))];
    this.options.onProgress?.({ type: 'scenario-start', file: scenario.file, name: scenario.name, totalSteps: plan.length });
    let failed = false;
    for (const step of plan) {
      if (failed) {
        result.steps.push(this.skipped(step));
        continue;
      }
      const total = step.phase === 'setup' ? plan.length - scenario.steps.length : scenario.steps.length;
      this.options.onProgress?.({ type: 'step-start', file: scenario.file, phase: step.phase, number: step.number, total, title: this.title(step) });
      const outcome = await this.runStep(step);
      result.steps.push(outcome);
      this.options.onProgress?.({ type: 'step-end', file: scenario.file, step: outcome });
      if (outcome.status === 'failed') failed = true;
    }
    result.passed = !failed;
    return result;
  }

  /** The setup block as steps: clock, operators, campaigns, wallet players, in that order. */
  private planSetup(): PlannedStep[] {
    const setup = this.scenario.setup ?? {};
    const planned: Omit<PlannedStep, 'number'>[] = [];
    const add = (step: Omit<PlannedStep, 'number' | 'phase'>) => planned.push({ ...step, phase: 'setup' });
    if (setup.clock) add({ kind: 'clock', params: { now: setup.clock }, name: 'setup: clock' });
    const operators: [string, Record<string, unknown>][] = [
      ...(setup.operator ? [[DEFAULT, setup.operator] as [string, Record<string, unknown>]] : []),
      ...Object.entries(setup.operators ?? {}),
    ];
    for (const [ref, settings] of operators) {
      add({
        kind: 'http',
        name: `setup: operator ${ref}`,
        params: {
          method: 'POST', path: '/sandbox/operators',
          // The demo secret and the fake wallet, so that the wallet can check this operator's callbacks.
          body: { name: `scenario operator ${ref}`, secretKey: this.target.secretKey, callbackBaseUrl: this.target.walletUrl, ...settings },
        },
        expect: { status: 201 },
        keep: (response) => {
          const body = response.body as { operatorId: number; apiKey: string; secretKey: string; currency: string };
          this.operators.set(ref, { ref, operatorId: body.operatorId, apiKey: body.apiKey, secretKey: body.secretKey, currency: body.currency });
        },
      });
    }
    for (const [key, { operator, ...campaign }] of Object.entries(setup.campaigns ?? {})) {
      add({
        kind: 'campaign', name: `setup: campaign ${key}`, operator,
        params: { name: key, ...campaign }, expect: { status: 201 },
        keep: (response) => { this.campaigns[key] = response.body; },
      });
    }
    for (const player of setup.players ?? []) {
      add({ kind: 'seedPlayer', name: `setup: wallet player ${player.operatorUserId}`, params: player, expect: { status: 201 } });
    }
    return planned.map((step, i) => ({ ...step, number: i + 1 }));
  }

  private scope(extra: Scope = {}): Scope {
    const operators = Object.fromEntries(this.operators);
    return {
      vars: this.vars,
      steps: this.stepRecords,
      campaigns: this.campaigns,
      operators,
      operator: this.operators.get(DEFAULT),
      target: { trueplayUrl: this.target.trueplayUrl, walletUrl: this.target.walletUrl },
      faker: this.faker,
      ...extra,
    };
  }

  private title(step: ScenarioStep): string {
    try {
      return stepKinds[step.kind]!.describe(step.params ?? {});
    } catch {
      return step.kind;
    }
  }

  private skipped(step: PlannedStep): StepResult {
    return { phase: step.phase, number: step.number, id: step.id, kind: step.kind, name: step.name, title: this.title(step), line: step.line, status: 'skipped', calls: [], journal: [], failures: [], durationMs: 0 };
  }

  private async runStep(step: PlannedStep): Promise<StepResult> {
    const started = performance.now();
    const result: StepResult = {
      phase: step.phase, number: step.number, id: step.id, kind: step.kind, name: step.name, title: this.title(step), line: step.line,
      status: 'passed', calls: [], journal: [], failures: [], durationMs: 0,
    };
    const fail = (expectation: string, message: string, expected?: unknown, actual?: unknown) => {
      result.failures.push({ expectation, expected, actual, message });
    };
    const operator = this.operators.get(step.operator ?? DEFAULT)!;
    const kind = stepKinds[step.kind]!;
    try {
      const params = fill(step.params ?? {}, this.scope({ operator }));
      result.params = params;
      result.title = kind.describe(params);
      const before = await this.journalCursorNow();
      const send = async (call: HttpCall) => {
        const recorded = await sendCall(this.target, operator, call);
        result.calls.push(recorded);
        return recorded;
      };
      const call = await kind.call(params, { operator, send, generatedId: (prefix) => `${prefix}-${String(++this.generated).padStart(4, '0')}` });
      const main = await send(call);
      result.request = main.request;
      result.response = main.response;
      result.journal = await this.journalSince(before);
      this.journalSoFar.push(...result.journal);
      const record = { status: main.response.status, response: main.response.body, headers: main.response.headers, request: main.request, params };
      if (step.id) this.stepRecords[step.id] = record;

      const expect = fill(step.expect ?? {}, this.scope({ operator, this: record })) as Expectation;
      result.failures.push(...(await checkExpectations(expect, main.response, { step: result.journal, scenario: this.journalSoFar }, this.probes(operator))));
      if (this.options.failOnWarnings && expect.warnings === undefined) {
        const warned = result.journal.flatMap((entry) => entry.warnings ?? []);
        if (warned.length > 0) {
          fail('warnings', `accepted with warnings (--fail-on-warnings): ${warned.map((w) => `${w.code}: ${w.message}`).join('; ')}`, [], warned.map((w) => w.code));
        }
      }
      if (result.failures.length === 0) step.keep?.(main.response);
    } catch (error) {
      if (error instanceof TemplateError) fail('${…}', `cannot fill in the step: ${error.message}`);
      else fail('call', `the step could not run: ${(error as Error).message}`);
    }
    if (result.failures.length > 0) {
      result.status = 'failed';
      const before = this.journalSoFar.filter((entry) => !result.journal.includes(entry)).slice(-3);
      result.journalAround = [...before, ...result.journal];
    }
    result.durationMs = performance.now() - started;
    return result;
  }

  private probes(operator: ActingOperator): Probes {
    const probe = async (call: HttpCall, field: string) => {
      this.journalCursor = null; // a probe to Trueplay is journaled: the next step must not count it
      const { response } = await sendCall(this.target, operator, call);
      return { status: response.status, value: (response.body as Record<string, unknown> | null)?.[field] };
    };
    return {
      tokenBalance: (user) => probe({ side: 'trueplay', method: 'GET', path: `/api/v1/users/${encodeURIComponent(user)}/balance`, apiKey: true }, 'tokenBalance'),
      casinoBalance: (user) => probe({ side: 'wallet', method: 'GET', path: `/sandbox/players/${encodeURIComponent(user)}` }, 'balance'),
    };
  }

  private async journalCursorNow(): Promise<number> {
    if (this.journalCursor !== null) return this.journalCursor;
    const items = await this.readJournal(1);
    this.journalCursor = items.at(-1)?.id ?? 0;
    return this.journalCursor;
  }

  private async journalSince(afterId: number): Promise<JournalEntry[]> {
    const entries = await this.readJournal(1000, afterId);
    this.journalCursor = entries.at(-1)?.id ?? afterId;
    return entries;
  }

  /** The newest `limit` entries, or with `afterId` the next ones after it (one step's worth, not the whole journal). */
  private readJournal(limit: number, afterId?: number): Promise<JournalEntry[]> {
    return this.target.readJournal(limit, afterId);
  }
}

/** The file's seed (a string is hashed to a number), or a random one. */
function seedOf(seed: number | string | undefined): number {
  if (typeof seed === 'number') return seed;
  if (typeof seed === 'string') return createHash('sha256').update(seed).digest().readUInt32BE(0);
  return Math.floor(Math.random() * 2 ** 31);
}
