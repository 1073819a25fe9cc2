/** Resolves a loyalty page link to its operator and user; a visit creates the user (and pays registration). */
import { refusal } from '../../domain/errors.js';
import type { TrueplayContext } from '../context.js';
import { registerUser } from '../services/users.js';
import { decodeSession, type LoyaltySession } from './session.js';

/** The link's session and operator, creating nothing: what a request can be judged by before the visit. */
export function openLoyaltySession(ctx: TrueplayContext, token: string) {
  const session: LoyaltySession = decodeSession(ctx.sessionSecret, token, ctx.clock.now());
  const operator = ctx.store.operatorById(session.operatorId);
  if (!operator) throw refusal('NOT_FOUND', 'the operator of this loyalty page link no longer exists');
  // A disabled operator's players lose the page too, as its API key loses the API (403, nothing created).
  if (!operator.enabled) throw refusal('FORBIDDEN', `operator ${operator.operatorId} is disabled: its loyalty page is closed`);
  return { session, operator };
}

export function visitLoyaltySession(ctx: TrueplayContext, token: string) {
  const { session, operator } = openLoyaltySession(ctx, token);
  const { user } = registerUser(ctx.store, operator, session.operatorUserId, ctx.clock.now());
  return { session, operator, user };
}
