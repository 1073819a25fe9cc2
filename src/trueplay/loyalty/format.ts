/**
 * How the loyalty page writes numbers, money, dates and history rows in a language. The page's inline script
 * (page-script.ts) mirrors these rules when it re-renders from GET {page}/state, so keep the two in step.
 */
import type { Schemas } from '../wire.js';
import { fill, localeOf, type LoyaltyLabels } from './i18n.js';

export interface HistoryRowView {
  date: string;
  event: string;
  tokens: string;
  amount: string;
  status: string;
  /** OK, PENDING or FAILED (an award is always OK): the badge's colour. */
  statusCode: string;
}

export function createFormatters(lang: string, labels: LoyaltyLabels) {
  const locale = localeOf(lang);
  const tokenFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const signedFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  const plainMoney = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 8 });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

  const money = (amount: number, currency: string): string => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 8 }).format(amount);
    } catch {
      // Intl knows ISO 4217 codes only; a currency such as USDT is written after the number.
      return `${plainMoney.format(amount)} ${currency}`;
    }
  };
  const tokens = (amount: number) => tokenFormat.format(amount);
  const percent = (value: number) => percentFormat.format(value / 100);
  const dateTime = (iso: string) => dateFormat.format(new Date(iso));
  const label = (key: string, fallback: string) => (labels as Record<string, string>)[key] ?? fallback;

  const campaignReward = (campaign: Schemas['Campaign']): string => {
    if (campaign.type === 'CASHBACK') {
      return fill(labels.rewardCashback, { percent: percent(campaign.percent ?? 0), period: label(`period${campaign.period ?? 'DAILY'}`, '') });
    }
    if (campaign.type === 'DEPOSIT' && campaign.percent !== null) return fill(labels.rewardDepositPercent, { percent: percent(campaign.percent) });
    if (campaign.type === 'TOKEN_PURCHASE') return fill(labels.rewardPurchasePercent, { percent: percent(campaign.percent ?? 0) });
    return fill(labels.rewardTokens, { tokens: tokens(campaign.tokens ?? 0) });
  };

  const historyRow = (entry: Schemas['HistoryEntry'], campaignNames: Map<number, string>): HistoryRowView => {
    const exchange = entry.kind === 'EXCHANGE';
    const statusCode = exchange ? (entry.status ?? 'PENDING') : 'OK';
    const campaign = (entry.campaignId !== null ? campaignNames.get(entry.campaignId) : undefined) ?? label(`campaign${entry.campaignType}`, '');
    // Signs are from the player's side: a withdrawal or a rolled-back bet's earning spends tokens, the rest adds them;
    // a failed exchange moved nothing.
    const sign = (exchange && entry.action === 'CREDIT') || entry.kind === 'PLAY_TO_EARN_ROLLBACK' || entry.kind === 'STAKE' ? -1 : 1;
    const event =
      entry.kind === 'PLAY_TO_EARN' ? labels.eventPlayToEarn
      : entry.kind === 'PLAY_TO_EARN_ROLLBACK' ? labels.eventPlayToEarnRollback
      : entry.kind === 'STAKE' ? labels.eventStake
      : entry.kind === 'HOLD_TO_EARN' ? labels.eventHoldToEarn
      : exchange ? (entry.action === 'DEBIT' ? labels.eventPurchase : labels.eventWithdrawal)
      : fill(labels.eventAward, { campaign });
    return {
      date: dateTime(entry.at),
      event,
      tokens: statusCode === 'FAILED' ? tokens(entry.tokenAmount) : signedFormat.format(sign * entry.tokenAmount),
      amount: exchange && entry.amount !== null && entry.currency !== null ? money(entry.amount, entry.currency) : '—',
      status: label(`status${statusCode}`, statusCode),
      statusCode,
    };
  };

  const stakeEntry = (stake: Schemas['Stake']): string =>
    fill(labels.stakeEntry, { tokens: tokens(stake.tokenAmount), period: label(`period${stake.period}`, stake.period), reward: tokens(stake.reward), date: dateTime(stake.endsAt) });

  return { locale, tokens, money, percent, dateTime, campaignReward, historyRow, stakeEntry };
}

/** Newest first, whatever order the state lists them in (ISO instants sort as text). */
export const newestFirst = (history: Schemas['HistoryEntry'][]) => [...history].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
