/**
 * Generated histories of game transactions for two players: slot and sportsbook BETs, WINs that reference a BET
 * (or none), ROLLBACKs of any earlier transaction, bonus play. References always point to an earlier transaction
 * of the same player, as an operator's would; the order they then arrive in is up to the test.
 */
import fc from 'fast-check';
import type { GameTransactionType } from '../../../src/domain/cashback.js';

export interface PlannedTransaction {
  operatorUserId: string;
  transactionId: string;
  type: GameTransactionType;
  gameType: string;
  referenceTransactionId: string | null;
  amount: number;
}

const step = fc.record({
  player: fc.constantFrom('p1', 'p2'),
  kind: fc.constantFrom('bet', 'bet', 'bet', 'win', 'win', 'win', 'rollback', 'bonusBet', 'bonusWin'),
  gameType: fc.constantFrom('Slot', 'Sportsbook', 'SPORTSBOOK', ' sportsbook ', 'Live'),
  cents: fc.integer({ min: 0, max: 100_000 }),
  pick: fc.nat(),
});

export function history(): fc.Arbitrary<PlannedTransaction[]> {
  return fc.array(step, { minLength: 1, maxLength: 30 }).map((steps) => {
    const planned: PlannedTransaction[] = [];
    steps.forEach(({ player, kind, gameType, cents, pick }, i) => {
      const earlier = planned.filter((tx) => tx.operatorUserId === player);
      const bets = earlier.filter((tx) => tx.type === 'BET');
      const base = { operatorUserId: player, transactionId: `${player}-tx-${i}`, amount: cents / 100 };
      if (kind === 'bet' || kind === 'bonusBet') {
        planned.push({ ...base, type: kind === 'bet' ? 'BET' : 'BONUS_BET', gameType, referenceTransactionId: null });
      } else if (kind === 'bonusWin') {
        planned.push({ ...base, type: 'BONUS_WIN', gameType, referenceTransactionId: null });
      } else if (kind === 'win') {
        const bet = bets.length > 0 ? bets[pick % bets.length]! : undefined;
        planned.push({ ...base, type: 'WIN', gameType: bet?.gameType ?? gameType, referenceTransactionId: bet?.transactionId ?? null });
      } else if (earlier.length > 0) {
        const target = earlier[pick % earlier.length]!;
        planned.push({ ...base, type: 'ROLLBACK', gameType: target.gameType, referenceTransactionId: target.transactionId, amount: target.amount });
      }
    });
    return planned;
  });
}
