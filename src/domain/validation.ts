/**
 * How strictly an operator's calls are judged. `documented` (the default) refuses what Trueplay's public docs call
 * invalid, so that green here means green at Trueplay; `lenient` accepts it with a warning, for a team that wants
 * to see its backlog before fixing it. Rules the sandbox decided itself are applied the same way in both modes.
 */
import { isSportsbook, type GameTransactionType } from './cashback.js';

export const VALIDATION_MODES = ['documented', 'lenient'] as const;
export type ValidationMode = (typeof VALIDATION_MODES)[number];
export const DEFAULT_VALIDATION: ValidationMode = 'documented';

/** The rule codes (openapi/trueplay.yaml, `x-rules`) that `lenient` turns from refusals into warnings. */
export const LENIENT_RULES = {
  requiredFields: 'ACCEPT_REQUIRED_FIELDS',
  sportsbookReference: 'SPORTSBOOK_WIN_REFERENCE',
} as const;

/**
 * The integration guide's sportsbook rule: a WIN other than a loss (amount 0) carries the id of its BET as
 * referenceTransactionId. Returns what is wrong with this transaction, or null when the rule holds. An unknown
 * reference is not judged here (it is a 404 whatever the mode).
 */
export function sportsbookReferenceProblem(
  tx: { type: GameTransactionType; gameType: string; amountIsZero: boolean; referenceTransactionId: string | null },
  reference: { type: GameTransactionType; gameType: string } | undefined,
): string | null {
  if (tx.type !== 'WIN' || tx.amountIsZero || !isSportsbook(tx.gameType)) return null;
  if (tx.referenceTransactionId === null) return 'this Sportsbook WIN above 0 has no referenceTransactionId';
  if (reference && (reference.type !== 'BET' || !isSportsbook(reference.gameType))) {
    return `its referenceTransactionId "${tx.referenceTransactionId}" is a ${reference.gameType} ${reference.type}, not a Sportsbook BET`;
  }
  return null;
}
