/**
 * The game the sandbox plays when a caller names none (the fake wallet's bets, scenario steps): Trueplay documents
 * gameProvider, gameCode, gameName and gameType as required on every game transaction, so something must be sent.
 */
export const SAMPLE_GAME = { gameProvider: 'sandbox', gameCode: 'sandbox-slot', gameName: 'Sandbox Slot', gameType: 'Slot' } as const;

/** The four game fields of a transaction: each as given, or the sample game's. */
export function gameFieldsOf(given: { gameProvider?: string; gameCode?: string; gameName?: string; gameType?: string }) {
  return {
    gameProvider: given.gameProvider ?? SAMPLE_GAME.gameProvider,
    gameCode: given.gameCode ?? SAMPLE_GAME.gameCode,
    gameName: given.gameName ?? SAMPLE_GAME.gameName,
    gameType: given.gameType ?? SAMPLE_GAME.gameType,
  };
}
