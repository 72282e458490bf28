import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './db.ts';

/** A stored key: the request it was first used for and, once finished, the answer. */
export interface IdempotencyRow {
  request: string;
  body_hash: string;
  status_code: number | null;
  content_type: string | null;
  response_body: string | null;
}

/**
 * Claims a key for a request that is about to run: true when this request owns it now. Expired
 * keys (older than `expiredBefore`) and claims abandoned while running (`abandonedBefore`) are
 * removed first, so a crashed request does not block its key for a whole day.
 */
export async function claimKey(
  db: Db,
  v: {
    userId: string;
    key: string;
    request: string;
    bodyHash: string;
    at: Date;
    expiredBefore: Date;
    abandonedBefore: Date;
  },
): Promise<boolean> {
  await db.execute(
    sql`delete from idempotency_keys where created_at < ${v.expiredBefore.toISOString()}
        or (user_id = ${v.userId} and key = ${v.key} and status_code is null and created_at < ${v.abandonedBefore.toISOString()})`,
  );
  const rows = await queryRows<{ key: string }>(
    db,
    sql`insert into idempotency_keys (user_id, key, request, body_hash, created_at)
        values (${v.userId}, ${v.key}, ${v.request}, ${v.bodyHash}, ${v.at.toISOString()})
        on conflict (user_id, key) do nothing returning key`,
  );
  return rows.length > 0;
}

/** The stored key of the user, or null. */
export async function findKey(db: Db, userId: string, key: string): Promise<IdempotencyRow | null> {
  const rows = await queryRows<IdempotencyRow>(
    db,
    sql`select request, body_hash, status_code, content_type, response_body
        from idempotency_keys where user_id = ${userId} and key = ${key}`,
  );
  return rows[0] ?? null;
}

/** Keeps the answer of a finished request under its key. */
export async function completeKey(
  db: Db,
  v: { userId: string; key: string; statusCode: number; contentType: string | null; body: string; at: Date },
): Promise<void> {
  await db.execute(
    sql`update idempotency_keys set status_code = ${v.statusCode}, content_type = ${v.contentType},
          response_body = ${v.body}, completed_at = ${v.at.toISOString()}
        where user_id = ${v.userId} and key = ${v.key}`,
  );
}

/** Gives a key up (the request failed or its answer is a file): a retry runs the request again. */
export async function releaseKey(db: Db, userId: string, key: string): Promise<void> {
  await db.execute(
    sql`delete from idempotency_keys where user_id = ${userId} and key = ${key} and status_code is null`,
  );
}
