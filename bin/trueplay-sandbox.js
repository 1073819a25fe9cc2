#!/usr/bin/env node
// Runs the compiled CLI (built by `npm install` via the prepare script) so start-up pays no TypeScript cost.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(compiled)) {
  console.error('trueplay-sandbox is not built yet: run `npm install` (or `npm run build`) first.');
  process.exit(1);
}
const { main } = await import(compiled);
await main(process.argv);
