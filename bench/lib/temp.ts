/** Temp files for benchmark databases, removed when the process exits. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const directory = mkdtempSync(join(tmpdir(), 'trueplay-bench-'));
process.once('exit', () => rmSync(directory, { recursive: true, force: true }));

// A counter, not the time: two files asked for in the same millisecond must not be one file.
let made = 0;
export const tempDatabase = (name: string) => join(directory, `${name}-${(made += 1)}.db`);
