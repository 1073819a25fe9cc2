/** `trueplay-sandbox run [files or folders…]`: runs scenario files, prints a report, optionally writes JUnit XML. */
import { wantsColor } from '../color.js';
import { InvalidArgumentError, type Command } from 'commander';
import { DEMO_OPERATOR } from '../../demo-operator.js';
import { controlTokenOption, positiveInteger } from '../option-parsers.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

interface RunCommandOptions {
  trueplayUrl?: string;
  walletUrl?: string;
  apiKey: string;
  secretKey: string;
  controlToken?: string;
  reporter: 'text' | 'junit';
  out?: string;
  jobs: number;
  verbose?: boolean;
  failOnWarnings?: boolean;
}

function parseReporter(value: string): 'text' | 'junit' {
  if (value !== 'text' && value !== 'junit') throw new InvalidArgumentError('the reporter is text or junit');
  return value;
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run scenario files (default: scenarios/), each on a fresh in-process sandbox unless --trueplay-url/--wallet-url name a running one')
    .argument('[paths...]', 'scenario files or folders (searched for *.yaml)', ['scenarios'])
    .option('--trueplay-url <url>', 'run against this running fake Trueplay (reset before each file)')
    .option('--wallet-url <url>', 'and this running fake wallet (reset before each file)')
    .option('--api-key <key>', "the running sandbox's demo operator key", DEMO_OPERATOR.apiKey)
    .option('--secret-key <key>', "the running sandbox's demo operator secret", DEMO_OPERATOR.secretKey)
    .addOption(controlTokenOption())
    .option('--reporter <name>', 'text, or junit (needs --out; the text report is still printed)', parseReporter, 'text')
    .option('--out <file>', 'where the JUnit XML goes')
    .option('--jobs <n>', 'files run at once, each in its own process and sandbox', positiveInteger('--jobs'), 1)
    .option('--verbose', "print every step's request and response")
    .option('--fail-on-warnings', 'a step whose calls were accepted with warnings fails, unless its expect.warnings names them')
    .action(async (paths: string[], options: RunCommandOptions) => {
      // The runner (faker, yaml, the sandbox) loads only when this command runs, so `start` stays fast.
      const { discoverScenarioFiles, runScenarioFiles, junitXml, TextReporter } = await import('../../scenarios/index.js');
      if (Boolean(options.trueplayUrl) !== Boolean(options.walletUrl)) {
        console.error('give both --trueplay-url and --wallet-url, or neither (then each file gets its own sandbox)');
        process.exitCode = 2;
        return;
      }
      if (options.reporter === 'junit' && !options.out) {
        console.error('--reporter junit needs --out FILE');
        process.exitCode = 2;
        return;
      }
      let files: string[];
      try {
        files = discoverScenarioFiles(paths);
      } catch (error) {
        console.error((error as Error).message);
        process.exitCode = 2;
        return;
      }
      if (files.length === 0) {
        console.error(`no scenario files (*.yaml) in ${paths.join(', ')}`);
        process.exitCode = 2;
        return;
      }
      const remote = options.trueplayUrl && options.walletUrl
        ? { trueplayUrl: options.trueplayUrl, walletUrl: options.walletUrl, apiKey: options.apiKey, secretKey: options.secretKey, controlToken: options.controlToken }
        : undefined;
      if (remote && options.jobs > 1) console.error('a running sandbox is shared: its files run one at a time (--jobs ignored)');

      const reporter = new TextReporter({
        write: (text) => process.stdout.write(text),
        progress: process.stderr.isTTY ? process.stderr : null,
        color: wantsColor(process.stdout),
        verbose: options.verbose,
      });
      const results = await runScenarioFiles(files, {
        jobs: options.jobs,
        remote,
        failOnWarnings: options.failOnWarnings,
        onProgress: (event, index) => reporter.progress(event, index, files.length),
        onResult: (result) => reporter.scenario(result),
      });
      if (options.reporter === 'junit' && options.out) {
        mkdirSync(dirname(options.out), { recursive: true });
        writeFileSync(options.out, junitXml(results));
      }
      reporter.summary(results);
      if (results.some((r) => !r.passed)) process.exitCode = 1;
    });
}
