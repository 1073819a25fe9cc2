/** `start`'s config file: found (or named by --config), validated, merged under the command line's flags. */
import type { Command } from 'commander';
import { applyFileToOptions } from '../config/cli-settings.js';
import { findConfigFile, loadConfigFile, type LoadedConfig } from '../config/load.js';
import type { SandboxOptions } from '../sandbox.js';

/** The config file in effect, already merged into the command's options; undefined when there is none. Throws ConfigError. */
export function loadStartConfig(command: Command, cwd = process.cwd()): LoadedConfig | undefined {
  const file = findConfigFile(command.getOptionValue('config') as string | undefined, cwd);
  if (!file) return undefined;
  const loaded = loadConfigFile(file, cwd);
  applyFileToOptions(command, loaded);
  return loaded;
}

/** Settings only the file has (no flag): the Token Exchange timing. */
export function fileOnlySandboxOptions(loaded: LoadedConfig | undefined): Partial<SandboxOptions> {
  const exchange = loaded?.config.exchange;
  return {
    exchangeTimeoutMs: exchange?.timeoutMs,
    exchangeAttempts: exchange?.attempts,
    exchangeBackoffMs: exchange?.backoffMs,
  };
}
