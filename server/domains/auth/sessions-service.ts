import type { TSessionList, TSessionsEnded } from '../../../common/api/account.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, NotFoundError } from '../../platform/errors.ts';
import type { SessionSettings } from '../../platform/sessions/index.ts';
import { hashToken } from '../../platform/tokens.ts';
import * as repo from './sessions-repo.ts';

function signedIn(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new AppError(401, 'unauthenticated');
  return ctx.actor;
}

/** The signed-in user's own live sessions, the one of this request marked `current`. */
export async function listOwnSessions(
  database: Database,
  ctx: RequestContext,
  currentToken: string | null,
  settings: SessionSettings,
): Promise<TSessionList> {
  const actor = signedIn(ctx);
  const currentHash = currentToken ? hashToken(currentToken) : null;
  return database.withTx(async (tx) => {
    const at = now();
    const rows = await repo.findLiveSessionsOfUser(
      tx,
      actor.userId,
      at,
      new Date(at.getTime() - settings.idleMinutes * 60_000),
    );
    await writeAudit(tx, ctx, { action: 'session.list', entityType: 'user', entityId: actor.userId });
    return {
      items: rows.map((r) => ({
        id: r.publicId,
        createdAt: r.createdAt.toISOString(),
        lastSeenAt: r.lastSeenAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
        ip: r.ip,
        userAgent: r.userAgent,
        current: r.hash === currentHash,
      })),
    };
  });
}

/** Ends one of the user's own sessions; another user's (or no) session is a 404. */
export async function endOwnSession(
  database: Database,
  ctx: RequestContext,
  publicId: string,
  currentToken: string | null,
): Promise<TSessionsEnded> {
  const actor = signedIn(ctx);
  return database.withTx(async (tx) => {
    const hash = await repo.deleteOwnSession(tx, actor.userId, publicId);
    if (!hash) throw new NotFoundError('session', publicId);
    await writeAudit(tx, ctx, { action: 'session.end', entityType: 'session', entityId: publicId });
    return { ended: 1, signedOut: currentToken !== null && hash === hashToken(currentToken) };
  });
}

/**
 * "Sign out everywhere": `others` ends every session of the user but this request's, `all` ends
 * this one too (the caller is signed out).
 */
export async function signOutEverywhere(
  database: Database,
  ctx: RequestContext,
  scope: 'others' | 'all',
  currentToken: string | null,
): Promise<TSessionsEnded> {
  const actor = signedIn(ctx);
  const keep = scope === 'others' && currentToken ? hashToken(currentToken) : null;
  return database.withTx(async (tx) => {
    const ended = await repo.deleteSessionsOfUserExcept(tx, actor.userId, keep);
    await writeAudit(tx, ctx, {
      action: scope === 'all' ? 'session.end_all' : 'session.end_others',
      entityType: 'user',
      entityId: actor.userId,
    });
    return { ended, signedOut: keep === null };
  });
}
