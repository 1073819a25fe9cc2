/** `trueplay-sandbox probe`: grades a real operator wallet against reference §2b, check by check, and says what to fix. */
import { InvalidArgumentError, type Command } from 'commander';
import { controlTokenOption, positiveInteger } from '../option-parsers.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defaultStateUrl } from '../../contracts/provider-state-url.js';
import { isSeverity } from '../../probe/severity.js';
import { SEVERITIES, type ProbeTarget, type Severity } from '../../probe/types.js';

/** The command's options: the target as the probe takes it, plus where the reports go and what fails the run. */
interface ProbeOptions extends Omit<ProbeTarget, 'stateUrl'> {
  stateUrl?: string;
  report?: string;
  junit?: string;
  failOn: Severity;
  strict: boolean;
}

const httpUrl = (value: string) => {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    /* fall through */
  }
  throw new InvalidArgumentError('an http(s) URL, e.g. http://127.0.0.1:4020');
};

const path = (value: string) => {
  if (!value.startsWith('/')) throw new InvalidArgumentError('a path starting with /');
  return value;
};

const severity = (value: string) => {
  if (!isSeverity(value)) throw new InvalidArgumentError(`one of ${SEVERITIES.join(', ')}`);
  return value;
};

function writeFile(file: string, text: string): string {
  const absolute = resolve(file);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
  return absolute;
}

export function registerProbeCommand(program: Command): void {
  program
    .command('probe')
    .description('attack a real operator wallet the way production will (reference §2b) and report, check by check, what to fix; exit 1 when a contract check fails, 3 when only hardening ones do under --strict, 2 when it cannot start')
    .requiredOption('--base-url <url>', 'the operator service, e.g. http://127.0.0.1:4020', httpUrl)
    .requiredOption('--secret <secret>', 'the operator\'s secretKey, to sign calls as Trueplay does')
    .option('--state-url <url>', 'the provider-state setup URL that seeds players, as for `verify operator`; default <base-url>/sandbox/provider-states', httpUrl)
    .addOption(controlTokenOption("bearer token for the state URL: a sandbox wallet's control token when it listens off loopback"))
    .option('--operator-id <n>', 'the operatorId sent in bodies', positiveInteger('--operator-id'), 1)
    .option('--balance-path <path>', 'path of Get User Balance', path, '/trueplay/balance')
    .option('--token-exchange-path <path>', 'path of Token Exchange', path, '/trueplay/token-exchange')
    .option('--player-event-path <path>', 'path of the optional player-event webhook (e.g. /player-event): checks its signature and requestId handling', path)
    .option('--report <file.html>', 'write a self-contained HTML report')
    .option('--junit <file>', 'write JUnit XML')
    .option('--fail-on <severity>', `exit non-zero when a check that counts fails at this severity or above (${SEVERITIES.join('|')})`, severity, 'low')
    .option('--strict', 'hardening checks count too (by default only contract checks fail the run; hardening findings are advice)', false)
    .option('--concurrency <n>', 'requests fired at once by the concurrency checks', positiveInteger('--concurrency', 500), 20)
    .option('--timeout-ms <ms>', 'how long to wait for each answer', positiveInteger('--timeout-ms', 600_000), 10_000)
    .action(async (options: ProbeOptions) => {
      // Loaded when the command runs, as `run` loads the scenario runner: `start` needs none of the probe.
      const [{ preflight }, { renderHtmlReport }, { renderJUnit }, { createTerminalReporter }, { newRunId, runProbe }, { EXIT, verdictOf }] = await Promise.all([
        import('../../probe/preflight.js'), import('../../probe/report/html.js'), import('../../probe/report/junit.js'),
        import('../../probe/report/terminal.js'), import('../../probe/run.js'), import('../../probe/verdict.js'),
      ]);
      const target = {
        baseUrl: options.baseUrl,
        secret: options.secret,
        stateUrl: options.stateUrl ?? defaultStateUrl(options.baseUrl),
        controlToken: options.controlToken,
        operatorId: options.operatorId,
        balancePath: options.balancePath,
        tokenExchangePath: options.tokenExchangePath,
        playerEventPath: options.playerEventPath,
        concurrency: options.concurrency,
        timeoutMs: options.timeoutMs,
      };
      const ready = await preflight(target, newRunId());
      if (!ready.ok) {
        console.error(`probe: cannot start: ${ready.message}`);
        process.exitCode = EXIT.cannotStart;
        return;
      }
      const policy = { failOn: options.failOn, strict: options.strict };
      const terminal = createTerminalReporter(process.stdout, policy);
      console.log(`probing ${target.baseUrl} (operatorId ${target.operatorId})\n`);
      const report = await runProbe(target, { onStart: terminal.onStart, onResult: terminal.onResult });
      const files = {
        html: options.report ? writeFile(options.report, renderHtmlReport(report, policy)) : undefined,
        junit: options.junit ? writeFile(options.junit, renderJUnit(report, policy)) : undefined,
      };
      terminal.summary(report, files);
      process.exitCode = verdictOf(report.results, policy).exitCode;
    });
}
