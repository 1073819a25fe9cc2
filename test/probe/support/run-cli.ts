/** Runs the CLI from source (`node --import tsx test/probe/support/run-cli.ts probe ...`), so the probe's CLI tests need no build. */
import { main } from '../../../src/cli/main.js';

await main(process.argv);
