/** The CLI from source (`node --import tsx test/support/cli-entry.ts ARGS`), for tests run after an edit without `npm run build` (support/cli.ts). */
import { main } from '../../src/cli/main.js';

await main(process.argv);
