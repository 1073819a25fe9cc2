/** A child process of `run --jobs N`: runs the scenario files its parent sends, one at a time, and reports back. */
import { runScenarioFile } from './run.js';
import type { WorkerMessage, WorkerRequest } from './parallel.js';

const reply = (message: WorkerMessage) => process.send?.(message);

process.on('message', (request: WorkerRequest) => {
  runScenarioFile(request.file, { ...request.options, onProgress: (progress) => reply({ index: request.index, progress }) })
    .then((result) => reply({ index: request.index, result }))
    .catch((error: unknown) => reply({ index: request.index, crash: error instanceof Error ? error.message : String(error) }));
});
process.on('disconnect', () => process.exit(0));
