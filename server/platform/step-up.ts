import { SECOND_FACTOR_ROLES } from '../../common/roles.ts';
import type { Actor, RequestContext } from './actor.ts';
import { nowMs } from './clock.ts';
import { AppError } from './errors.ts';

/** How long a step-up (the code or password typed again) lets a session do sensitive actions. */
export const STEP_UP_MS = 10 * 60_000;

const MANDATORY = new Set<string>(SECOND_FACTOR_ROLES);

/** Whether any grant of the actor makes the second factor mandatory. */
export function secondFactorMandatory(actor: Pick<Actor, 'grants'>): boolean {
  return actor.grants.some((g) => MANDATORY.has(g.role));
}

/**
 * What the session still owes before it is fully signed in: 'required' (the user has an
 * authenticator and must type a code), 'enrol' (a mandatory role without one: set it up now),
 * or null (done, or a password is enough for this user).
 */
export function secondFactorPending(actor: Actor): 'required' | 'enrol' | null {
  const session = actor.session;
  if (!session || session.secondFactorAt) return null;
  if (session.secondFactorEnabled) return 'required';
  return secondFactorMandatory(actor) ? 'enrol' : null;
}

/**
 * Refuses (403 `step_up_required`) unless the session re-entered its code (or password, for a user
 * without a second factor) in the last 10 minutes. Called before revealing a personal code,
 * permission changes and bulk exports.
 */
export function requireStepUp(ctx: RequestContext): void {
  const until = ctx.actor?.session?.stepUpUntil;
  if (!ctx.actor) throw new AppError(401, 'unauthenticated');
  if (!until || until.getTime() <= nowMs()) throw new AppError(403, 'step_up_required');
}
