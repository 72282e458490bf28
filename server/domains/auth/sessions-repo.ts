import { and, desc, eq, gt, gte, ne } from 'drizzle-orm';
import { sessions } from '../../db/schema.ts';
import type { Db } from '../../platform/db.ts';

/** The user's live sessions (not expired, not idle for too long), the most recently used first. */
export async function findLiveSessionsOfUser(db: Db, userId: string, at: Date, idleSince: Date) {
  return db
    .select({
      hash: sessions.id,
      publicId: sessions.publicId,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, at), gte(sessions.lastSeenAt, idleSince)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
}

/** Ends one of the user's own sessions by its public id; returns its hash, or null when it is not theirs. */
export async function deleteOwnSession(db: Db, userId: string, publicId: string): Promise<string | null> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.publicId, publicId)))
    .returning({ hash: sessions.id });
  return rows[0]?.hash ?? null;
}

/** Ends all of the user's sessions, or all but `keepHash`; returns how many ended. */
export async function deleteSessionsOfUserExcept(
  db: Db,
  userId: string,
  keepHash: string | null,
): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(
      keepHash ? and(eq(sessions.userId, userId), ne(sessions.id, keepHash)) : eq(sessions.userId, userId),
    )
    .returning({ hash: sessions.id });
  return rows.length;
}
