/** The probe's vocabulary: a check (what it attacks, on what basis, and why), what it sent and got, and its verdict. */
import type { CheckContext } from './context.js';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * contract: what Trueplay's documented flow relies on; getting it wrong loses money, lets a forger in or breaks the flow.
 * hardening: good practice beyond what Trueplay sends; a finding is advice, and fails the run only with --strict.
 */
export const BASES = ['contract', 'hardening'] as const;
export type Basis = (typeof BASES)[number];

/** What goes wrong in production when a check fails; src/probe/severity.ts turns it into a severity. */
export const HARMS = ['money-moves-wrongly', 'forged-call-honoured', 'flow-breaks', 'exposure', 'convention'] as const;
export type Harm = (typeof HARMS)[number];

export const FAMILIES = ['happy-path', 'idempotency', 'signature', 'bad-input', 'concurrency', 'resilience', 'player-events'] as const;
export type Family = (typeof FAMILIES)[number];

export interface Check {
  /** Stable id, `family.name`, used in reports, JUnit and tests. */
  id: string;
  family: Family;
  title: string;
  basis: Basis;
  /** Why this is contract or hardening: what in Trueplay's documented flow it rests on, or why it is only good practice. */
  basisReason: string;
  /** The worst that a failure of this check means (its severity, by src/probe/severity.ts). */
  harm: Harm;
  /** Why it matters in production, in one or two sentences a wallet developer can act on. */
  why: string;
  run(ctx: CheckContext): Promise<void>;
}

/** What the operator service is and how to reach it. */
export interface ProbeTarget {
  baseUrl: string;
  secret: string;
  stateUrl: string;
  /** Sent as a bearer token to the state URL: a sandbox's wallet off loopback locks its /sandbox/... (never in reports). */
  controlToken?: string;
  operatorId: number;
  balancePath: string;
  tokenExchangePath: string;
  /** The operator's player-event path, when it takes Trueplay's optional events; the player-event checks run only then. */
  playerEventPath?: string;
  /** How many requests the concurrency checks fire at once. */
  concurrency: number;
  /** Per-request deadline; a service that does not answer in time fails the check. */
  timeoutMs: number;
}

/** One request the probe made and what came back; bodies are kept as text for people to read. */
export interface Exchange {
  /** setup: seeding through the state URL; probe: the call under test; verify: reading the outcome back. */
  purpose: 'setup' | 'probe' | 'verify';
  label: string;
  request: { method: string; url: string; headers: Record<string, string>; body: string; bodyBytes: number };
  response: { status: number | null; body: string; error?: string; durationMs: number };
}

export interface CheckResult {
  id: string;
  family: Family;
  title: string;
  basis: Basis;
  basisReason: string;
  /** The check's own severity when it passed; when it failed, that of the worst harm actually seen. */
  severity: Severity;
  why: string;
  passed: boolean;
  /** Why it failed (every broken expectation), or what was confirmed when it passed. */
  reason: string;
  problems: string[];
  exchanges: Exchange[];
  durationMs: number;
}

export interface ProbeReport {
  target: Omit<ProbeTarget, 'secret'>;
  runId: string;
  startedAt: string;
  durationMs: number;
  results: CheckResult[];
}
