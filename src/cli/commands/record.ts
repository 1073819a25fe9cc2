/** `trueplay-sandbox record`: turns a running sandbox's journal into a scenario file that replays it. */
import type { Command } from 'commander';
import { controlTokenOption, positiveInteger } from '../option-parsers.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function registerRecordCommand(program: Command): void {
  program
    .command('record')
    .description("write a scenario that replays a running sandbox's session from its journal, with the observed answers as expectations")
    .option('--trueplay-url <url>', 'the running fake Trueplay', 'http://127.0.0.1:4010')
    .option('--out <file>', 'the scenario file to write (default: print it)')
    .option('--operator-id <id>', "replay only this operator's API and loyalty page calls (default: everyone's; control calls always)", positiveInteger('--operator-id'))
    .option('--name <name>', "the scenario's name")
    .addOption(controlTokenOption())
    .action(async (options: { trueplayUrl: string; out?: string; operatorId?: number; name?: string; controlToken?: string }) => {
      const { journalToScenario, readSandboxSnapshot, renderScenario } = await import('../../scenarios/record.js');
      let text: string;
      let calls: number;
      try {
        const recorded = journalToScenario(await readSandboxSnapshot(options.trueplayUrl, options.controlToken), { operatorId: options.operatorId, name: options.name });
        text = renderScenario(recorded);
        calls = recorded.calls;
      } catch (error) {
        console.error(`could not record: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      if (!options.out) {
        process.stdout.write(text);
        return;
      }
      mkdirSync(dirname(options.out), { recursive: true });
      writeFileSync(options.out, text);
      console.log(`wrote ${options.out} (${calls} steps); run it with: trueplay-sandbox run ${options.out}`);
    });
}
