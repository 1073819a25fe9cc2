import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Runs the real program in-process, its output captured and its exits turned into a result. */
async function cli(...args: string[]): Promise<{ exitCode: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const program = buildProgram();
  const capture = (command: Command) => {
    command.exitOverride().configureOutput({ writeOut: (text) => (out += text), writeErr: (text) => (err += text), getOutHelpWidth: () => 100, getErrHelpWidth: () => 100 });
    command.commands.forEach(capture);
  };
  capture(program);
  try {
    await program.parseAsync(['node', 'trueplay-sandbox', ...args]);
    return { exitCode: 0, out, err };
  } catch (error) {
    return { exitCode: (error as { exitCode?: number }).exitCode ?? 1, out, err };
  }
}

describe('trueplay-sandbox --help / --version', () => {
  it('prints the version from package.json', async () => {
    expect(await cli('--version')).toEqual({ exitCode: 0, out: `${version}\n`, err: '' });
  });

  it('lists the commands, where to start, and how to get help on one', async () => {
    const { exitCode, out } = await cli('--help');
    expect(exitCode).toBe(0);
    expect(out).toContain('Usage: trueplay-sandbox [options] [command]');
    expect(out).toMatch(/^\s+start \[options\]\s+serve the fake Trueplay/m);
    expect(out).toContain('http://127.0.0.1:4010/docs');
    expect(out).toContain('trueplay-sandbox <command> --help');
  });

  it('has --help on every command, each with a description', async () => {
    for (const command of buildProgram().commands) {
      const { exitCode, out } = await cli(command.name(), '--help');
      expect(exitCode, command.name()).toBe(0);
      expect(out, command.name()).toContain(`Usage: trueplay-sandbox ${command.name()}`);
      expect(command.description(), command.name()).not.toBe('');
    }
  });

  it('explains start: every flag with its default, the config file, log levels and examples', async () => {
    const { out } = await cli('start', '--help');
    for (const flag of ['--trueplay-port <port>', '--operator-port <port>', '--db <file>', '--api-key <key>', '--secret-key <key>', '--config <file>', '--log-level <level>']) {
      expect(out).toContain(flag);
    }
    expect(out).toContain('(default: 4010)');
    expect(out).toContain('./trueplay-sandbox.config.yaml if present');
    expect(out.replace(/\s+/g, " ")).toContain('(choices: "fatal", "error", "warn", "info", "debug", "trace", "silent", default: "info")');
    expect(out).toContain('A flag given here wins over the config file');
    expect(out).toContain('Examples:');
  });

  it('refuses an unknown log level, listing the choices', async () => {
    const { exitCode, err } = await cli('start', '--log-level', 'loud');
    expect(exitCode).toBe(1);
    expect(err).toContain("option '--log-level <level>' argument 'loud' is invalid. Allowed choices are fatal, error, warn, info, debug, trace, silent.");
  });
});
