/** Runs the CLI from source (`node --import tsx test/cli/run-cli.ts ARGS`), so CLI tests need no `npm run build`. */
import { main } from '../../src/cli/main.js';

await main(process.argv);
