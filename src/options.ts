/** Options with defaults: a value given as undefined keeps the default instead of erasing it (as a plain spread would). */
export function withDefaults<T extends object>(defaults: T, given: Partial<T>): T {
  const defined = Object.entries(given).filter(([, value]) => value !== undefined);
  return { ...defaults, ...Object.fromEntries(defined) };
}
