/** The trueplay-sandbox command line: one sub-command per file under commands/. */
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { rememberCommandLine } from './color.js';
import { registerContractsCommand } from './commands/contracts.js';
import { registerProbeCommand } from './commands/probe.js';
import { registerRecordCommand } from './commands/record.js';
import { registerRunCommand } from './commands/run.js';
import { registerStartCommand } from './commands/start.js';
import { registerVerifyCommand } from './commands/verify.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const PROGRAM_HELP_FOOTER = `
Getting started:
  $ trueplay-sandbox start          fake Trueplay on 127.0.0.1:4010, fake operator wallet on 127.0.0.1:4020
  then open http://127.0.0.1:4010/  the dashboard: users, balances, campaigns, the clock and every call, live
  and http://127.0.0.1:4010/docs    the API reference (both OpenAPI documents)

Run \`trueplay-sandbox <command> --help\` for a command's options.`;

export function buildProgram(): Command {
  const program = new Command('trueplay-sandbox')
    .description('A local simulator of both sides of a Trueplay loyalty integration.')
    .version(version)
    .showHelpAfterError()
    .addHelpText('after', PROGRAM_HELP_FOOTER);
  registerStartCommand(program);
  registerRunCommand(program);
  registerRecordCommand(program);
  registerProbeCommand(program);
  registerContractsCommand(program);
  registerVerifyCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  rememberCommandLine(argv);
  await buildProgram().parseAsync(argv);
}
