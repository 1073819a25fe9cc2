/**
 * The operator every sandbox starts with, and its default credentials (`start --api-key/--secret-key` replace
 * them). It imports nothing, so the CLI names the defaults without loading the server.
 */
export const DEMO_OPERATOR = { operatorId: 1, name: 'Demo Casino', apiKey: 'demo-api-key', secretKey: 'demo-secret-key' } as const;
