/**
 * Whether the command line colours its output: FORCE_COLOR decides when set (0 or false: never, anything else:
 * always), then NO_COLOR (set and not empty: never, https://no-color.org), then whether the stream is a terminal.
 * CI logs and pipes get plain text.
 */
import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

type Env = Record<string, string | undefined>;

export function wantsColor(stream: { isTTY?: boolean }, env: Env = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/** Set in the child of `withPlainNativeOutput`: it runs the command itself instead of starting another child. */
const PLAIN_CHILD = 'TRUEPLAY_SANDBOX_PLAIN_CHILD';

/** The command line this process was started with (set by main): only a real CLI run can be run again as a child. */
let commandLine: string[] | undefined;
export function rememberCommandLine(argv: string[]): void {
  commandLine = argv;
}

/**
 * Pact's verifier (native code) prints its report in colour straight to file descriptor 1, and pact-js offers no
 * switch for it. When colour is not wanted, this command runs again as a child whose output passes through here,
 * line by line, without escape codes. Resolves true when this process should run the command itself.
 */
export async function withPlainNativeOutput(): Promise<boolean> {
  if (!commandLine || process.env[PLAIN_CHILD] !== undefined || wantsColor(process.stdout)) return true;
  const child = spawn(process.execPath, [...process.execArgv, ...commandLine.slice(1)], {
    env: { ...process.env, [PLAIN_CHILD]: '1' },
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  const pass = (from: NodeJS.ReadableStream, to: NodeJS.WriteStream) => {
    let pending = '';
    from.setEncoding('utf8');
    from.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!;
      if (lines.length > 0) to.write(`${lines.map((line) => stripVTControlCharacters(line)).join('\n')}\n`);
    });
    return new Promise<void>((resolve) => from.on('end', () => {
      if (pending) to.write(stripVTControlCharacters(pending));
      resolve();
    }));
  };
  const drained = Promise.all([pass(child.stdout!, process.stdout), pass(child.stderr!, process.stderr)]);
  const code = await new Promise<number>((resolve) => child.on('close', (exit, signal) => resolve(exit ?? (signal ? 1 : 0))));
  await drained;
  process.exitCode = code;
  return false;
}
