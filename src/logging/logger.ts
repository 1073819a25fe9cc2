/** The sandbox's logger: pino, human-readable (pino-pretty) on a terminal, one JSON object per line otherwise. */
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Fields of a request line that the pretty output already shows in its message. */
const SHOWN_IN_MESSAGE = 'pid,hostname,server,direction,method,path,status,ms';

export interface LoggerOptions {
  level: LogLevel;
  /** Pretty output; by default when stdout is a terminal. */
  pretty?: boolean;
  /** Where JSON lines go (tests pass a stream); stdout by default. */
  destination?: NodeJS.WritableStream;
}

export async function createLogger(options: LoggerOptions): Promise<Logger> {
  const pretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY === true);
  if (!pretty) {
    if (options.destination) return pino({ level: options.level }, options.destination);
    // Lines are buffered into 4 KB writes rather than a syscall each (see src/store/unit-of-work.ts), and
    // flushed every 250 ms so a quiet sandbox's last lines still show promptly.
    const stdout = pino.destination({ dest: 1, sync: false, minLength: 4096 });
    setInterval(() => stdout.flush(), 250).unref();
    process.once('exit', () => stdout.flushSync());
    return pino({ level: options.level }, stdout);
  }
  // Loaded only on a terminal: JSON output (CI, pipes) never pays for it.
  const { default: pinoPretty } = await import('pino-pretty');
  return pino(
    { level: options.level },
    pinoPretty({ sync: true, colorize: true, translateTime: 'HH:MM:ss.l', ignore: SHOWN_IN_MESSAGE, destination: options.destination ?? 1 }),
  );
}

/** The request a defect happened on: method and the path as the caller sent it. */
export interface FailedRequest {
  method: string;
  path: string;
}

/** The logError hook of SandboxOptions: a defect's error, with its stack and its request, into the log (never to the client). */
export function logErrorsTo(logger: Logger): (error: unknown, request?: FailedRequest) => void {
  return (error, request) =>
    logger.error(
      { err: error, ...request },
      request
        ? `unexpected error on ${request.method} ${request.path}: a sandbox defect, please report it (the request got 500 INTERNAL_ERROR)`
        : 'unexpected error: a sandbox defect, please report it',
    );
}
