/** Runs the trueplay-sandbox CLI from source, for tests that start the sandbox as a child process. */
import { main } from '../../../src/cli/main.js';

await main(process.argv);
