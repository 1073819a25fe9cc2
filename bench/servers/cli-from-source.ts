/** The CLI run from TypeScript sources through tsx, to compare its start-up with the compiled build. */
import { main } from '../../src/cli/main.js';

await main(process.argv);
