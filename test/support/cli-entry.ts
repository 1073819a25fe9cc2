/** The CLI from source (`node --import tsx test/support/cli-entry.ts ARGS`), so tests that run it need no `npm run build`. */
import { main } from '../../src/cli/main.js';

await main(process.argv);
