/** A raw keep-alive HTTP client for hostile requests: exact bytes and headers out, status and text back, no retries. */
import { Agent, request } from 'node:http';

export interface RawRequest {
  method: string;
  /** Path and query, sent as given (it may be deliberately malformed). */
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** Send the body without content-length (chunked), so the server cannot refuse it up front. */
  chunked?: boolean;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function createRawClient(baseUrl: string, maxSockets = 8) {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    send(req: RawRequest): Promise<RawResponse> {
      return new Promise((resolve, reject) => {
        const headers: Record<string, string | number> = { ...req.headers };
        // Node's client frames a body without content-length as chunked only for some methods: say so for all.
        if (req.body) headers[req.chunked ? 'transfer-encoding' : 'content-length'] = req.chunked ? 'chunked' : req.body.byteLength;
        const outgoing = request(
          { agent, host: url.hostname, port: url.port, method: req.method, path: req.path, headers },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
          },
        );
        outgoing.on('error', reject);
        if (req.body) outgoing.end(req.body);
        else outgoing.end();
      });
    },
    close: () => agent.destroy(),
  };
}

export type RawClient = ReturnType<typeof createRawClient>;

/** Runs `work` over `items` with at most `concurrency` in flight, keeping results in input order. */
export async function mapConcurrent<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
