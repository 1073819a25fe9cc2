/** The UTC day the settlement benchmark's transactions fall in: the seed writes it, the floor and the settlement read it. */
export const SETTLEMENT_DAY_START = Date.UTC(2026, 0, 5);
export const SETTLEMENT_DAY_END = SETTLEMENT_DAY_START + 24 * 3600_000;
