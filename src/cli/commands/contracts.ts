/** `trueplay-sandbox contracts`: writes the Pact files from the contract scenarios, checks them, publishes them. */
import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { CONTRACT_SCENARIOS_DIR, CONTRACTS_DIR } from '../../contracts/paths.js';

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

/** "a, b and c". */
const listed = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

interface ContractsOptions {
  out: string;
  scenarios: string[];
  check?: boolean;
  publish?: boolean;
  brokerUrl?: string;
  brokerToken?: string;
  consumerVersion: string;
  branch?: string;
}

export function registerContractsCommand(program: Command): void {
  program
    .command('contracts')
    .description('run the contract scenarios and write the Pact files operator-trueplay.json, trueplay-operator.json and trueplay-operator-player-events.json')
    .option('--out <dir>', 'where the pact files go', relative(process.cwd(), CONTRACTS_DIR) || '.')
    .option('--scenarios <paths...>', 'scenario files or folders to write the pacts from', [relative(process.cwd(), CONTRACT_SCENARIOS_DIR)])
    .option('--check', 'write nothing; fail when a regeneration would change the files in --out')
    .option('--publish', 'publish the pacts to the Pact Broker after writing them')
    .addOption(new Option('--broker-url <url>', 'Pact Broker base URL').env('PACT_BROKER_BASE_URL'))
    .addOption(new Option('--broker-token <token>', 'Pact Broker bearer token').env('PACT_BROKER_TOKEN'))
    .option('--consumer-version <version>', 'the version the published pacts belong to', version)
    .option('--branch <name>', 'the consumer branch to publish the pacts on')
    .action(async (options: ContractsOptions) => {
      // Pact and the scenario runner load only when this command runs, so `start` stays fast.
      const { generateContracts, PACTS, staleContracts } = await import('../../contracts/generate.js');
      const { publishPacts } = await import('../../contracts/broker.js');
      try {
        if (options.check) {
          const stale = await staleContracts({ scenarios: options.scenarios, outDir: options.out });
          if (stale.length > 0) {
            console.error(`out of date in ${options.out}: ${stale.join(', ')} — run \`trueplay-sandbox contracts\` and commit the result`);
            process.exitCode = 1;
          } else console.log(`${listed(PACTS.map((p) => p.file))} in ${options.out} are up to date`);
          return;
        }
        const { files, interactions } = await generateContracts({ scenarios: options.scenarios, outDir: options.out });
        console.log(`wrote ${listed(files.map((f) => relative(process.cwd(), f)))} (${interactions} interactions)`);
        if (options.publish) {
          if (!options.brokerUrl) throw new Error('--publish needs --broker-url (or PACT_BROKER_BASE_URL)');
          const published = await publishPacts(files, {
            brokerUrl: options.brokerUrl,
            brokerToken: options.brokerToken,
            consumerVersion: options.consumerVersion,
            branch: options.branch,
          });
          for (const p of published) console.log(`published ${p.consumer} → ${p.provider} (version ${options.consumerVersion}) to ${options.brokerUrl}`);
        }
      } catch (error) {
        console.error((error as Error).message);
        process.exitCode = 1;
      }
    });
}
