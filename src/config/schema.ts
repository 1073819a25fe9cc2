/**
 * The shape of trueplay-sandbox.config.yaml. Structure and types are checked here (unknown keys are
 * typos, so they are errors); the finer rules of operators, campaigns and players are the contract's,
 * checked by the sandbox itself when the config is applied.
 */
import { z } from 'zod';
import { VALIDATION_MODES } from '../domain/validation.js';

const port = z.number().int().min(0).max(65535);
const positiveMs = z.number().int().positive();
const amount = z.number().nonnegative();

export const campaignConfig = z.strictObject({
  name: z.string().min(1),
  type: z.enum(['REGISTRATION', 'KYC', 'DEPOSIT', 'CASHBACK', 'TOKEN_PURCHASE', 'CUSTOM']),
  status: z.enum(['DRAFT', 'ACTIVE', 'DEACTIVATED', 'EXPIRED', 'DELETED']).optional(),
  tokens: z.number().positive().optional(),
  percent: z.number().min(0).max(100).optional(),
  period: z.enum(['DAILY', 'WEEKLY']).optional(),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  maxUsers: z.number().int().positive().optional(),
});

export const operatorConfig = z.strictObject({
  name: z.string().min(1),
  apiKey: z.string().min(1).optional(),
  secretKey: z.string().min(1).optional(),
  callbackBaseUrl: z.url().optional(),
  balancePath: z.string().startsWith('/').optional(),
  tokenExchangePath: z.string().startsWith('/').optional(),
  playerEventPath: z.string().startsWith('/').optional(),
  playerEventsEnabled: z.boolean().optional(),
  currency: z.string().length(3).optional(),
  exchangeRate: z.number().positive().optional(),
  withdrawalFeePercent: z.number().min(0).max(100).optional(),
  purchaseFeePercent: z.number().min(0).max(100).optional(),
  /** Play to Earn, percent of each real-money BET (default 0.1; 0 = off). */
  playToEarnPercent: z.number().min(0).max(100).optional(),
  /** Hold to Earn terms (default 0.05 / 0.2 / 0.75 % and 5,000 tokens staked at once per user). */
  holdToEarn: z.strictObject({
    periods: z.strictObject({ PT8H: z.number().min(0).max(100), P1D: z.number().min(0).max(100), P3D: z.number().min(0).max(100) }),
    maxStakePerUser: z.number().min(0),
  }).optional(),
  validation: z.enum(VALIDATION_MODES).optional(),
  campaigns: z.array(campaignConfig).default([]),
});

export const playerConfig = z.strictObject({
  operatorUserId: z.string().min(1).max(128),
  balance: amount,
  currency: z.string().length(3).default('USD'),
});

export const sandboxConfig = z.strictObject({
  /** The address both servers listen on; off loopback the control APIs need the control token. */
  host: z.string().min(1).optional(),
  ports: z.strictObject({ trueplay: port.optional(), operator: port.optional() }).optional(),
  /** The URLs others reach each server at (loyalty links, docs, the demo operator's callbacks). */
  publicUrls: z.strictObject({ trueplay: z.url().optional(), operator: z.url().optional() }).optional(),
  /** The control APIs' bearer token (TRUEPLAY_SANDBOX_CONTROL_TOKEN or --control-token win over it). */
  controlToken: z.string().min(1).optional(),
  /** SQLite file, relative to the config file's folder; ":memory:" keeps nothing. */
  db: z.string().min(1).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /**
   * Freeze the sandbox clock here at start, before the operators and campaigns are made: any instant on a fresh
   * database; never before stored game data (400 CLOCK_BACKWARDS). A kept database whose clock is frozen keeps it.
   */
  clock: z.iso.datetime({ offset: true }).optional(),
  demoOperator: z.strictObject({
    apiKey: z.string().min(1).optional(),
    secretKey: z.string().min(1).optional(),
    playerEvents: z.boolean().optional(),
    /** Play to Earn of the demo operator (default 0.1; 0 = off). */
    playToEarnPercent: z.number().min(0).max(100).optional(),
  }).optional(),
  loyaltyPage: z.strictObject({
    /** ISO 8601 duration by the sandbox clock, e.g. PT1H. */
    sessionTtl: z.string().optional(),
    /** CSP frame-ancestors source list. */
    frameAncestors: z.string().optional(),
  }).optional(),
  exchange: z.strictObject({
    timeoutMs: positiveMs.optional(),
    attempts: z.number().int().min(1).max(20).optional(),
    backoffMs: z.number().int().nonnegative().optional(),
  }).optional(),
  /** Operators besides the demo one (operatorId 1), each with its own campaigns. */
  operators: z.array(operatorConfig).default([]),
  /** Campaigns of the demo operator. */
  campaigns: z.array(campaignConfig).default([]),
  /** Players of the fake wallet (the demo operator's casino), created when missing. */
  players: z.array(playerConfig).default([]),
});

export type SandboxConfig = z.infer<typeof sandboxConfig>;
export type CampaignConfig = z.infer<typeof campaignConfig>;
export type OperatorConfig = z.infer<typeof operatorConfig>;
