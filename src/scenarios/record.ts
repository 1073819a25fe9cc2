/**
 * Journal → scenario: turns what a running sandbox journaled into a scenario file that replays the session on a
 * fresh sandbox. Every change of state the sandbox makes comes from a journaled call (operator, player, control on
 * either server), so the file is built from the journal alone, by construction:
 * - the clock is pinned where the session started, and moved wherever the session's own clock was when each call
 *   came (a session that followed real time replays at the same instants);
 * - operators that act in it are set up as they were created (keys and secrets included), campaigns, wallet
 *   players, faults, bets and status moves are replayed as the control calls they were, in order;
 * - every call's observed answer is its expectation; volatile values (user ids, links, generated ids, timestamps)
 *   are captured where they first appear and referred to afterwards, never asserted;
 * - Trueplay's calls to the operator that a call caused become that step's journal expectations.
 */
import { Document } from 'yaml';
import { controlHeaders, refusedFor } from '../http/control-access.js';
import { DEMO_OPERATOR } from '../demo-operator.js';
import { refusal } from '../domain/errors.js';
import { Decimal } from '../domain/money.js';
import { WALLET_ORIGIN_HEADER, type JournalEntry } from '../store/journal-store.js';
import { stepSchemas } from './schema.js';

export interface RecordedCampaign {
  id: number;
  operatorId: number;
  name: string;
  type: string;
  status: string;
  tokens: number | null;
  percent: number | null;
  period: string | null;
  startsAt: string;
  endsAt: string | null;
  maxUsers: number | null;
}

export interface RecordedOperator {
  operatorId: number;
  name: string;
  apiKey: string;
  secretKey?: string;
  callbackBaseUrl?: string | null;
  currency: string;
  exchangeRate: number;
  withdrawalFeePercent: number;
  purchaseFeePercent: number;
  playToEarnPercent?: number;
  holdToEarn?: { periods: Record<'PT8H' | 'P1D' | 'P3D', number>; maxStakePerUser: number };
  validation?: 'documented' | 'lenient';
  balancePath: string;
  tokenExchangePath: string;
  playerEventPath: string;
  playerEventsEnabled?: boolean;
}

/** What the recorder reads from a running sandbox. */
export interface SandboxSnapshot {
  source: string;
  /** The whole journal, oldest first. */
  journal: JournalEntry[];
  campaigns: RecordedCampaign[];
  operators: RecordedOperator[];
}

export interface RecordOptions {
  /** Replay only this operator's API and loyalty page calls (default: everyone's). */
  operatorId?: number;
  name?: string;
}

/** Entries per journal read; the recorder pages through the whole journal. */
const PAGE = 1000;

export async function readSandboxSnapshot(trueplayUrl: string, controlToken?: string): Promise<SandboxSnapshot> {
  const base = trueplayUrl.replace(/\/+$/, '');
  const get = async <T>(path: string): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { headers: controlHeaders(controlToken) });
    } catch (error) {
      throw new Error(`cannot reach ${base}: ${(error as Error).message}`);
    }
    if (response.status !== 200) {
      const message = ((await response.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message;
      throw new Error(`GET ${base}${path} answered ${response.status}${message ? ` (${message})` : ''}${refusedFor(response)}${await walletHint(base)}`);
    }
    return (await response.json()) as T;
  };
  const [journal, campaigns, operators] = await Promise.all([
    readWholeJournal((afterId) => get<{ items: JournalEntry[] }>(`/sandbox/journal?limit=${PAGE}&afterId=${afterId}`).then((page) => page.items)),
    get<{ items: RecordedCampaign[] }>('/sandbox/campaigns'),
    get<{ items: RecordedOperator[] }>('/sandbox/operators'),
  ]);
  return { source: base, journal, campaigns: campaigns.items, operators: operators.items };
}

/** Every entry, oldest first, read a page at a time after the last id seen. */
export async function readWholeJournal(page: (afterId: number) => Promise<JournalEntry[]> | JournalEntry[]): Promise<JournalEntry[]> {
  const all: JournalEntry[] = [];
  for (;;) {
    const items = await page(all.at(-1)?.id ?? 0);
    all.push(...items);
    if (items.length < PAGE) return all;
  }
}

/** When `base` is the fake wallet (it serves the wallet-only GET /sandbox/player-events), how to name the fake Trueplay instead. */
async function walletHint(base: string): Promise<string> {
  const wallet = await fetch(`${base}/sandbox/player-events`).then((r) => r.status === 200, () => false);
  return wallet
    ? `\n${base} is the fake operator wallet, not the fake Trueplay: record reads the fake Trueplay's journal. ` +
      'Give --trueplay-url the "fake Trueplay" URL that `trueplay-sandbox start` prints (http://127.0.0.1:<trueplay port>, by default http://127.0.0.1:4010).'
    : '';
}

/** Reads a running sandbox and returns the scenario file's text. */
export async function recordScenario(trueplayUrl: string, options: RecordOptions = {}): Promise<string> {
  return renderScenario(journalToScenario(await readSandboxSnapshot(trueplayUrl), options));
}

export interface RecordedScenario {
  /** The scenario as data (the same shape as a file). */
  scenario: Record<string, unknown>;
  /** What the recording could not reproduce, for the file's header. */
  notes: string[];
  calls: number;
  source: string;
}

/** Ids and secrets that differ from run to run: captured where they first appear, referred to afterwards. */
const IDENTITIES = new Set(['trueplayUserId', 'url', 'exchangeId', 'requestId', 'apiKey', 'secretKey']);
/** Times that differ from run to run (or are the clock's own reading): not asserted. */
const TIMES = new Set(['expiresAt', 'createdAt', 'addedAt', 'startsAt', 'endsAt', 'at', 'receivedAt', 'updatedAt', 'now']);
/** Generated ids (a bet's transactionId when none was given, exchange ids): captured, never asserted. */
const GENERATED = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const API = '/api/v1';
const OPERATOR_SETTINGS = ['name', 'apiKey', 'secretKey', 'callbackBaseUrl', 'balancePath', 'tokenExchangePath', 'playerEventPath',
  'playerEventsEnabled', 'currency', 'exchangeRate', 'withdrawalFeePercent', 'purchaseFeePercent', 'validation',
  'playToEarnPercent', 'holdToEarn'] as const;

type Step = Record<string, unknown>;

export function journalToScenario(snapshot: SandboxSnapshot, options: RecordOptions = {}): RecordedScenario {
  return new Recorder(snapshot, options).record();
}

class Recorder {
  private readonly notes: string[] = [];
  private readonly steps: Step[] = [];
  /** Volatile value → the expression naming where it first appeared. */
  private readonly captured = new Map<string, string>();
  /** Campaign id in the session → its expression in the replay. */
  private readonly campaignExpr = new Map<number, string>();
  /** Operator id in the session → its key in setup.operators (the demo operator is itself). */
  private readonly operatorKey = new Map<number, string>();
  private readonly setupOperators: Record<string, Record<string, unknown>> = {};
  private readonly setupCampaigns: Record<string, Record<string, unknown>> = {};
  /** Loyalty session token → the expression of the link holding it. */
  private readonly sessionLink = new Map<string, string>();
  /** Wallet players the replay creates itself before it needs them (seeded by a journaled control call). */
  private readonly seededPlayers = new Set<string>();
  private readonly inferredPlayers = new Map<string, { operatorUserId: string; balance: number; currency: string }>();
  private readonly walletUrl: string | undefined;
  private readonly operators: Map<number, RecordedOperator>;
  private replayClock: number | null = null;
  private pinnedClock: string | undefined;
  private pinnedByMove = false;
  private pendingCallbacks: JournalEntry[] = [];
  private backgroundCallbacks = 0;

  constructor(private readonly snapshot: SandboxSnapshot, private readonly options: RecordOptions) {
    this.operators = new Map(snapshot.operators.map((o) => [o.operatorId, o]));
    this.walletUrl = this.operators.get(DEMO_OPERATOR.operatorId)?.callbackBaseUrl ?? undefined;
  }

  record(): RecordedScenario {
    const { snapshot, options } = this;
    const journal = this.withoutLeadingResets(snapshot.journal);
    this.operatorsBeforeTheJournal(journal);
    this.campaignsBeforeTheJournal(journal);
    for (const entry of journal) this.replay(entry);
    // A session that only set the clock is that move.
    if (this.steps.length === 0 && this.pinnedByMove) this.steps.push({ clock: { now: this.pinnedClock }, expect: { status: 200 } });
    if (this.steps.length === 0) {
      throw refusal('NOTHING_TO_RECORD', options.operatorId === undefined
        ? 'the journal holds no call to replay: use the sandbox (or follow the README tour), then record'
        : `the journal holds no call of operator ${options.operatorId} to replay`);
    }
    if (this.backgroundCallbacks > 0) {
      this.notes.push(`${this.backgroundCallbacks} call(s) to the operator came from background work (retries of pending exchanges), not from a journaled call; they are not expected here`);
    }
    const setup: Record<string, unknown> = {};
    if (this.pinnedClock) setup.clock = this.pinnedClock;
    if (Object.keys(this.setupOperators).length > 0) setup.operators = this.setupOperators;
    if (Object.keys(this.setupCampaigns).length > 0) setup.campaigns = this.setupCampaigns;
    if (this.inferredPlayers.size > 0) setup.players = [...this.inferredPlayers.values()];
    const scenario: Record<string, unknown> = {
      name: options.name ?? `Recorded session from ${snapshot.source}`,
      description: `Replays ${this.steps.length} steps recorded by trueplay-sandbox record from the journal alone, with the answers observed then as expectations.`,
      ...(Object.keys(setup).length > 0 ? { setup } : {}),
      steps: this.steps,
    };
    dropUnreferencedIds(scenario);
    return { scenario, notes: this.notes, calls: this.steps.length, source: snapshot.source };
  }

  /** The run resets both sides first: the resets a journal starts with (Trueplay's empties it) are that. */
  private withoutLeadingResets(journal: JournalEntry[]): JournalEntry[] {
    let start = 0;
    while (start < journal.length && isReset(journal[start]!)) start++;
    return journal.slice(start);
  }

  /** Operators that act in the session but were not created in it come from the sandbox's current settings. */
  private operatorsBeforeTheJournal(journal: JournalEntry[]): void {
    const created = new Set(journal.filter((e) => isControl(e, 'trueplay', 'POST', '/sandbox/operators') && e.status === 201)
      .map((e) => (e.responseBody as { operatorId?: number }).operatorId));
    const acting = new Set(journal.map((e) => e.operatorId).filter((id): id is number => id !== null && id !== DEMO_OPERATOR.operatorId));
    for (const id of acting) {
      const operator = this.operators.get(id);
      if (created.has(id) || !operator) continue;
      this.addSetupOperator(id, operator as unknown as Record<string, unknown>);
      this.notes.push(`operator ${id} existed before the journal began: it is set up with its settings as they are now`);
    }
  }

  /** Campaigns not created in the session come from the sandbox's current campaigns. */
  private campaignsBeforeTheJournal(journal: JournalEntry[]): void {
    const created = new Set(journal.filter((e) => isControl(e, 'trueplay', 'POST', '/sandbox/campaigns') && e.status === 201)
      .map((e) => (e.responseBody as { id?: number }).id));
    const old = this.snapshot.campaigns.filter((c) => !created.has(c.id) && this.replays(c.operatorId));
    for (const c of old) {
      const key = `c${c.id}`;
      const operator = c.operatorId === DEMO_OPERATOR.operatorId ? undefined : this.operatorKey.get(c.operatorId);
      this.setupCampaigns[key] = { ...campaignSetup(c), ...(operator ? { operator } : {}) };
      this.campaignExpr.set(c.id, `\${campaigns.${key}.id}`);
    }
    if (old.length > 0) this.notes.push(`campaigns ${old.map((c) => c.id).join(', ')} existed before the journal began: they are set up as they are now (${old.map((c) => c.status).join(', ')})`);
  }

  private replays(operatorId: number | null): boolean {
    return this.options.operatorId === undefined || operatorId === null || operatorId === this.options.operatorId;
  }

  private replay(entry: JournalEntry): void {
    if (entry.direction === 'trueplay->operator') {
      this.inferPlayer(entry);
      const operator = entry.operatorId === null ? undefined : this.operators.get(entry.operatorId);
      if (entry.path !== operator?.playerEventPath) this.pendingCallbacks.push(entry);
      return;
    }
    if (entry.direction === 'operator->trueplay' && entry.requestHeaders[WALLET_ORIGIN_HEADER] === 'wallet') return;
    if (entry.direction !== 'control' && !this.replays(entry.operatorId)) return;
    if (isControl(entry, 'trueplay', 'POST', '/sandbox/operators') && entry.status === 201) {
      this.pinClock(entry);
      const created = entry.responseBody as Record<string, unknown>;
      const settings = { ...(entry.requestBody as Record<string, unknown>), apiKey: created.apiKey, secretKey: created.secretKey };
      this.addSetupOperator(created.operatorId as number, settings);
      return;
    }
    // A session that began by setting the clock started there: the pin is that move.
    if (this.pinnedClock === undefined && isControl(entry, 'trueplay', 'POST', '/sandbox/clock') && entry.status === 200
      && typeof (entry.requestBody as { now?: unknown } | null)?.now === 'string') {
      this.pinnedClock = (entry.responseBody as { now: string }).now;
      this.replayClock = Date.parse(this.pinnedClock);
      this.pinnedByMove = true;
      return;
    }
    this.pinClock(entry);
    this.followClock(entry);
    const stepId = `s${this.steps.length + 1}`;
    const callbacks = this.callbacksOf(entry);
    const step = entry.direction === 'control' ? this.controlStep(entry, stepId) : this.callStep(entry);
    const expect: Record<string, unknown> = { status: entry.status };
    const body = this.expectedBody(entry, stepId);
    // A move back to real time replays as a frozen move to the instant it reached (see controlStep).
    if (isObject(body) && (entry.requestBody as { realTime?: unknown } | null)?.realTime === true && entry.path === '/sandbox/clock') delete body.frozen;
    if (body !== undefined && !(typeof body === 'object' && body !== null && Object.keys(body).length === 0)) expect.body = body;
    const journal = callbackExpectations(callbacks);
    if (journal.length > 0) expect.journal = journal;
    // What looked wrong then is part of what was observed: a fix shows up as this expectation failing.
    if ((entry.warnings ?? []).length > 0) expect.warnings = [...new Set(entry.warnings.map((w) => w.code))];
    this.steps.push({ id: stepId, ...step, expect });
    this.afterStep(entry, stepId);
  }

  /** The session starts where its first replayed call found the clock. */
  private pinClock(entry: JournalEntry): void {
    if (this.pinnedClock !== undefined) return;
    this.pinnedClock = entry.at;
    this.replayClock = Date.parse(entry.at);
  }

  /** Where the session's clock ran on (it followed real time), the replay's frozen one is moved to the same instant. */
  private followClock(entry: JournalEntry): void {
    const at = Date.parse(entry.at);
    if (this.replayClock === null || at === this.replayClock) return;
    this.steps.push({ clock: { now: entry.at }, expect: { status: 200 } });
    this.replayClock = at;
  }

  /**
   * The calls to the operator journaled since the last replayed call are the ones this call caused, when they
   * ended while it was being answered; earlier ones came from background work (retries), which the replay lacks.
   */
  private callbacksOf(entry: JournalEntry): JournalEntry[] {
    const arrived = Date.parse(entry.realAt) - entry.durationMs - 1;
    const caused = this.pendingCallbacks.filter((c) => Date.parse(c.realAt) >= arrived);
    this.backgroundCallbacks += this.pendingCallbacks.length - caused.length;
    this.pendingCallbacks = [];
    return caused;
  }

  private addSetupOperator(id: number, settings: Record<string, unknown>): void {
    const key = `o${id}`;
    const picked: Record<string, unknown> = {};
    for (const name of OPERATOR_SETTINGS) {
      const value = settings[name];
      // The default strictness goes without saying (as in a file written by hand).
      if (value === undefined || value === null || (name === 'validation' && value === 'documented')) continue;
      picked[name] = name === 'callbackBaseUrl' ? this.localise(value) : escapeTemplates(value);
    }
    this.setupOperators[key] = picked;
    this.operatorKey.set(id, key);
  }

  private operatorRef(id: unknown): unknown {
    const key = typeof id === 'number' && id !== DEMO_OPERATOR.operatorId ? this.operatorKey.get(id) : undefined;
    return key ? `\${operators.${key}.operatorId}` : id;
  }

  private campaignRef(id: unknown): unknown {
    return this.campaignExpr.get(Number(id)) ?? id;
  }

  /**
   * The operator whose own key the call carried (found by the key when the call was refused before the key was
   * checked, e.g. by an injected fault); undefined for a call with no key or a wrong one.
   */
  private operatorOf(entry: JournalEntry): RecordedOperator | undefined {
    const key = entry.requestHeaders['x-api-key'];
    if (key === undefined) return undefined;
    const operator = entry.operatorId === null ? [...this.operators.values()].find((o) => o.apiKey === key) : this.operators.get(entry.operatorId);
    return operator?.apiKey === key ? operator : undefined;
  }

  /** The step `operator:` field for a call by a set-up operator. */
  private actingAs(entry: JournalEntry): Step {
    const operatorId = this.operatorOf(entry)?.operatorId ?? entry.operatorId;
    const key = operatorId === null ? undefined : this.operatorKey.get(operatorId);
    return key ? { operator: key } : {};
  }

  /** The wallet's URL in the session becomes the replay's. */
  private localise(value: unknown): unknown {
    if (typeof value !== 'string') return value;
    const text = escapeTemplates(value);
    return this.walletUrl && value.startsWith(this.walletUrl) ? `\${target.walletUrl}${text.slice(this.walletUrl.length)}` : text;
  }

  /** A control call as the step kind that makes exactly it, or as a raw `http` step to the same server. */
  private controlStep(entry: JournalEntry, stepId: string): Step {
    const body = entry.requestBody as Record<string, unknown> | null;
    const ok = entry.status !== null && entry.status < 300;
    let candidate: Step | undefined;
    let match: RegExpExecArray | null;
    if (entry.server === 'trueplay' && entry.method === 'POST' && entry.path === '/sandbox/clock' && isObject(body) && ok) {
      // Back to real time would put the replay on today's date: it freezes where the session's clock went instead.
      const now = (entry.responseBody as { now?: string }).now;
      candidate = { clock: body.realTime === true && now ? { now } : escapeTemplates(body) };
      if (now) this.replayClock = Date.parse(now);
    } else if (entry.server === 'trueplay' && entry.method === 'POST' && entry.path === '/sandbox/campaigns' && isObject(body) && entry.status === 201) {
      const { operatorId, ...fields } = escapeTemplates(body);
      if (operatorId === DEMO_OPERATOR.operatorId || (typeof operatorId === 'number' && this.operatorKey.has(operatorId))) {
        const key = typeof operatorId === 'number' ? this.operatorKey.get(operatorId) : undefined;
        candidate = { campaign: fields, ...(key ? { operator: key } : {}) };
      }
      this.campaignExpr.set((entry.responseBody as { id: number }).id, `\${steps.${stepId}.response.id}`);
    } else if (entry.server === 'trueplay' && entry.method === 'PATCH' && (match = /^\/sandbox\/campaigns\/(\d+)$/.exec(entry.path)) && isObject(body)) {
      candidate = { campaignStatus: { campaignId: this.campaignRef(Number(match[1])), ...escapeTemplates(body) } };
    } else if (entry.method === 'POST' && entry.path === '/sandbox/faults' && isObject(body)) {
      candidate = { fault: { ...(entry.server === 'trueplay' ? { side: 'trueplay' } : {}), ...escapeTemplates(body) } };
    }
    if (entry.server === 'wallet' && ok && entry.operatorUserId && entry.path === '/sandbox/players') this.seededPlayers.add(entry.operatorUserId);
    if (candidate && stepSchemas[Object.keys(candidate)[0]!]!.safeParse(candidate).success) return candidate;
    return { http: this.rawCall(entry, this.controlPath(entry)) };
  }

  /** Ids of the session in a control path, as the replay's. */
  private controlPath(entry: JournalEntry): string {
    const path = entry.path
      .replace(/^\/sandbox\/operators\/(\d+)$/, (whole, id) => (this.operatorKey.has(Number(id)) ? `/sandbox/operators/${String(this.operatorRef(Number(id)))}` : whole))
      .replace(/^\/sandbox\/campaigns\/(\d+)$/, (whole, id) => `/sandbox/campaigns/${String(this.campaignRef(Number(id)))}`);
    return path === entry.path ? escapeTemplates(withQuery(entry)) : `${path}${entry.query ? `?${escapeTemplates(entry.query)}` : ''}`;
  }

  /** The call as sent: method, path, body (the exact text when it was not a JSON value to rebuild), key. */
  private rawCall(entry: JournalEntry, path: string): Record<string, unknown> {
    const body = entry.requestBody;
    const keyHeader = entry.requestHeaders['x-api-key'];
    const ownKey = this.operatorOf(entry) !== undefined;
    const contentType = entry.requestHeaders['content-type'];
    let sent: Record<string, unknown> = {};
    if (typeof body === 'string') sent = { rawBody: escapeTemplates(body) };
    else if (body !== null) sent = { body: this.localiseBody(body) };
    return {
      ...(entry.server === 'wallet' ? { side: 'wallet' } : {}),
      method: entry.method,
      path,
      // A body goes out as application/json unless the session sent it as something else.
      ...(contentType && entry.requestBody !== null && contentType !== 'application/json' ? { headers: { 'content-type': escapeTemplates(contentType) } } : {}),
      ...sent,
      ...(path.startsWith(API) ? { apiKey: ownKey ? true : (keyHeader === undefined ? false : escapeTemplates(keyHeader)) } : {}),
    };
  }

  /** A control body with the session's operator ids and wallet URL as the replay's. */
  private localiseBody(body: unknown): unknown {
    const escaped = escapeTemplates(body);
    if (!isObject(escaped)) return escaped;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(escaped)) {
      out[k] = k === 'operatorId' ? this.operatorRef(v) : k === 'campaignId' ? this.campaignRef(v) : k === 'callbackBaseUrl' ? this.localise((body as Record<string, unknown>)[k]) : v;
    }
    return out;
  }

  /** An operator's or the player's call as the step kind for it, or a raw `http` step when none fits exactly. */
  private callStep(entry: JournalEntry): Step {
    const path = entry.path;
    const query = Object.fromEntries(new URLSearchParams(entry.query ?? ''));
    const body = escapeTemplates(entry.requestBody);
    const m = (pattern: RegExp) => pattern.exec(path);
    const ownKey = this.operatorOf(entry) !== undefined;
    let candidate: Step | undefined;
    let match: RegExpExecArray | null;
    if (path.startsWith(API) && !ownKey) candidate = undefined;
    else if (entry.method === 'POST' && path === `${API}/accept` && sentWhole(body, ACCEPT_FILLED)) candidate = { accept: body };
    else if (entry.method === 'GET' && path === `${API}/loyalty-page`) candidate = { loyaltyPage: escapeTemplates(query) };
    else if (entry.method === 'GET' && (match = m(/^\/api\/v1\/users\/([^/]+)\/balance$/)) && !entry.query) candidate = { balance: { operatorUserId: decode(match[1]!) } };
    else if (entry.method === 'POST' && path === `${API}/users`) candidate = { createUser: body };
    else if (entry.method === 'PATCH' && (match = m(/^\/api\/v1\/users\/([^/]+)$/)) && isObject(body)) candidate = { updateUser: { operatorUserId: decode(match[1]!), ...body } };
    else if (entry.method === 'POST' && path === `${API}/deposits` && sentWhole(body, DEPOSIT_FILLED)) candidate = { deposit: body };
    else if (entry.method === 'GET' && path === `${API}/campaigns`) candidate = { campaigns: escapeTemplates(query) };
    else if ((match = m(/^\/api\/v1\/campaigns\/(\d+)\/participants$/))) {
      const campaignId = this.campaignRef(match[1]);
      if (entry.method === 'GET') candidate = { participants: { campaignId, ...numbers(query) } };
      if (entry.method === 'POST' && isObject(body) && !entry.query) candidate = { assign: { campaignId, ...body } };
    } else if (entry.method === 'DELETE' && (match = m(/^\/api\/v1\/campaigns\/(\d+)\/participants\/([^/]+)$/)) && !entry.query) {
      candidate = { removeParticipant: { campaignId: this.campaignRef(match[1]), operatorUserId: decode(match[2]!) } };
    } else if ((match = m(/^\/loyalty\/([^/]+)(\/state|\/purchase|\/withdraw)?$/)) && !entry.query) {
      const link = this.sessionLink.get(match[1]!);
      const action = match[2];
      if (link && entry.method === 'GET' && !action) candidate = { visit: { url: link } };
      if (link && entry.method === 'GET' && action === '/state') candidate = { loyaltyState: { url: link } };
      if (link && entry.method === 'POST' && (action === '/purchase' || action === '/withdraw') && isObject(body)) {
        candidate = { [action.slice(1)]: { url: link, ...body } };
      }
    }
    if (candidate && stepSchemas[Object.keys(candidate)[0]!]!.safeParse(candidate).success) return { ...candidate, ...this.actingAs(entry) };
    const raw = this.rawCall(entry, this.loyaltyPath(entry) ?? escapeTemplates(withQuery(entry)));
    return { http: raw, ...(raw.apiKey === true ? this.actingAs(entry) : {}) };
  }

  /** A loyalty page path on a link the session was given: the replay's link, whose token differs. */
  private loyaltyPath(entry: JournalEntry): string | undefined {
    const match = /^\/loyalty\/([^/]+)(.*)$/.exec(entry.path);
    const link = match && this.sessionLink.get(match[1]!);
    if (!link) return undefined;
    return `${link}${escapeTemplates(match[2]!)}${entry.query ? `?${escapeTemplates(entry.query)}` : ''}`;
  }

  private afterStep(entry: JournalEntry, stepId: string): void {
    const url = (entry.responseBody as { url?: unknown } | null)?.url;
    if (typeof url === 'string' && entry.path === `${API}/loyalty-page` && entry.status === 200) {
      const session = sessionOf(new URL(url).pathname);
      if (session) this.sessionLink.set(session, `\${steps.${stepId}.response.url}`);
    }
  }

  /** The observed body as an expectation: errors by code, volatile values captured, ids by reference. */
  private expectedBody(entry: JournalEntry, stepId: string): unknown {
    const body = entry.responseBody;
    if (body === null || typeof body !== 'object') return undefined;
    const error = (body as { error?: { code?: string } }).error;
    if (error?.code) return { error: { code: error.code } };
    const isCampaign = (entry.path.startsWith(`${API}/campaigns`) && !entry.path.includes('/participants')) || entry.path.startsWith('/sandbox/campaigns');
    const captured = this.captured;
    // Iterative, whatever the depth (the journal hands over at most 64 levels, but nothing here relies on it).
    const root: { value?: unknown } = {};
    const work: { value: unknown; path: string; key: string | undefined; inCampaign: boolean; put: (v: unknown) => void }[] = [
      { value: body, path: '', key: undefined, inCampaign: isCampaign && !Array.isArray((body as { items?: unknown }).items), put: (v) => { root.value = v; } },
    ];
    while (work.length > 0) {
      const { value, path, key, inCampaign, put } = work.pop()!;
      if (key !== undefined && TIMES.has(key)) continue;
      if (key === 'operatorId' && typeof value === 'number') {
        put(this.operatorRef(value));
        continue;
      }
      const generated = typeof value === 'string' && GENERATED.test(value);
      if (key !== undefined && (IDENTITIES.has(key) || (key === 'id' && !inCampaign) || generated)) {
        if (typeof value !== 'string' && typeof value !== 'number') {
          if (value === null) put(null);
          continue;
        }
        // The same number may be two things (fault 2 and user 2): a value is known within its kind only.
        const kind = generated ? 'generated' : key === 'id' ? `id of ${entry.server} ${entry.path.replace(/\/\d+$/, '')}` : key;
        const known = captured.get(`${kind}|${String(value)}`);
        if (known) put(known);
        else captured.set(`${kind}|${String(value)}`, `\${steps.${stepId}.response.${path}}`);
        continue;
      }
      if ((key === 'campaignId' || (key === 'id' && inCampaign)) && typeof value === 'number') {
        put(this.campaignRef(value));
        continue;
      }
      if (Array.isArray(value)) {
        const out: unknown[] = new Array(value.length);
        put(out);
        value.forEach((item, i) => work.push({ value: item, path: `${path}[${i}]`, key: undefined, inCampaign, put: (v) => { out[i] = v; } }));
        continue;
      }
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        put(out);
        // Pushed last first, so that keys come out in the order they came in.
        for (const [k, v] of Object.entries(value).reverse()) {
          const inside = inCampaign || (isCampaign && k === 'items');
          work.push({ value: v, path: path ? `${path}.${k}` : k, key: k, inCampaign: inside, put: (item) => { out[k] = item; } });
        }
        continue;
      }
      put(typeof value === 'string' ? (key === 'callbackBaseUrl' ? this.localise(value) : escapeTemplates(value)) : value);
    }
    // Array items left unset (volatile, first seen) are matched by anything.
    return fillHoles(root.value);
  }

  /** A wallet player the session did not seed: its balance before the first callback about it, read back from the answer. */
  private inferPlayer(entry: JournalEntry): void {
    if (entry.operatorId !== DEMO_OPERATOR.operatorId || entry.status !== 200) return;
    const request = entry.requestBody as { operatorUserId?: string; action?: string; amount?: number; currency?: string } | null;
    const response = entry.responseBody as { balance?: number; currency?: string } | null;
    const user = request?.operatorUserId;
    if (!user || typeof response?.balance !== 'number' || this.seededPlayers.has(user) || this.inferredPlayers.has(user)) return;
    let before = new Decimal(response.balance);
    if (request.action === 'CREDIT' && typeof request.amount === 'number') before = before.minus(request.amount);
    if (request.action === 'DEBIT' && typeof request.amount === 'number') before = before.plus(request.amount);
    this.inferredPlayers.set(user, { operatorUserId: user, balance: before.toNumber(), currency: response.currency ?? request.currency ?? 'USD' });
    this.notes.push(`wallet player ${user} existed before the journal began: it is seeded with the balance its first callback showed`);
  }
}

function isReset(entry: JournalEntry): boolean {
  return entry.direction === 'control' && entry.method === 'POST' && entry.path === '/sandbox/reset';
}

function isControl(entry: JournalEntry, server: string, method: string, path: string): boolean {
  return entry.direction === 'control' && entry.server === server && entry.method === method && entry.path === path;
}

/**
 * The fields the accept and deposit steps fill in when a file leaves them out (the sample game's, a generated id,
 * the operator's currency): a body that lacks one was sent without it, so it is replayed as a raw call, as sent.
 */
const ACCEPT_FILLED = ['transactionId', 'referenceTransactionId', 'gameProvider', 'gameCode', 'gameName', 'gameType', 'currency'] as const;
const DEPOSIT_FILLED = ['transactionId', 'currency'] as const;

/** Whether the step kind would send the body unchanged: it has each of those fields (a null reference stays null). */
function sentWhole(body: unknown, filled: readonly string[]): boolean {
  return isObject(body) && filled.every((k) => k in body && (k === 'referenceTransactionId' || (body[k] !== null && body[k] !== undefined)));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function withQuery(entry: JournalEntry): string {
  return entry.query ? `${entry.path}?${entry.query}` : entry.path;
}

/** Array slots whose value was volatile match anything. */
function fillHoles(value: unknown): unknown {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        if (!(i in node)) node[i] = { $any: true };
        else stack.push(node[i]);
      }
    } else if (node && typeof node === 'object') stack.push(...Object.values(node));
  }
  return value;
}

/** The YAML text, with a header saying where it came from and what it cannot reproduce. */
export function renderScenario(recorded: RecordedScenario): string {
  const doc = new Document(recorded.scenario);
  doc.commentBefore = [
    ' yaml-language-server: $schema=./scenario.schema.json',
    ` Recorded from ${recorded.source} by \`trueplay-sandbox record\` (${recorded.calls} steps).`,
    ' Replays the session on a fresh sandbox: the clock pinned where it started, every call in order,',
    ' the observed answers as expectations. Volatile values (user ids, links, generated ids, timestamps)',
    ' are captured, not asserted.',
    ...recorded.notes.map((note) => ` Note: ${note}.`),
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}

function callbackExpectations(callbacks: JournalEntry[]): Record<string, unknown>[] {
  const counts = new Map<string, number>();
  for (const entry of callbacks) counts.set(JSON.stringify([entry.path, entry.status]), (counts.get(JSON.stringify([entry.path, entry.status])) ?? 0) + 1);
  return [...counts].map(([key, count]) => {
    const [path, status] = JSON.parse(key) as [string, number | null];
    return { direction: 'trueplay->operator', path, status, count };
  });
}

function campaignSetup(c: RecordedCampaign): Record<string, unknown> {
  const setup: Record<string, unknown> = { name: escapeTemplates(c.name), type: c.type };
  if (c.status !== 'ACTIVE') setup.status = c.status === 'EXPIRED' ? 'ACTIVE' : c.status;
  if (c.tokens !== null) setup.tokens = c.tokens;
  if (c.percent !== null) setup.percent = c.percent;
  if (c.period !== null) setup.period = c.period;
  setup.startsAt = c.startsAt;
  if (c.endsAt !== null) setup.endsAt = c.endsAt;
  if (c.maxUsers !== null) setup.maxUsers = c.maxUsers;
  return setup;
}

/** Step ids nobody refers to are noise: keep only those a `${steps.<id>…}` names. */
function dropUnreferencedIds(scenario: Record<string, unknown>): void {
  const text = JSON.stringify(scenario);
  for (const step of scenario.steps as Record<string, unknown>[]) {
    if (step.id && !text.includes(`\${steps.${step.id as string}.`)) delete step.id;
  }
}

/** Recorded text may contain `${`; written as `$${` it stays literal. Iterative: bodies may nest deep. */
function escapeTemplates<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('${', '$${') as T;
  if (value === null || typeof value !== 'object') return value;
  const root: { v?: unknown } = {};
  const work: [unknown, (v: unknown) => void][] = [[value, (v) => { root.v = v; }]];
  while (work.length > 0) {
    const [node, put] = work.pop()!;
    if (typeof node === 'string') put(node.replaceAll('${', '$${'));
    else if (Array.isArray(node)) {
      const out: unknown[] = new Array(node.length);
      put(out);
      node.forEach((item, i) => work.push([item, (v) => { out[i] = v; }]));
    } else if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      put(out);
      for (const [key, item] of Object.entries(node).reverse()) work.push([item, (v) => { out[key] = v; }]);
    } else put(node);
  }
  return root.v as T;
}

function numbers(query: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).map(([key, v]) => [key, /^\d+$/.test(v) ? Number(v) : v]));
}

const decode = (segment: string) => escapeTemplates(decodeURIComponent(segment));
const sessionOf = (pathname: string) => /^\/loyalty\/([^/]+)/.exec(pathname)?.[1];
