/** Where the committed contracts and their scenarios live; light enough for the CLI to import at start-up. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONTRACTS_DIR = fileURLToPath(new URL('../../contracts/', import.meta.url));
export const CONTRACT_SCENARIOS_DIR = join(CONTRACTS_DIR, 'scenarios');
