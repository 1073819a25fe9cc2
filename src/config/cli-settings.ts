/**
 * The settings a config file shares with `start`'s flags: a flag given on the command line wins, then
 * the file, then the flag's default. Values from the file go through the flag's own parser, so a port
 * or a duration is checked the same way wherever it comes from.
 */
import type { Command } from 'commander';
import { ConfigError, type ConfigPath } from './errors.js';
import type { LoadedConfig } from './load.js';

/** start's option name → where the same setting lives in the config file. */
export const SETTINGS_IN_FILE: readonly (readonly [option: string, path: ConfigPath])[] = [
  ['host', ['host']],
  ['publicUrl', ['publicUrls', 'trueplay']],
  ['operatorPublicUrl', ['publicUrls', 'operator']],
  ['controlToken', ['controlToken']],
  ['trueplayPort', ['ports', 'trueplay']],
  ['operatorPort', ['ports', 'operator']],
  ['db', ['db']],
  ['logLevel', ['logLevel']],
  ['apiKey', ['demoOperator', 'apiKey']],
  ['secretKey', ['demoOperator', 'secretKey']],
  ['playerEvents', ['demoOperator', 'playerEvents']],
  ['frameAncestors', ['loyaltyPage', 'frameAncestors']],
  ['loyaltyTtl', ['loyaltyPage', 'sessionTtl']],
];

function valueAt(config: unknown, path: ConfigPath): unknown {
  return path.reduce<unknown>((node, key) => (node === null || typeof node !== 'object' ? undefined : (node as Record<string, unknown>)[key]), config);
}

/** Sets each option the command line did not give from the file (commander records the source as 'config'). */
export function applyFileToOptions(command: Command, loaded: LoadedConfig): void {
  for (const [name, path] of SETTINGS_IN_FILE) {
    const value = valueAt(loaded.config, path);
    if (value === undefined) continue;
    const source = command.getOptionValueSource(name);
    if (source === 'cli' || source === 'env') continue;
    const option = command.options.find((o) => o.attributeName() === name);
    if (!option) continue;
    let parsed: unknown = value;
    if (option.parseArg && typeof value !== 'boolean') {
      try {
        parsed = option.parseArg(String(value), undefined);
      } catch (error) {
        throw new ConfigError(loaded.file, [{ path, line: loaded.lineOf(path), message: (error as Error).message }]);
      }
    }
    command.setOptionValueWithSource(name, parsed, 'config');
  }
}
