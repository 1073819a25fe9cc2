/** One autocannon round of unique game transactions against a URL; autocannon runs in this (separate) process. */
import autocannon from 'autocannon';

export interface RoundResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

let sequence = 0;
const runId = Date.now().toString(36);

/** A unique BET each time, spread over 1,000 players as a casino's traffic would be. */
export function nextAcceptBody(): string {
  sequence += 1;
  return JSON.stringify({
    operatorUserId: `bench-player-${sequence % 1000}`,
    transactionId: `bench-${runId}-${sequence}`,
    referenceTransactionId: null,
    type: 'BET',
    gameProvider: 'bench',
    gameCode: 'slot-1',
    gameName: 'Bench Slot',
    gameType: 'Slot',
    currency: 'USD',
    amount: 1.25,
  });
}

/** 50 connections: a casino's aggregator sends from many sessions at once. */
export async function acceptRound(url: string, seconds: number, connections = 50): Promise<RoundResult> {
  const result = await autocannon({
    url: `${url}/api/v1/accept`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/accept',
        headers: { 'content-type': 'application/json', 'x-api-key': 'demo-api-key' },
        setupRequest: (request) => ({ ...request, body: nextAcceptBody() }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
