/** Types for express-wallet.mjs, the plain-JavaScript stranger wallet. */
export type ExpressWalletFlaw = 'no-idempotency' | 'no-signature-check' | 'crash-on-bad-input';
export function startExpressWallet(options: { secret: string; flaw?: ExpressWalletFlaw }): Promise<{ url: string; close(): Promise<void> }>;
