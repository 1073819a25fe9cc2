/** `trueplay-sandbox start`: serves the fake Trueplay and the fake operator wallet until SIGINT/SIGTERM. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ConfigError } from '../../config/errors.js';
import type { LoadedConfig } from '../../config/load.js';
import { LOG_LEVELS, createLogger, logErrorsTo, type LogLevel } from '../../logging/logger.js';
import { applyStartConfig, fileOnlySandboxOptions, loadStartConfig } from '../start-config.js';
import { parseDuration } from '../../domain/time.js';
import { startSandbox, type RunningSandbox } from '../../sandbox.js';
import { DEMO_OPERATOR } from '../../demo-operator.js';
import { controlTokenOption } from '../option-parsers.js';
import { parsePublicUrl } from '../../http/public-url.js';

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
  $ trueplay-sandbox start --config ci/sandbox.yaml --log-level warn
  $ trueplay-sandbox start --host 0.0.0.0 --public-url http://trueplay-sandbox:4010   # for containers and other hosts`;

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('serve the fake Trueplay (default 127.0.0.1:4010) and the fake operator wallet (127.0.0.1:4020)')
    .option('--trueplay-port <port>', 'port of the fake Trueplay (0 = a free port)', parsePort, 4010)
    .option('--operator-port <port>', 'port of the fake operator wallet (0 = a free port)', parsePort, 4020)
    .option('--host <address>', 'the address both servers listen on: 0.0.0.0 for every interface (then the control API needs the control token)', '127.0.0.1')
    .option('--public-url <url>', 'the fake Trueplay\'s URL as others reach it (loyalty links, docs); default: what each request\'s Host shows', parsePublicUrlOption)
    .option('--operator-public-url <url>', 'the fake wallet\'s URL as others reach it, also the demo operator\'s callbacks; default: --public-url\'s host on the wallet\'s port', parsePublicUrlOption)
    .addOption(controlTokenOption('the bearer token the control APIs (/sandbox/...) require; off loopback one is generated when none is given'))
    .option('--db <file>', 'SQLite file (":memory:" keeps nothing)', '.sandbox/sandbox.db')
    .option('--api-key <key>', 'the demo operator\'s X-API-KEY', DEMO_OPERATOR.apiKey)
    .option('--secret-key <key>', 'the demo operator\'s signing secret', DEMO_OPERATOR.secretKey)
    .option('--player-events', 'turn on the demo operator\'s player-event webhook (BALANCE_CHANGE to the wallet)', false)
    .option('--frame-ancestors <sources>', 'who may embed the loyalty page in an iframe: CSP frame-ancestors (default "*")', parseFrameAncestors)
    .option('--loyalty-ttl <duration>', 'how long a loyalty page link stays valid, ISO 8601 by the sandbox clock (default PT1H)', parseLoyaltyTtl)
    .option('--config <file>', 'config file: operators, campaigns, players, ports, fees, TTLs (default: ./trueplay-sandbox.config.yaml if present)')
    .addOption(new Option('--log-level <level>', 'request and error logs: one line per request at info, dashboard polling at debug').choices(LOG_LEVELS).default('info'))
    .addHelpText('after', START_HELP_FOOTER)
    .action(async (options: { host: string; publicUrl?: string; operatorPublicUrl?: string; controlToken?: string; trueplayPort: number; operatorPort: number; db: string; apiKey: string; secretKey: string; playerEvents: boolean; frameAncestors?: string; loyaltyTtl?: number; logLevel: LogLevel }, command: Command) => {
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
          host: options.host,
          trueplayPublicUrl: options.publicUrl,
          walletPublicUrl: options.operatorPublicUrl,
          controlToken: options.controlToken,
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
        console.error(code === 'EADDRINUSE' ? `a port is already in use (${message}); pick others with --trueplay-port / --operator-port`
          : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? `cannot listen on --host ${options.host}: no interface of this machine has that address (${message})`
          : `could not start: ${message}`);
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
      for (const line of startBanner(sandbox)) console.log(line);
    });
}

/** What `start` prints once it listens: the URLs others should use, the demo operator, and who may use the control API. */
export function startBanner(sandbox: RunningSandbox): string[] {
  const t = sandbox.trueplayPublicUrl;
  const lines = [
    `fake Trueplay        ${t}   (dashboard ${t}/, API docs ${t}/docs)`,
    `fake operator wallet ${sandbox.walletPublicUrl}`,
    `demo operator        operatorId 1, X-API-KEY ${sandbox.apiKey}, secretKey ${sandbox.secretKey}`,
  ];
  if (t !== sandbox.trueplayUrl) lines.push(`listening on         ${sandbox.host} (this machine: ${sandbox.trueplayUrl} and ${sandbox.walletUrl})`);
  const { token, generated } = sandbox.controlAccess;
  if (token === null) return lines;
  // Shown only when made up here: a token the user gave stays out of logs.
  lines.push(generated
    ? `control token        ${token}   (generated; /sandbox/... on both servers needs Authorization: Bearer <token>)`
    : 'control token        as given; /sandbox/... on both servers needs Authorization: Bearer <token>');
  return lines;
}

function parsePublicUrlOption(value: string): string {
  try {
    return parsePublicUrl(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
