/**
 * Where a scenario runs: a sandbox started in this process for the one file (fresh temp database, ports 0), or a
 * running sandbox given by its URLs, which is reset on both sides first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_OPERATOR } from '../demo-operator.js';
import { startSandbox, type SandboxOptions } from '../sandbox.js';
import type { JournalEntry } from '../store/journal-store.js';
import { controlHeaders, refusedFor } from '../http/control-access.js';

export interface Target {
  trueplayUrl: string;
  walletUrl: string;
  /** A running sandbox's control token (none in process). */
  controlToken?: string;
  /** The demo operator's credentials (operatorId 1) on this target. */
  apiKey: string;
  secretKey: string;
  /** The newest `limit` journal entries, or with `afterId` the next ones after it. */
  readJournal(limit: number, afterId?: number): Promise<JournalEntry[]>;
}

export interface RemoteTarget {
  trueplayUrl: string;
  walletUrl: string;
  apiKey?: string;
  secretKey?: string;
  controlToken?: string;
}

export interface OpenTarget extends Target {
  /** Errors the in-process servers logged while the scenario ran (a 5xx is a defect: they say why). */
  serverErrors: string[];
  close(): Promise<void>;
}

/** Exchange retries back off quickly so that fault scenarios run in milliseconds, not seconds. */
export const IN_PROCESS_OPTIONS: Partial<SandboxOptions> = { exchangeBackoffMs: 10, exchangeTimeoutMs: 2000 };

export async function openTarget(remote?: RemoteTarget, sandboxOptions: Partial<SandboxOptions> = {}): Promise<OpenTarget> {
  if (remote) {
    const target = {
      trueplayUrl: remote.trueplayUrl.replace(/\/+$/, ''),
      walletUrl: remote.walletUrl.replace(/\/+$/, ''),
      apiKey: remote.apiKey ?? DEMO_OPERATOR.apiKey,
      secretKey: remote.secretKey ?? DEMO_OPERATOR.secretKey,
      controlToken: remote.controlToken,
    };
    await resetSide(target.trueplayUrl, target.controlToken);
    await resetSide(target.walletUrl, target.controlToken);
    return { ...target, readJournal: (limit, afterId) => readJournalOver(target.trueplayUrl, limit, afterId, target.controlToken), serverErrors: [], close: async () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'trueplay-scenario-'));
  const serverErrors: string[] = [];
  try {
    const sandbox = await startSandbox({
      db: join(dir, 'sandbox.db'),
      trueplayPort: 0,
      operatorPort: 0,
      ...IN_PROCESS_OPTIONS,
      ...sandboxOptions,
      logError: (error) => serverErrors.push(error instanceof Error ? (error.stack ?? error.message) : String(error)),
    });
    // In process the journal is followed as it is written, not read over HTTP or from the table after each step.
    const journal = sandbox.journal.follow();
    return {
      trueplayUrl: sandbox.trueplayUrl,
      walletUrl: sandbox.walletUrl,
      apiKey: sandbox.apiKey,
      secretKey: sandbox.secretKey,
      // Player events a step caused are sent after its answer; waiting for them makes the step's journal hold them,
      // without a race.
      readJournal: async (limit, afterId) => {
        await sandbox.trueplay.drain();
        return afterId === undefined ? sandbox.journal.list({ limit }) : journal.next(afterId, limit);
      },
      serverErrors,
      async close() {
        journal.close();
        await sandbox.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function readJournalOver(trueplayUrl: string, limit: number, afterId: number | undefined, controlToken: string | undefined): Promise<JournalEntry[]> {
  const after = afterId === undefined ? '' : `&afterId=${afterId}`;
  const response = await fetch(`${trueplayUrl}/sandbox/journal?limit=${limit}${after}`, { headers: controlHeaders(controlToken) });
  if (response.status !== 200) throw new Error(`GET /sandbox/journal answered ${response.status}${refusedFor(response)}`);
  return ((await response.json()) as { items: JournalEntry[] }).items;
}

async function resetSide(baseUrl: string, controlToken: string | undefined): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/sandbox/reset`, { method: 'POST', headers: controlHeaders(controlToken) });
  } catch (error) {
    throw new Error(`cannot reach ${baseUrl} to reset it: ${(error as Error).message}`);
  }
  if (response.status !== 204) throw new Error(`POST ${baseUrl}/sandbox/reset answered ${response.status}, expected 204${refusedFor(response)}`);
}
