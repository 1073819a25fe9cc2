/**
 * Finds, reads and validates trueplay-sandbox.config.yaml. Every problem becomes a ConfigError that names
 * the file, the line, the path in the file and what is wrong, so `start` can print it without a stack.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigPath, type ConfigProblem } from './errors.js';
import { sandboxConfig, type SandboxConfig } from './schema.js';

export { ConfigError, type ConfigPath } from './errors.js';

export interface LoadedConfig {
  /** The file as given or found, relative to the working directory when inside it. */
  file: string;
  config: SandboxConfig;
  /** Where a path of the file is, for errors found later (when the sandbox refuses an operator, say). */
  lineOf(path: ConfigPath): number | undefined;
}

export function loadConfigFile(file: string, cwd = process.cwd()): LoadedConfig {
  const shown = isAbsolute(file) && !relative(cwd, file).startsWith('..') ? relative(cwd, file) : file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(shown, [{ path: [], message: `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new ConfigError(shown, document.errors.map((e) => ({
      path: [],
      message: `not valid YAML: ${e.message.split('\n')[0]}`,
      line: e.linePos?.[0].line ?? lineCounter.linePos(e.pos[0]).line,
    })));
  }
  const lineOf = (path: ConfigPath): number | undefined => {
    // The deepest node that exists along the path: a missing key points at its parent.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const raw = document.toJS() ?? {};
  const parsed = sandboxConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => toProblem(issue, lineOf));
    throw new ConfigError(shown, problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  }
  const config = parsed.data;
  // A database named in the file lives next to the file, wherever `start` runs from.
  if (config.db && config.db !== ':memory:') config.db = resolve(dirname(file), config.db);
  return { file: shown, config, lineOf };
}

function toProblem(issue: z.core.$ZodIssue, lineOf: (path: ConfigPath) => number | undefined): ConfigProblem {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    return { path, message: `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`, line: lineOf([...path, keys[0]!]) };
  }
  // zod says "expected string, received undefined" for a missing key; say it the way people would.
  const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
  return { path, message: missing ? `is required (${issue.expected})` : issue.message, line: lineOf(path) };
}
