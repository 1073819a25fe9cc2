/**
 * Sends fuzzed requests in small concurrent windows over keep-alive connections and checks, per window, that no
 * answer broke the rules and that a window whose requests were all rejected left the state checksum unchanged.
 */
import { isDeepStrictEqual } from 'node:util';
import { answerProblem } from './checks.js';
import type { WireRequest } from './hostile.js';
import { bodyBytes } from './hostile.js';
import type { RawClient } from './http.js';

export interface FuzzTally {
  requests: number;
  byStatus: Map<number, number>;
  serverErrors: number;
  /** Windows whose requests were all rejected, so the checksum was compared before and after. */
  checkedWindows: number;
  problems: string[];
}

export interface FuzzRunOptions {
  client: RawClient;
  requests: readonly WireRequest[];
  /** Requests in flight at once; the checksum is compared between windows of this size. */
  concurrency: number;
  checksum: () => unknown;
  /** Whether an answer is a rejection that must change nothing (default: every 4xx). */
  isRejection?: (request: WireRequest, status: number, text: string) => boolean;
  /** Last-minute change to the bytes on the wire (e.g. signing the final body). */
  finalise?: (request: WireRequest, body: Uint8Array | undefined) => Record<string, string>;
  /** Stop collecting after this many problems: one defect tends to repeat. */
  maxProblems?: number;
}

export async function runFuzz(options: FuzzRunOptions): Promise<FuzzTally> {
  const tally: FuzzTally = { requests: 0, byStatus: new Map(), serverErrors: 0, checkedWindows: 0, problems: [] };
  const isRejection = options.isRejection ?? ((_request, status) => status >= 400 && status < 500);
  const maxProblems = options.maxProblems ?? 20;
  for (let start = 0; start < options.requests.length; start += options.concurrency) {
    const window = options.requests.slice(start, start + options.concurrency);
    const before = await settled(options.checksum);
    const answers = await Promise.all(
      window.map(async (request) => {
        const body = bodyBytes(request);
        const headers = options.finalise ? options.finalise(request, body) : request.headers;
        try {
          const response = await options.client.send({ method: request.method, path: request.path, headers, body, chunked: request.chunked });
          return { request, response };
        } catch (error) {
          return { request, error: error as Error };
        }
      }),
    );
    let allRejected = true;
    for (const answer of answers) {
      tally.requests += 1;
      if ('error' in answer) {
        // A connection reset is how a server may end a request it refused mid-body; anything else is a failure.
        const reset = /ECONNRESET|EPIPE|socket hang up/.test(answer.error!.message);
        if (!reset) tally.problems.push(`${answer.request.label}: ${answer.error!.message}`);
        allRejected = false;
        continue;
      }
      const { status, text } = answer.response!;
      tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
      if (status >= 500) tally.serverErrors += 1;
      const problem = answerProblem(answer.request.method, answer.response!);
      if (problem && tally.problems.length < maxProblems) tally.problems.push(`${answer.request.label} ${answer.request.method} ${answer.request.path.slice(0, 120)}: ${problem}`);
      if (!isRejection(answer.request, status, text)) allRejected = false;
    }
    if (allRejected) {
      tally.checkedWindows += 1;
      const after = await settled(options.checksum);
      if (!isDeepStrictEqual(before, after) && tally.problems.length < maxProblems) {
        tally.problems.push(
          `state changed although every request was rejected: ${answers.map((a) => `${a.request.label} → ${a.response?.status} ${a.response?.text.slice(0, 120)}`).join(' | ')}\n before ${JSON.stringify(before)}\n after  ${JSON.stringify(after)}`,
        );
      }
    }
  }
  return tally;
}

/** The journal writes on the next turn of the event loop (the servers run in this process): let it, then read. */
async function settled<T>(read: () => T): Promise<T> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return read();
}

export function describeTally(name: string, tally: FuzzTally): string {
  const statuses = [...tally.byStatus].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
  return `${name}: ${tally.requests} requests, ${tally.serverErrors} 5xx, ${tally.checkedWindows} all-rejected windows checksum-checked (${statuses})`;
}
