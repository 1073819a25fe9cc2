/**
 * Hold to Earn (reference §2f): a player stakes tokens for 8 hours, 1 day or 3 days; when the period is over the
 * stake comes back with its reward, `stake × percent ÷ 100` half-up to 2 decimals. What one user holds staked at
 * once is limited (maxStakePerUser, Trueplay's "limit coefficient", default 5,000). Percents are decided.
 */
import { refusal } from './errors.js';
import { Decimal, roundTokens } from './money.js';

export const STAKE_PERIODS = ['PT8H', 'P1D', 'P3D'] as const;
export type StakePeriod = (typeof STAKE_PERIODS)[number];

const HOUR = 3_600_000;
export const STAKE_PERIOD_MS: Record<StakePeriod, number> = { PT8H: 8 * HOUR, P1D: 24 * HOUR, P3D: 72 * HOUR };

export interface HoldToEarnTerms {
  periods: Record<StakePeriod, Decimal>;
  maxStakePerUser: Decimal;
}

export const DEFAULT_HOLD_TO_EARN = { periods: { PT8H: 0.05, P1D: 0.2, P3D: 0.75 }, maxStakePerUser: 5000 } as const;

export function stakeReward(tokens: Decimal, percent: Decimal): Decimal {
  return roundTokens(tokens.mul(percent).div(100));
}

/** Refuses a stake the balance cannot pay, or one that would take the user's staked tokens past the limit. */
export function assertStakeAllowed(tokens: Decimal, balance: Decimal, alreadyStaked: Decimal, terms: HoldToEarnTerms): void {
  if (balance.lt(tokens)) throw refusal('INSUFFICIENT_TOKENS', `the user holds ${balance} tokens, fewer than ${tokens}`);
  if (alreadyStaked.plus(tokens).gt(terms.maxStakePerUser)) {
    throw refusal('STAKE_LIMIT_EXCEEDED',
      `${alreadyStaked} tokens are staked already; with ${tokens} more the stake would pass the limit of ${terms.maxStakePerUser} per user`);
  }
}
