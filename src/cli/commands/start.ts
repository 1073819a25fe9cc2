/** `trueplay-sandbox start`: serves the fake Trueplay and the fake operator wallet until SIGINT/SIGTERM. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ConfigError } from '../../config/errors.js';
import type { LoadedConfig } from '../../config/load.js';
import { LOG_LEVELS, createLogger, logErrorsTo, type LogLevel } from '../../logging/logger.js';
import { applyStartConfig, fileOnlySandboxOptions, loadStartConfig } from '../start-config.js';
import { parseDuration } from '../../domain/time.js';
import { startSandbox } from '../../sandbox.js';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is an integer from 0 to 65535 (0 picks a free one)');
  return port;
}

/** `--loyalty-ttl PT1H`: how long a loyalty page link stays valid, as an ISO 8601 duration of the sandbox clock. */
export function parseLoyaltyTtl(value: string): number {
  let ms: number;
  try {
    ms = parseDuration(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  if (ms <= 0) throw new InvalidArgumentError('a loyalty link must stay valid for some time, e.g. PT1H');
  return ms;
}

/** One CSP source of frame-ancestors: 'self', 'none', *, a scheme (https:) or a host with optional scheme, port and path. */
const FRAME_SOURCE = /^(?:'self'|'none'|\*|[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(?:\d{1,5}|\*))?(?:\/[^\s;,]*)?)$/i;

/** `--frame-ancestors "'self' https://casino.example"`: a CSP source list, which must not smuggle in another directive. */
export function parseFrameAncestors(value: string): string {
  const sources = value.trim().split(/ +/);
  if (/[;,\u0000-\u001f\u007f]/.test(value) || !sources.every((source) => FRAME_SOURCE.test(source))) {
    throw new InvalidArgumentError("a space-separated CSP source list, e.g. '*', \"'self'\" or \"'self' https://casino.example\"");
  }
  return sources.join(' ');
}

const START_HELP_FOOTER = `
A flag given here wins over the config file, which wins over the defaults shown.
Logs: pretty on a terminal, one JSON object per line otherwise (pipe them to a file or a log tool).

Examples:
  $ trueplay-sandbox start
  $ trueplay-sandbox start --trueplay-port 0 --operator-port 0 --db :memory:
  $ trueplay-sandbox start --config ci/sandbox.yaml --log-level warn`;

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('serve the fake Trueplay (default 127.0.0.1:4010) and the fake operator wallet (127.0.0.1:4020)')
    .option('--trueplay-port <port>', 'port of the fake Trueplay (0 = a free port)', parsePort, 4010)
    .option('--operator-port <port>', 'port of the fake operator wallet (0 = a free port)', parsePort, 4020)
    .option('--db <file>', 'SQLite file (":memory:" keeps nothing)', '.sandbox/sandbox.db')
    .option('--api-key <key>', 'the demo operator\'s X-API-KEY', 'demo-api-key')
    .option('--secret-key <key>', 'the demo operator\'s signing secret', 'demo-secret-key')
    .option('--player-events', 'turn on the demo operator\'s player-event webhook (BALANCE_CHANGE to the wallet)', false)
    .option('--frame-ancestors <sources>', 'who may embed the loyalty page in an iframe: CSP frame-ancestors (default "*")', parseFrameAncestors)
    .option('--loyalty-ttl <duration>', 'how long a loyalty page link stays valid, ISO 8601 by the sandbox clock (default PT1H)', parseLoyaltyTtl)
    .option('--config <file>', 'config file: operators, campaigns, players, ports, fees, TTLs (default: ./trueplay-sandbox.config.yaml if present)')
    .addOption(new Option('--log-level <level>', 'request and error logs: one line per request at info, dashboard polling at debug').choices(LOG_LEVELS).default('info'))
    .addHelpText('after', START_HELP_FOOTER)
    .action(async (options: { trueplayPort: number; operatorPort: number; db: string; apiKey: string; secretKey: string; playerEvents: boolean; frameAncestors?: string; loyaltyTtl?: number; logLevel: LogLevel }, command: Command) => {
      let loaded: LoadedConfig | undefined;
      try {
        loaded = await loadStartConfig(command);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        console.error(error.report());
        process.exitCode = 1;
        return;
      }
      const logger = await createLogger({ level: options.logLevel });
      let sandbox;
      try {
        sandbox = await startSandbox({
          trueplayPort: options.trueplayPort,
          operatorPort: options.operatorPort,
          db: options.db,
          apiKey: options.apiKey,
          secretKey: options.secretKey,
          playerEventsEnabled: options.playerEvents,
          frameAncestors: options.frameAncestors,
          loyaltySessionTtlMs: options.loyaltyTtl,
          ...fileOnlySandboxOptions(loaded),
          logger,
          logError: logErrorsTo(logger),
        });
      } catch (error) {
        const { code, message } = error as NodeJS.ErrnoException;
        console.error(code === 'EADDRINUSE' ? `a port is already in use (${message}); pick others with --trueplay-port / --operator-port` : `could not start: ${message}`);
        process.exitCode = 1;
        return;
      }
      if (loaded) {
        try {
          const added = await applyStartConfig(sandbox, loaded);
          console.log(`config               ${loaded.file}: ${added.operatorsAdded} operator(s), ${added.campaignsAdded} campaign(s), ${added.playersAdded} player(s) added` +
            (added.kept > 0 ? `, ${added.kept} kept from the database` : ''));
        } catch (error) {
          console.error(error instanceof ConfigError ? error.report() : `could not apply ${loaded.file}: ${(error as Error).message}`);
          await sandbox.close();
          process.exitCode = 1;
          return;
        }
      }
      const stop = async () => {
        await sandbox.close();
        process.exit(0);
      };
      // Before the banner: whoever waits for it (a script, a test) may stop the sandbox the moment it appears.
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      console.log(`fake Trueplay        ${sandbox.trueplayUrl}   (dashboard ${sandbox.trueplayUrl}/, API docs ${sandbox.trueplayUrl}/docs)`);
      console.log(`fake operator wallet ${sandbox.walletUrl}`);
      console.log(`demo operator        operatorId 1, X-API-KEY ${sandbox.apiKey}, secretKey ${sandbox.secretKey}`);
    });
}
