/** Which config file `start` reads: the one --config names, or trueplay-sandbox.config.yaml in the working directory. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE_NAME, ConfigError } from './errors.js';

/** The file to load: --config FILE (which must exist), else trueplay-sandbox.config.yaml in `cwd` if there is one. */
export function findConfigFile(explicit: string | undefined, cwd: string): string | undefined {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) throw new ConfigError(explicit, [{ path: [], message: 'no such file (named by --config)' }]);
    return file;
  }
  const found = resolve(cwd, CONFIG_FILE_NAME);
  return existsSync(found) ? found : undefined;
}
