/** What the request pipeline of either side keeps on Hono's context. */
import type { Warning } from '../domain/warnings.js';
import type { OperatorRecord } from '../store/trueplay-store.js';

export interface SandboxEnv {
  Variables: {
    /** The exact request bytes, kept for signatures and the journal. */
    rawBody: Uint8Array | undefined;
    /** A contract route's JSON body as text, decoded once for the journal and for what keeps a body as sent. */
    bodyText: string | undefined;
    /** The operator whose X-API-KEY authenticated the call. */
    operator: OperatorRecord;
    /** The JSON text a contract route answered, so the journal need not clone the response to read it. */
    responseText: string | undefined;
    /** The player a call was about, for the journal's filters. */
    operatorUserId: string | undefined;
    /** What looked wrong about an accepted call (src/domain/warnings.ts), for its journal entry. */
    warnings: Warning[] | undefined;
  };
}
