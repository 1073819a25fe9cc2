/**
 * `start`'s config file: found (or named by --config), validated, merged under the command line's flags.
 * The config code (zod, yaml) is loaded only when there is a file, to keep a plain `start` quick.
 */
import type { Command } from 'commander';
import type { ApplySummary, ApplyTarget } from '../config/apply.js';
import { findConfigFile } from '../config/find.js';
import type { LoadedConfig } from '../config/load.js';
import type { SandboxOptions } from '../sandbox.js';

/** The config file in effect, already merged into the command's options; undefined when there is none. Throws ConfigError. */
export async function loadStartConfig(command: Command, cwd = process.cwd()): Promise<LoadedConfig | undefined> {
  const file = findConfigFile(command.getOptionValue('config') as string | undefined, cwd);
  if (!file) return undefined;
  const [{ loadConfigFile }, { applyFileToOptions }] = await Promise.all([import('../config/load.js'), import('../config/cli-settings.js')]);
  const loaded = loadConfigFile(file, cwd);
  applyFileToOptions(command, loaded);
  return loaded;
}

/** Puts the file's operators, campaigns and players into the started sandbox. Throws ConfigError. */
export async function applyStartConfig(target: ApplyTarget, loaded: LoadedConfig): Promise<ApplySummary> {
  const { applyConfig } = await import('../config/apply.js');
  return applyConfig(target, loaded);
}

/** Settings only the file has (no flag): the Token Exchange timing, the demo operator's Play to Earn. */
export function fileOnlySandboxOptions(loaded: LoadedConfig | undefined): Partial<SandboxOptions> {
  const exchange = loaded?.config.exchange;
  return {
    exchangeTimeoutMs: exchange?.timeoutMs,
    exchangeAttempts: exchange?.attempts,
    exchangeBackoffMs: exchange?.backoffMs,
    playToEarnPercent: loaded?.config.demoOperator?.playToEarnPercent,
  };
}
