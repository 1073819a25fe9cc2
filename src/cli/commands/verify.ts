/** `trueplay-sandbox verify operator|trueplay`: Pact verification of a real operator service, or of the fake Trueplay. */
import { Option, type Command } from 'commander';
import { withPlainNativeOutput } from '../color.js';
import { DEMO_OPERATOR } from '../../demo-operator.js';
import { controlTokenOption, positiveInteger } from '../option-parsers.js';
import type { BrokerOptions, VerificationResult } from '../../contracts/verify.js';

interface BrokerFlags {
  brokerUrl?: string;
  brokerToken?: string;
  providerVersion?: string;
  providerBranch?: string;
  publish?: boolean;
}

function withBrokerOptions(command: Command): Command {
  return command
    .addOption(new Option('--broker-url <url>', 'Pact Broker base URL: verify its pacts (unless --pact) and publish results there').env('PACT_BROKER_BASE_URL'))
    .addOption(new Option('--broker-token <token>', 'Pact Broker bearer token').env('PACT_BROKER_TOKEN'))
    .option('--provider-version <version>', 'this provider build\'s version (needed by --publish), e.g. the git SHA')
    .option('--provider-branch <name>', 'this provider build\'s branch, recorded with the results')
    .option('--publish', 'publish the verification results to the broker');
}

function brokerOf(flags: BrokerFlags, hasPactFile: boolean): BrokerOptions | undefined {
  if (!flags.brokerUrl) {
    if (flags.publish) throw new Error('--publish needs --broker-url (or PACT_BROKER_BASE_URL)');
    return undefined;
  }
  if (flags.publish && !flags.providerVersion) throw new Error('--publish needs --provider-version');
  if (flags.publish && hasPactFile) throw new Error('results can only be published for pacts fetched from the broker: drop --pact');
  return { url: flags.brokerUrl, token: flags.brokerToken, providerVersion: flags.providerVersion, providerBranch: flags.providerBranch, publish: flags.publish };
}

async function report(title: string, verify: () => Promise<VerificationResult>): Promise<void> {
  // Pact's own report is coloured whatever the output: piped or with NO_COLOR, it is made plain on its way out.
  if (!(await withPlainNativeOutput())) return;
  try {
    const result = await verify();
    const { formatVerification } = await import('../../contracts/report.js');
    console.log(`\n${formatVerification(title, result)}`);
    process.exitCode = result.passed ? 0 : 1;
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}

export function registerVerifyCommand(program: Command): void {
  const verify = program.command('verify').description('verify a service against a Pact contract (exit code 1 when it breaks it)');

  withBrokerOptions(
    verify
      .command('operator')
      .description('verify a real operator service against contracts/trueplay-operator.json (Get User Balance, Token Exchange)')
      .requiredOption('--base-url <url>', 'the operator service, e.g. http://127.0.0.1:8080')
      .requiredOption('--secret <secretKey>', 'the operator\'s secret: every request is re-signed with it')
      .option('--state-url <url>', 'its provider-state URL (POST {"state","params","action"}); default <base-url>/sandbox/provider-states')
      .option('--pact <file>', 'the pact to verify (default: the bundled contracts/trueplay-operator.json, or with --player-events contracts/trueplay-operator-player-events.json)')
      .option('--operator-id <id>', 'send this operatorId instead of the pact\'s 1', positiveInteger('--operator-id'))
      .option('--balance-path <path>', 'the service\'s Get User Balance path, if not /trueplay/balance')
      .option('--token-exchange-path <path>', 'the service\'s Token Exchange path, if not /trueplay/token-exchange')
      .option('--player-events', 'verify the optional player-event webhook instead, against contracts/trueplay-operator-player-events.json (provider operator-player-events)')
      .option('--player-event-path <path>', 'the service\'s player-event path, if not /player-event')
      .addOption(controlTokenOption("bearer token for the state URL: a sandbox wallet's control token when it listens off loopback")),
  ).action((flags: BrokerFlags & { baseUrl: string; secret: string; stateUrl?: string; controlToken?: string; pact?: string; operatorId?: number; balancePath?: string; tokenExchangePath?: string; playerEvents?: boolean; playerEventPath?: string }) =>
    report(`Trueplay → operator ${flags.playerEvents ? 'player-event ' : ''}contract, verified against ${flags.baseUrl}`, async () =>
      // Pact loads only when a verification runs, so `start` stays fast.
      (await import('../../contracts/verify-operator.js')).verifyOperator({
        baseUrl: flags.baseUrl,
        secretKey: flags.secret,
        stateUrl: flags.stateUrl,
        controlToken: flags.controlToken,
        pactFile: flags.pact,
        operatorId: flags.operatorId,
        balancePath: flags.balancePath,
        tokenExchangePath: flags.tokenExchangePath,
        playerEvents: flags.playerEvents,
        playerEventPath: flags.playerEventPath,
        broker: brokerOf(flags, flags.pact !== undefined),
      }),
    ),
  );

  withBrokerOptions(
    verify
      .command('trueplay')
      .description('verify an operator → Trueplay pact (ours, or an operator\'s own) against the fake Trueplay')
      .option('--pact <file>', 'the pact to verify (default: the bundled contracts/operator-trueplay.json)')
      .option('--base-url <url>', 'a running fake Trueplay (its own data is put back after each interaction); default: one started in this process')
      .option('--api-key <key>', 'the X-API-KEY the pact\'s requests carry, for a fake Trueplay started here', DEMO_OPERATOR.apiKey)
      .addOption(controlTokenOption("the running fake Trueplay's control token (needed when it listens off loopback)")),
  ).action((flags: BrokerFlags & { pact?: string; baseUrl?: string; apiKey: string; controlToken?: string }) =>
    report(`operator → Trueplay contract, verified against ${flags.baseUrl ?? 'an in-process fake Trueplay'}`, async () =>
      (await import('../../contracts/verify-trueplay.js')).verifyTrueplay({ pactFile: flags.pact, baseUrl: flags.baseUrl, apiKey: flags.apiKey, controlToken: flags.controlToken, broker: brokerOf(flags, flags.pact !== undefined) }),
    ),
  );
}
