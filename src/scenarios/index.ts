/**
 * The scenario library's public API, for code that runs scenarios rather than the CLI (e.g. contract generation).
 *
 *   const result = await runScenarioFile('scenarios/first-bet-creates-user.yaml');     // fresh in-process sandbox
 *   const result = await runScenarioFile(file, { remote: { trueplayUrl, walletUrl } }); // a running one, reset first
 *   result.passed; result.steps[i].request / .response / .calls / .journal / .failures
 *
 * Each StepResult carries the step's own HTTP call (`request`, `response`), every call it made (`calls`: auxiliary
 * ones such as asking for a loyalty page link first), and the journal entries recorded while it ran (`journal`:
 * its own calls and the signed callbacks Trueplay made to the wallet because of it, retries included). Calls
 * made to check expectations (balance probes) are in none of them. A file with schema problems comes back as a
 * failed result with `problems` (file, line, column, path, message); nothing here throws for a bad file.
 */
export { runScenario, runScenarioFile } from './run.js';
export type { ProgressEvent, RunOptions, ScenarioResult, StepResult, StepStatus } from './run.js';
export { runScenarioFiles, type RunFilesOptions } from './parallel.js';
export { loadScenarioFile, parseScenario, formatProblem, ScenarioLoadError } from './load.js';
export type { Scenario, ScenarioProblem } from './load.js';
export type { Failure } from './expectations.js';
export { discoverScenarioFiles } from './discover.js';
export { journalToScenario, readSandboxSnapshot, recordScenario, renderScenario } from './record.js';
export type { RecordOptions, RecordedScenario, SandboxSnapshot } from './record.js';
export { scenarioSchema, scenarioJsonSchema } from './schema.js';
export type { Expectation, ScenarioFile, ScenarioStep } from './schema.js';
export { stepKinds, stepKindNames } from './steps/index.js';
export type { HttpCall, RecordedCall, StepKind, StepRuntime } from './steps/index.js';
export type { RemoteTarget } from './target.js';
export { TextReporter } from './report/text.js';
export { junitXml } from './report/junit.js';
