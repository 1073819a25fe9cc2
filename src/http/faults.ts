/**
 * Injected faults, for either fake side: the next `times` calls to a path are delayed and/or answered with a chosen
 * status before the side handles them, so nothing moves on a spoiled call. Kept in memory (a restart or reset
 * clears them). Delays are timers, never blocking: other calls are served meanwhile.
 */
import type { MiddlewareHandler } from 'hono';
import { setTimeout as wait } from 'node:timers/promises';
import type { components } from '../openapi/generated/operator.js';
import { refusal } from '../domain/errors.js';
import type { SandboxEnv } from './env.js';
import { errorResponse, pathAsSent } from './errors.js';
import { requestBody } from './node-adapter.js';

/** One definition of the shapes, in operator.yaml; trueplay.yaml refers to it. */
export type Fault = components['schemas']['Fault'];
export type FaultRequest = components['schemas']['FaultRequest'];

export interface FaultBookOptions {
  /** The side, as messages name it: "the wallet", "the fake Trueplay". */
  server: string;
  /** Whose calls a fault spoils, as messages say it: "the calls Trueplay makes". */
  calls: string;
}

/** A side's control API is never spoiled, so a test can always list and clear faults. */
const CONTROL_PREFIX = '/sandbox/';
/** Statuses whose responses carry no body. */
const BODYLESS = new Set([204, 205, 304]);

export function createFaultBook({ server, calls }: FaultBookOptions) {
  let nextId = 1;
  let faults: Fault[] = [];
  const sleeping = new Set<AbortController>();

  /** Takes one call's worth of the oldest fault on `path`. */
  function take(path: string): Fault | undefined {
    const fault = faults.find((f) => f.path === path);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) faults = faults.filter((f) => f !== fault);
    return { ...fault };
  }

  /** Waits `ms`; false when the side is resetting or closing and the call should be given up. */
  async function delay(ms: number): Promise<boolean> {
    const controller = new AbortController();
    sleeping.add(controller);
    try {
      await wait(ms, undefined, { signal: controller.signal });
      return true;
    } catch {
      return false;
    } finally {
      sleeping.delete(controller);
    }
  }

  // Nearly always there is none: then a call pays nothing for the feature (not even an async frame).
  const middleware: MiddlewareHandler<SandboxEnv> = (c, next) => (faults.length === 0 ? next() : spoil(c, next));

  const spoil: MiddlewareHandler<SandboxEnv> = async (c, next) => {
    const path = pathAsSent(c);
    if (path.startsWith(CONTROL_PREFIX)) return next();
    const fault = take(path);
    if (!fault) return next();
    // Take the whole request in first, as a server that got it would: the journal then shows what a spoiled call
    // sent, and a delayed call is handled after the delay even when the caller gave up waiting (its body stream is
    // gone by then), which is the "done, but the answer was lost" case a retrying caller must survive.
    await requestBody(c);
    if (fault.delayMs > 0 && !(await delay(fault.delayMs))) {
      return errorResponse(503, 'INJECTED_FAULT', `${server} is resetting or shutting down; the delayed call was dropped`);
    }
    if (fault.status === null) return next();
    if (BODYLESS.has(fault.status)) return new Response(null, { status: fault.status });
    return errorResponse(fault.status, 'INJECTED_FAULT', `fault ${fault.id} injected on ${path}: answering ${fault.status}`);
  };

  return {
    add(request: FaultRequest): Fault {
      if (request.path.startsWith(CONTROL_PREFIX)) {
        throw refusal('VALIDATION_ERROR', `faults apply to ${calls}, not to ${server}'s control API (${CONTROL_PREFIX}...)`, [
          { path: '/body/path', message: `must not start with ${CONTROL_PREFIX}` },
        ]);
      }
      const fault: Fault = {
        id: nextId++,
        path: request.path,
        status: request.status ?? null,
        delayMs: request.delayMs ?? 0,
        remaining: request.times ?? 1,
      };
      faults.push(fault);
      return { ...fault };
    },
    list: (): Fault[] => faults.map((f) => ({ ...f })),
    clear(): void {
      faults = [];
    },
    middleware,
    /** Wakes every delayed call so it is dropped (on reset, and on shutdown before the database closes). */
    abortDelays(): void {
      for (const controller of sleeping) controller.abort();
    },
  };
}

export type FaultBook = ReturnType<typeof createFaultBook>;
