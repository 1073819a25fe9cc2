/** `trueplay-sandbox start`: serves the fake Trueplay and the fake operator wallet until SIGINT/SIGTERM. */
import { InvalidArgumentError, type Command } from 'commander';
import { startSandbox } from '../../sandbox.js';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is an integer from 0 to 65535 (0 picks a free one)');
  return port;
}

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
    .action(async (options: { trueplayPort: number; operatorPort: number; db: string; apiKey: string; secretKey: string; playerEvents: boolean }) => {
      let sandbox;
      try {
        sandbox = await startSandbox({
          trueplayPort: options.trueplayPort,
          operatorPort: options.operatorPort,
          db: options.db,
          apiKey: options.apiKey,
          secretKey: options.secretKey,
          playerEventsEnabled: options.playerEvents,
          logError: (error) => console.error(error),
        });
      } catch (error) {
        const { code, message } = error as NodeJS.ErrnoException;
        console.error(code === 'EADDRINUSE' ? `a port is already in use (${message}); pick others with --trueplay-port / --operator-port` : `could not start: ${message}`);
        process.exitCode = 1;
        return;
      }
      console.log(`fake Trueplay        ${sandbox.trueplayUrl}   (API docs ${sandbox.trueplayUrl}/openapi/trueplay.yaml)`);
      console.log(`fake operator wallet ${sandbox.walletUrl}`);
      console.log(`demo operator        operatorId 1, X-API-KEY ${sandbox.apiKey}, secretKey ${sandbox.secretKey}`);
      const stop = async () => {
        await sandbox.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
