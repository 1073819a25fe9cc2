/** Where an operator service's provider-state URL is assumed to be when none is given: where the fake wallet serves it. */
export const defaultStateUrl = (baseUrl: string): string => `${baseUrl.replace(/\/+$/, '')}/sandbox/provider-states`;
