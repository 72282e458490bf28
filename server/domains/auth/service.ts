import type { Actor, RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { verifyPassword } from '../../platform/passwords.ts';
import { endSession, loadActor, type SessionSettings, startSession } from '../../platform/sessions/index.ts';
import { LOGIN_WINDOW_MS, type Refusal, refuseSignIn } from './limits.ts';
import * as repo from './repo.ts';
import { hasEnabledSecondFactor } from './second-factor-repo.ts';

export type { SessionSettings };

type LoginOutcome = { ok: true; token: string; actor: Actor } | { ok: false; error: AppError };

function refused(code: Refusal['code'], retryAfterSeconds: number): LoginOutcome {
  return {
    ok: false,
    error: new AppError(429, code, undefined, { 'retry-after': String(retryAfterSeconds) }),
  };
}

/**
 * Signs a user in. Attempts on one account are serialised (an advisory lock in the transaction),
 * the limits in `limits.ts` are checked before the password is, and the attempt and its audit
 * row are committed even when the answer is a failure, so the limits hold across app instances.
 */
export async function login(
  database: Database,
  ctx: RequestContext,
  input: { email: string; password: string },
  settings: SessionSettings,
  userAgent: string | null = null,
): Promise<{ token: string; actor: Actor }> {
  const email = input.email.trim().toLowerCase();
  const ip = ctx.ip ?? 'unknown';
  const outcome = await database.withTx(async (tx): Promise<LoginOutcome> => {
    const denied = () => writeAudit(tx, ctx, { action: 'auth.login', outcome: 'denied', entityType: 'user' });
    // Another attempt on this account is being checked right now (only parallel requests get here).
    if (!(await repo.tryLockAccountForSignIn(tx, email))) {
      await denied();
      return refused('sign_in_slowed', 1);
    }
    const at = now();
    const failures = await repo.countRecentFailures(tx, email, ip, new Date(at.getTime() - LOGIN_WINDOW_MS));
    const refusal = refuseSignIn(failures, at.getTime());
    if (refusal) {
      await denied();
      return refused(refusal.code, refusal.retryAfterSeconds);
    }
    const user = await repo.findUserForLogin(tx, email);
    const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
    const actor = user && passwordOk && user.active ? await loadActor(tx, user.id) : null;
    await repo.recordLoginAttempt(tx, { email, ip, success: actor !== null, at });
    if (!actor) {
      await writeAudit(tx, ctx, {
        action: 'auth.login',
        outcome: 'failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        actorId: user?.id ?? null,
        orgId: user?.homeOrgId ?? null,
      });
      return { ok: false, error: new AppError(401, 'invalid_credentials') };
    }
    const token = await startSession(tx, actor.userId, at, settings, { ip: ctx.ip, userAgent });
    // The new session owes its second factor when the user has one or a role demands one (issue 16).
    actor.session = {
      secondFactorAt: null,
      stepUpUntil: null,
      secondFactorEnabled: await hasEnabledSecondFactor(tx, actor.userId),
    };
    await writeAudit(
      tx,
      { ...ctx, actor },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: actor.userId,
        orgId: user?.homeOrgId ?? null,
      },
    );
    return { ok: true, token, actor };
  });
  if (!outcome.ok) throw outcome.error;
  return { token: outcome.token, actor: outcome.actor };
}

/** Ends the session on the server. */
export async function logout(database: Database, ctx: RequestContext, token: string): Promise<void> {
  await database.withTx(async (tx: Db) => {
    await endSession(tx, token);
    await writeAudit(tx, ctx, {
      action: 'auth.logout',
      entityType: 'user',
      entityId: ctx.actor?.userId ?? null,
    });
  });
}

/** Changes the signed-in user's interface language. */
export async function changeLanguage(
  database: Database,
  ctx: RequestContext,
  language: 'lv' | 'en',
): Promise<Actor> {
  const actor = ctx.actor;
  if (!actor) throw new AppError(401, 'unauthenticated');
  await database.withTx(async (tx) => {
    await repo.setUserLanguage(tx, actor.userId, language, now());
    await writeAudit(tx, ctx, { action: 'user.language', entityType: 'user', entityId: actor.userId });
  });
  return { ...actor, language };
}
