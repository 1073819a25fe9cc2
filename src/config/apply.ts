/**
 * Puts a config file's operators, campaigns and wallet players into a running sandbox, through the same
 * control APIs a test would use (so the contract checks every value). Safe to repeat on a kept database:
 * an operator with the same apiKey (or, without one, the same name), a campaign with the same name for
 * its operator and a player the wallet already knows are left as they are.
 */
import type { components as Trueplay } from '../openapi/generated/trueplay.js';
import { DEMO_OPERATOR } from '../demo-operator.js';
import { controlHeaders } from '../http/control-access.js';
import { ConfigError, type ConfigPath } from './errors.js';
import type { LoadedConfig } from './load.js';
import type { CampaignConfig } from './schema.js';

export interface ApplyTarget {
  trueplayUrl: string;
  walletUrl: string;
  /** The control APIs' token, when the sandbox has one. */
  controlAccess?: { token: string | null };
}

export interface ApplySummary {
  operatorsAdded: number;
  campaignsAdded: number;
  playersAdded: number;
  /** Things already in the database from an earlier start, left untouched. */
  kept: number;
}

export async function applyConfig(target: ApplyTarget, loaded: LoadedConfig): Promise<ApplySummary> {
  const { config } = loaded;
  const summary: ApplySummary = { operatorsAdded: 0, campaignsAdded: 0, playersAdded: 0, kept: 0 };

  /** A call whose failure is the config's fault, reported at `at`; a 404 passes only for a lookup (`allowMissing`). */
  const call = async <T>(base: string, method: string, path: string, at: ConfigPath, body?: unknown, allowMissing = false): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...controlHeaders(target.controlAccess?.token ?? undefined), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (response.status >= 400 && !(allowMissing && response.status === 404)) {
      const error = (parsed as Trueplay['schemas']['Error'] | undefined)?.error;
      const details = error?.details?.map((d) => `${d.path}: ${d.message}`).join('; ');
      throw new ConfigError(loaded.file, [{
        path: at,
        line: loaded.lineOf(at),
        message: `the sandbox refused it: ${response.status} ${error?.code ?? ''} ${error?.message ?? text}${details ? ` (${details})` : ''}`,
      }]);
    }
    return { status: response.status, body: parsed as T };
  };
  const trueplay = <T>(method: string, path: string, at: ConfigPath, body?: unknown) => call<T>(target.trueplayUrl, method, path, at, body);

  const addCampaigns = async (operatorId: number, campaigns: CampaignConfig[], at: ConfigPath) => {
    const existing = await trueplay<Trueplay['schemas']['CampaignList']>('GET', `/sandbox/campaigns?operatorId=${operatorId}`, at);
    const names = new Set(existing.body.items.map((c) => c.name));
    for (const [index, campaign] of campaigns.entries()) {
      if (names.has(campaign.name)) {
        summary.kept++;
        continue;
      }
      await trueplay('POST', '/sandbox/campaigns', [...at, index], { ...campaign, operatorId });
      names.add(campaign.name);
      summary.campaignsAdded++;
    }
  };

  // The clock first, so that campaigns start at the configured instant. A kept database keeps its frozen clock.
  if (config.clock !== undefined) {
    const clock = (await trueplay<Trueplay['schemas']['Clock']>('GET', '/sandbox/clock', ['clock'])).body;
    if (!clock.frozen) await trueplay('POST', '/sandbox/clock', ['clock'], { now: config.clock });
  }
  const operators = (await trueplay<Trueplay['schemas']['OperatorList']>('GET', '/sandbox/operators', ['operators'])).body.items;
  for (const [index, { campaigns, ...operator }] of config.operators.entries()) {
    const at = ['operators', index];
    let found = operators.find((o) => (operator.apiKey ? o.apiKey === operator.apiKey : o.name === operator.name));
    if (found) summary.kept++;
    else {
      found = (await trueplay<Trueplay['schemas']['Operator']>('POST', '/sandbox/operators', at, operator)).body;
      operators.push(found);
      summary.operatorsAdded++;
    }
    if (campaigns.length > 0) await addCampaigns(found.operatorId, campaigns, [...at, 'campaigns']);
  }
  if (config.campaigns.length > 0) await addCampaigns(DEMO_OPERATOR.operatorId, config.campaigns, ['campaigns']);

  for (const [index, player] of config.players.entries()) {
    const at = ['players', index];
    const known = await call(target.walletUrl, 'GET', `/sandbox/players/${encodeURIComponent(player.operatorUserId)}`, at, undefined, true);
    if (known.status === 200) {
      summary.kept++;
      continue;
    }
    await call(target.walletUrl, 'POST', '/sandbox/players', at, player);
    summary.playersAdded++;
  }
  return summary;
}
