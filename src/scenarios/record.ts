/**
 * Journal → scenario: turns what a running sandbox journaled into a scenario file that replays the operator's calls
 * (operator->trueplay) with the answers observed then as expectations. Volatile values (trueplayUserId, links,
 * timestamps, exchange ids) are not asserted: their first appearance is captured, and later appearances refer to it.
 * The callbacks each call caused become journal expectations; callbacks answered by an injected fault become a
 * `fault` step before the call (and a call Trueplay answered with one, a `side: trueplay` fault step), so a retry
 * story replays as it happened. The campaigns and the wallet players the
 * traffic needed come from the control API and from the first callback that showed each player's balance.
 */
import { controlHeaders, refusedFor } from '../http/control-access.js';
import { Document } from 'yaml';
import { Decimal } from '../domain/money.js';
import type { JournalEntry } from '../store/journal-store.js';
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
  currency: string;
  exchangeRate: number;
  withdrawalFeePercent: number;
  purchaseFeePercent: number;
  validation?: 'documented' | 'lenient';
  balancePath: string;
  tokenExchangePath: string;
  playerEventPath: string;
}

/** What the recorder reads from a running sandbox. */
export interface SandboxSnapshot {
  source: string;
  journal: JournalEntry[];
  campaigns: RecordedCampaign[];
  operators: RecordedOperator[];
}

export interface RecordOptions {
  /** Whose calls to replay (default: the operator that made most of them). */
  operatorId?: number;
  name?: string;
}

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
    get<{ items: JournalEntry[] }>(`/sandbox/journal?limit=${JOURNAL_LIMIT}`),
    get<{ items: RecordedCampaign[] }>('/sandbox/campaigns'),
    get<{ items: RecordedOperator[] }>('/sandbox/operators'),
  ]);
  return { source: base, journal: journal.items, campaigns: campaigns.items, operators: operators.items };
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

/** Ids that differ from run to run: captured where they first appear, referred to afterwards. */
const IDENTITIES = new Set(['trueplayUserId', 'url', 'exchangeId', 'requestId']);
/** Times that differ from run to run: not asserted. */
const TIMES = new Set(['expiresAt', 'createdAt', 'addedAt', 'startsAt', 'endsAt', 'at', 'receivedAt']);
const API = '/api/v1';
/** The most entries GET /sandbox/journal returns. */
const JOURNAL_LIMIT = 1000;

export function journalToScenario(snapshot: SandboxSnapshot, options: RecordOptions = {}): RecordedScenario {
  const notes: string[] = [];
  const inbound = snapshot.journal.filter((e) => e.direction === 'operator->trueplay');
  const operatorId = options.operatorId ?? mostCommon(inbound.map((e) => e.operatorId).filter((id): id is number => id !== null)) ?? 1;
  const operator = snapshot.operators.find((o) => o.operatorId === operatorId);
  const campaigns = snapshot.campaigns.filter((c) => c.operatorId === operatorId);
  const campaignKey = new Map(campaigns.map((c) => [c.id, `c${c.id}`]));
  const captured = new Map<string, string>(); // volatile value → the expression that names where it first appeared
  const sessionLink = new Map<string, string>(); // loyalty session token → expression of the link holding it
  const linkSteps = new Map<string, Record<string, unknown>>(); // loyalty session token → the step that asked for it
  const steps: Record<string, unknown>[] = [];
  let pendingCallbacks: JournalEntry[] = [];

  const campaignRef = (id: unknown) => (campaignKey.has(Number(id)) ? `\${campaigns.${campaignKey.get(Number(id))}.id}` : id);

  for (const entry of snapshot.journal) {
    if (entry.direction === 'trueplay->operator') {
      if (entry.operatorId === operatorId && entry.path !== operator?.playerEventPath) pendingCallbacks.push(entry);
      continue;
    }
    if (entry.operatorId !== null && entry.operatorId !== operatorId) continue;
    const callbacks = pendingCallbacks;
    pendingCallbacks = [];
    const stepId = `s${steps.length + 1}`;
    const step = toStep(entry, { operator, campaignRef, sessionLink });
    for (const fault of injectedFaults(callbacks)) steps.push({ fault });
    // A call Trueplay itself answered with an injected fault replays after the same fault, on Trueplay's side.
    if (isInjectedFault(entry)) steps.push({ fault: { side: 'trueplay', path: entry.path, status: entry.status } });
    const expect: Record<string, unknown> = { status: entry.status };
    const body = expectedBody(entry, stepId, captured, campaignRef);
    if (body !== undefined && !(typeof body === 'object' && body !== null && Object.keys(body).length === 0)) expect.body = body;
    const journal = callbackExpectations(callbacks);
    if (journal.length > 0) expect.journal = journal;
    // What looked wrong then is part of what was observed: a fix shows up as this expectation failing.
    if ((entry.warnings ?? []).length > 0) expect.warnings = [...new Set(entry.warnings.map((w) => w.code))];
    steps.push({ id: stepId, ...step, expect });
    const url = (entry.responseBody as { url?: unknown } | null)?.url;
    if (typeof url === 'string' && entry.path.startsWith(`${API}/loyalty-page`)) {
      const session = sessionOf(new URL(url).pathname) ?? '';
      sessionLink.set(session, `\${steps.${stepId}.response.url}`);
      linkSteps.set(session, step);
    }
    // The page's state tells the language its link was asked for in, which the journal's path no longer holds.
    const lang = (entry.responseBody as { lang?: unknown } | null)?.lang;
    const linkStep = linkSteps.get(sessionOf(entry.path) ?? '')?.loyaltyPage as Record<string, unknown> | undefined;
    if (typeof lang === 'string' && lang !== 'EN' && linkStep && linkStep.lang === undefined) linkStep.lang = lang;
  }

  if (steps.length === 0) throw new Error(`the journal holds no calls of operator ${operatorId} to replay`);
  const setup: Record<string, unknown> = {};
  if (operator && operatorId !== 1) {
    setup.operator = {
      name: operator.name, currency: operator.currency, exchangeRate: operator.exchangeRate,
      withdrawalFeePercent: operator.withdrawalFeePercent, purchaseFeePercent: operator.purchaseFeePercent,
      balancePath: operator.balancePath, tokenExchangePath: operator.tokenExchangePath,
      ...(operator.validation === 'lenient' ? { validation: 'lenient' } : {}),
    };
    notes.push(`the calls of operator ${operatorId} are replayed by a new operator with its settings; the fake wallet answers only operator 1, so its callbacks will be refused there`);
  }
  if (campaigns.length > 0) {
    setup.campaigns = Object.fromEntries(campaigns.map((c) => [campaignKey.get(c.id)!, campaignSetup(c)]));
    const moved = campaigns.filter((c) => c.status !== 'ACTIVE' && c.status !== 'DRAFT');
    if (moved.length > 0) {
      notes.push(`campaigns ${moved.map((c) => `${c.id} (${c.status})`).join(', ')} were not ACTIVE when recorded; they start ACTIVE here, as they presumably were during the traffic`);
    }
  }
  const players = walletPlayers(snapshot.journal, operatorId);
  if (players.length > 0) setup.players = players;
  if (snapshot.journal.length >= JOURNAL_LIMIT) notes.push(`the journal held ${JOURNAL_LIMIT} calls or more; only the newest ${JOURNAL_LIMIT} were read, so the start of the traffic is missing`);
  notes.push('clock moves and control-API calls are not journaled: add `clock` and `campaignStatus` steps where the traffic needed them');
  notes.push('the journal keeps no query strings: a loyalty page link is asked for in the language its page showed (EN if never opened), a campaign list by the status it showed');

  const scenario: Record<string, unknown> = {
    name: options.name ?? `Recorded traffic from ${snapshot.source}`,
    description: `Replays ${steps.length} calls of operator ${operatorId} recorded by trueplay-sandbox record, with the answers observed then as expectations.`,
    ...(Object.keys(setup).length > 0 ? { setup } : {}),
    steps,
  };
  dropUnreferencedIds(scenario);
  return { scenario, notes, calls: steps.length, source: snapshot.source };
}

/** The YAML text, with a header saying where it came from and what it cannot reproduce. */
export function renderScenario(recorded: RecordedScenario): string {
  const doc = new Document(recorded.scenario);
  doc.commentBefore = [
    ' yaml-language-server: $schema=./scenario.schema.json',
    ` Recorded from ${recorded.source} by \`trueplay-sandbox record\` (${recorded.calls} steps).`,
    ' Volatile values (user ids, links, timestamps, exchange ids) are captured, not asserted.',
    ...recorded.notes.map((note) => ` Note: ${note}.`),
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}

interface StepContext {
  operator: RecordedOperator | undefined;
  campaignRef: (id: unknown) => unknown;
  sessionLink: Map<string, string>;
}

/** The step kind for a journaled call, or a raw `http` step when none fits exactly. */
function toStep(entry: JournalEntry, ctx: StepContext): Record<string, unknown> {
  const [path, search = ''] = entry.path.split('?');
  const query = Object.fromEntries(new URLSearchParams(search));
  const body = escapeTemplates(entry.requestBody);
  const m = (pattern: RegExp) => pattern.exec(path!);
  const keyHeader = entry.requestHeaders['x-api-key'];
  const ownKey = ctx.operator === undefined || keyHeader === ctx.operator.apiKey;
  let candidate: Record<string, unknown> | undefined;
  let match: RegExpExecArray | null;
  if (path!.startsWith(API) && !ownKey) candidate = undefined;
  else if (entry.method === 'POST' && path === `${API}/accept`) candidate = { accept: body };
  else if (entry.method === 'GET' && path === `${API}/loyalty-page` && entry.operatorUserId && entry.status === 200) {
    // The journal keeps no query string: the user comes from the entry; the language is not known (EN).
    candidate = { loyaltyPage: { operatorUserId: escapeTemplates(entry.operatorUserId), ...escapeTemplates(query) } };
  }
  else if (entry.method === 'GET' && (match = m(/^\/api\/v1\/users\/([^/]+)\/balance$/))) candidate = { balance: { operatorUserId: decode(match[1]!) } };
  else if (entry.method === 'POST' && path === `${API}/users`) candidate = { createUser: body };
  else if (entry.method === 'PATCH' && (match = m(/^\/api\/v1\/users\/([^/]+)$/))) candidate = { updateUser: { operatorUserId: decode(match[1]!), ...(body as object) } };
  else if (entry.method === 'POST' && path === `${API}/deposits`) candidate = { deposit: body };
  else if (entry.method === 'GET' && path === `${API}/campaigns`) {
    const listed = (entry.responseBody as { items?: { status?: string }[] } | null)?.items?.[0]?.status;
    candidate = { campaigns: { ...(listed && listed !== 'ACTIVE' ? { status: listed } : {}), ...escapeTemplates(query) } };
  }
  else if ((match = m(/^\/api\/v1\/campaigns\/(\d+)\/participants$/))) {
    const campaignId = ctx.campaignRef(match[1]);
    const page = entry.responseBody as { limit?: number; offset?: number } | null;
    if (entry.method === 'GET') candidate = { participants: { campaignId, ...(page?.limit !== undefined ? { limit: page.limit, offset: page.offset } : {}), ...numbers(query) } };
    if (entry.method === 'POST') candidate = { assign: { campaignId, ...(body as object) } };
  } else if (entry.method === 'DELETE' && (match = m(/^\/api\/v1\/campaigns\/(\d+)\/participants\/([^/]+)$/))) {
    candidate = { removeParticipant: { campaignId: ctx.campaignRef(match[1]), operatorUserId: decode(match[2]!) } };
  } else if ((match = m(/^\/loyalty\/([^/]+)(\/state|\/purchase|\/withdraw)?$/))) {
    const link = ctx.sessionLink.get(match[1]!);
    const page = link ? { url: link } : entry.operatorUserId ? { operatorUserId: entry.operatorUserId } : undefined;
    const action = match[2];
    if (page && entry.method === 'GET' && !action) candidate = { visit: page };
    if (page && entry.method === 'GET' && action === '/state') candidate = { loyaltyState: page };
    if (page && entry.method === 'POST' && (action === '/purchase' || action === '/withdraw')) {
      candidate = { [action.slice(1)]: { ...page, ...(body as object) } };
    }
  }
  if (candidate && stepSchemas[Object.keys(candidate)[0]!]!.safeParse(candidate).success) return candidate;
  return {
    http: {
      method: entry.method,
      path: escapeTemplates(entry.path),
      ...(entry.requestBody !== null ? (typeof entry.requestBody === 'string' ? { rawBody: escapeTemplates(entry.requestBody) } : { body }) : {}),
      ...(path!.startsWith(API) ? { apiKey: ownKey ? true : (keyHeader ?? false) } : {}),
    },
  };
}

/** The observed body as an expectation: errors by code, volatile values captured, campaign ids by reference. */
function expectedBody(entry: JournalEntry, stepId: string, captured: Map<string, string>, campaignRef: (id: unknown) => unknown): unknown {
  const body = entry.responseBody;
  if (body === null || typeof body !== 'object') return undefined;
  const error = (body as { error?: { code?: string } }).error;
  if (error?.code) return { error: { code: error.code } };
  const isCampaignList = entry.path.startsWith(`${API}/campaigns`) && !entry.path.includes('/participants');
  const walk = (value: unknown, path: string, key: string | undefined, inCampaign: boolean): unknown => {
    if (key !== undefined && TIMES.has(key)) return undefined;
    if (key !== undefined && (IDENTITIES.has(key) || (key === 'id' && !inCampaign))) {
      if (typeof value !== 'string' && typeof value !== 'number') return value === null ? null : undefined;
      const text = String(value);
      const known = captured.get(text);
      if (known) return known;
      captured.set(text, `\${steps.${stepId}.response.${path}}`);
      return undefined;
    }
    if ((key === 'campaignId' || (key === 'id' && inCampaign)) && typeof value === 'number') return campaignRef(value);
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[${i}]`, undefined, inCampaign));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const item = walk(v, path ? `${path}.${k}` : k, k, inCampaign || (isCampaignList && k === 'items'));
        if (item !== undefined) out[k] = item;
      }
      return out;
    }
    return typeof value === 'string' ? escapeTemplates(value) : value;
  };
  return walk(body, '', undefined, false);
}

/** Whether the call was answered by an injected fault (an Error body with code INJECTED_FAULT). */
function isInjectedFault(entry: JournalEntry): entry is JournalEntry & { status: number } {
  return entry.status !== null && (entry.responseBody as { error?: { code?: string } } | null)?.error?.code === 'INJECTED_FAULT';
}

/** Callbacks answered by an injected fault, as the fault steps that reproduce them. */
function injectedFaults(callbacks: JournalEntry[]): Record<string, unknown>[] {
  const faults = new Map<string, { status: number; times: number }>();
  for (const entry of callbacks) {
    if (!isInjectedFault(entry)) continue;
    const key = `${entry.path} ${entry.status}`;
    const fault = faults.get(key) ?? { status: entry.status, times: 0 };
    fault.times += 1;
    faults.set(key, fault);
  }
  return [...faults].map(([key, { status, times }]) => ({ path: key.split(' ')[0], status, times }));
}

function callbackExpectations(callbacks: JournalEntry[]): Record<string, unknown>[] {
  const counts = new Map<string, number>();
  for (const entry of callbacks) counts.set(JSON.stringify([entry.path, entry.status]), (counts.get(JSON.stringify([entry.path, entry.status])) ?? 0) + 1);
  return [...counts].map(([key, count]) => {
    const [path, status] = JSON.parse(key) as [string, number | null];
    return { direction: 'trueplay->operator', path, status, count };
  });
}

/** Each wallet player's casino balance before the first callback about it (read back from that callback's answer). */
function walletPlayers(journal: JournalEntry[], operatorId: number): Record<string, unknown>[] {
  const players = new Map<string, { operatorUserId: string; balance: number; currency: string }>();
  for (const entry of journal) {
    if (entry.direction !== 'trueplay->operator' || entry.operatorId !== operatorId || entry.status !== 200) continue;
    const request = entry.requestBody as { operatorUserId?: string; action?: string; amount?: number; currency?: string } | null;
    const response = entry.responseBody as { balance?: number; currency?: string } | null;
    if (!request?.operatorUserId || typeof response?.balance !== 'number' || players.has(request.operatorUserId)) continue;
    let before = new Decimal(response.balance);
    if (request.action === 'CREDIT' && typeof request.amount === 'number') before = before.minus(request.amount);
    if (request.action === 'DEBIT' && typeof request.amount === 'number') before = before.plus(request.amount);
    players.set(request.operatorUserId, { operatorUserId: request.operatorUserId, balance: before.toNumber(), currency: response.currency ?? request.currency ?? 'USD' });
  }
  return [...players.values()];
}

function campaignSetup(c: RecordedCampaign): Record<string, unknown> {
  const setup: Record<string, unknown> = { name: c.name, type: c.type };
  if (c.status === 'DRAFT') setup.status = 'DRAFT';
  if (c.tokens !== null) setup.tokens = c.tokens;
  if (c.percent !== null) setup.percent = c.percent;
  if (c.period !== null) setup.period = c.period;
  if (c.endsAt !== null && Date.parse(c.endsAt) > Date.now()) setup.endsAt = c.endsAt;
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

/** Recorded text may contain `${`; written as `$${` it stays literal. */
function escapeTemplates<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('${', '$${') as T;
  if (Array.isArray(value)) return value.map(escapeTemplates) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeTemplates(v)])) as T;
  return value;
}

function numbers(query: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v]));
}

const decode = (segment: string) => escapeTemplates(decodeURIComponent(segment));
const sessionOf = (pathname: string) => /^\/loyalty\/([^/]+)/.exec(pathname)?.[1];

function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
