/** Game transaction bodies for tests, with every field Trueplay documents as required (reference §1). */
export const TEST_GAME = { gameProvider: 'test-provider', gameCode: 'test-slot', gameName: 'Test Slot', gameType: 'Slot' } as const;

/** A Send Game Transaction body valid under `validation: documented`: what is not given is a USD Slot BET with no reference. */
export function gameTx(fields: Record<string, unknown> & { operatorUserId: string; transactionId: string }): Record<string, unknown> {
  return { referenceTransactionId: null, type: 'BET', ...TEST_GAME, currency: 'USD', amount: 10, ...fields };
}
