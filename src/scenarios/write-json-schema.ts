/** `npm run schema:scenarios`: writes scenarios/scenario.schema.json from the zod schema (a test fails when it is stale). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from './schema.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));

export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, scenarioJsonSchemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
