import { eq, lt, sql } from 'drizzle-orm';
import { confirmationAttempts, studentPins } from '../../db/schema.ts';
import { type Db, queryRows } from '../../platform/db.ts';

/** A student taking part in a session, with the school the student belongs to now; null when not a participant. */
export async function findParticipant(db: Db, sessionId: string, studentId: string) {
  const rows = await queryRows<{ student_id: string; school_id: string }>(
    db,
    sql`select sp.student_id, s.school_id from session_participants sp join students s on s.id = sp.student_id
        where sp.session_id = ${sessionId} and sp.student_id = ${studentId}`,
  );
  return rows[0] ? { studentId: rows[0].student_id, schoolId: rows[0].school_id } : null;
}

/** The student's PIN row, locked until the transaction ends so concurrent guesses are counted one by one. */
export async function findPinForUpdate(db: Db, studentId: string) {
  const rows = await db.select().from(studentPins).where(eq(studentPins.studentId, studentId)).for('update');
  return rows[0] ?? null;
}

/** Serialises confirmations from one address and for one link, so the counts below cannot be raced. */
export async function lockConfirmationKeys(db: Db, ip: string, tokenHash: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`confirm-token:${tokenHash}`}))`);
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`confirm-ip:${ip}`}))`);
}

/** Failed confirmations since `since` from the address and for the link, with the oldest of each. */
export async function countConfirmationFailures(db: Db, ip: string, tokenHash: string, since: Date) {
  const [row] = await queryRows<{
    by_ip: number;
    by_token: number;
    oldest_ip: string | null;
    oldest_token: string | null;
  }>(
    db,
    sql`select count(*) filter (where ip = ${ip})::int as by_ip,
          count(*) filter (where token_hash = ${tokenHash})::int as by_token,
          min(at) filter (where ip = ${ip}) as oldest_ip,
          min(at) filter (where token_hash = ${tokenHash}) as oldest_token
        from ${confirmationAttempts}
        where at > ${since.toISOString()}::timestamptz and (ip = ${ip} or token_hash = ${tokenHash})`,
  );
  return {
    byIp: Number(row?.by_ip ?? 0),
    byToken: Number(row?.by_token ?? 0),
    oldestIp: row?.oldest_ip ? new Date(row.oldest_ip) : null,
    oldestToken: row?.oldest_token ? new Date(row.oldest_token) : null,
  };
}

export async function recordConfirmationFailure(
  db: Db,
  ip: string,
  tokenHash: string,
  at: Date,
): Promise<void> {
  await db.insert(confirmationAttempts).values({ ip, tokenHash, at });
}

/** Forgets failed confirmation attempts older than `before` (the limit looks back 15 minutes). */
export async function deleteConfirmationAttemptsBefore(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(confirmationAttempts)
    .where(lt(confirmationAttempts.at, before))
    .returning({ id: confirmationAttempts.id });
  return rows.length;
}
