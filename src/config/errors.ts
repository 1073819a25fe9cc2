/** Problems with a config file, reported as `file:line  path: message`; no dependencies, so `start` can catch it without loading the config code. */
export const CONFIG_FILE_NAME = 'trueplay-sandbox.config.yaml';

export type ConfigPath = readonly (string | number)[];

export interface ConfigProblem {
  path: ConfigPath;
  message: string;
  line?: number;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(`${file}: ${problems.map(formatProblem).join('; ')}`);
    this.name = 'ConfigError';
  }

  /** The text `start` prints: one line per problem, `file:line  path: message`. */
  report(): string {
    const lines = this.problems.map((p) => `  ${this.file}${p.line ? `:${p.line}` : ''}  ${formatProblem(p)}`);
    return [`invalid configuration in ${this.file}:`, ...lines].join('\n');
  }
}

/** `a.b[0].c` for people. */
export function formatPath(path: ConfigPath): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '') || '(top level)';
}

function formatProblem(problem: ConfigProblem): string {
  return problem.path.length === 0 ? problem.message : `${formatPath(problem.path)}: ${problem.message}`;
}

