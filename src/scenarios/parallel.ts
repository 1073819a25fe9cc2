/**
 * Runs many scenario files: one after another in this process, or spread over `jobs` child processes (each file
 * still gets its own sandbox). Results come back in the order of the files.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runScenarioFile, type ProgressEvent, type RunOptions, type ScenarioResult } from './run.js';

export interface RunFilesOptions extends Omit<RunOptions, 'onProgress'> {
  /** How many files run at once (child processes); 1 runs them here, one by one. */
  jobs?: number;
  /** Progress of the file at `index` (0-based in `files`). */
  onProgress?: (event: ProgressEvent, index: number) => void;
  /** Called as each file finishes (in finishing order). */
  onResult?: (result: ScenarioResult, index: number) => void;
}

export type WorkerRequest = { index: number; file: string; options: Omit<RunOptions, 'onProgress'> };
export type WorkerMessage = { index: number; progress: ProgressEvent } | { index: number; result: ScenarioResult } | { index: number; crash: string };

export async function runScenarioFiles(files: string[], options: RunFilesOptions = {}): Promise<ScenarioResult[]> {
  const { jobs = 1, onProgress, onResult, ...runOptions } = options;
  const results: ScenarioResult[] = new Array(files.length);
  if (jobs <= 1 || files.length <= 1 || runOptions.remote) {
    for (const [index, file] of files.entries()) {
      results[index] = await runScenarioFile(file, { ...runOptions, onProgress: (event) => onProgress?.(event, index) });
      onResult?.(results[index]!, index);
    }
    return results;
  }

  let next = 0;
  const worker = async () => {
    const child = startWorker();
    try {
      while (next < files.length) {
        const index = next++;
        results[index] = await runInChild(child, { index, file: files[index]!, options: runOptions }, (event) => onProgress?.(event, index));
        onResult?.(results[index]!, index);
      }
    } finally {
      child.kill();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
  return results;
}

/** The worker module next to this one; from TypeScript sources (tests, tsx) it is loaded through tsx. */
function startWorker(): ChildProcess {
  const here = import.meta.url;
  const fromSource = here.endsWith('.ts');
  const workerUrl = new URL(fromSource ? './worker.ts' : './worker.js', here);
  const execArgv = fromSource ? ['--import', import.meta.resolve('tsx')] : [];
  return fork(fileURLToPath(workerUrl), [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function runInChild(child: ChildProcess, request: WorkerRequest, onProgress: (event: ProgressEvent) => void): Promise<ScenarioResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.index !== request.index) return;
      if ('progress' in message) onProgress(message.progress);
      else {
        cleanup();
        if ('result' in message) resolve(message.result);
        else reject(new Error(`the worker running ${request.file} failed: ${message.crash}`));
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the worker running ${request.file} exited (${code})`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(request);
  });
}
