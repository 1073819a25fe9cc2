/** Imported before pact-js is used: Pact's anonymous usage tracking stays off unless the user turned it on, so verification works offline. */
process.env.PACT_DO_NOT_TRACK ??= 'true';
