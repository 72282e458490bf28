import { auditEvents } from '../db/schema.ts';
import type { RequestContext } from './actor.ts';
import type { Database, Db } from './db.ts';

/** What happened, to which record. Never personal data: ids and action names only. */
export interface AuditEntry {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  orgId?: string | null;
  outcome?: 'ok' | 'denied' | 'failed';
  actorId?: string | null;
}

/** Appends one audit row inside the caller's transaction, so it commits with the change. */
export async function writeAudit(tx: Db, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: entry.actorId !== undefined ? entry.actorId : (ctx.actor?.userId ?? null),
    action: entry.action,
    outcome: entry.outcome ?? 'ok',
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    orgId: entry.orgId ?? null,
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
}

/**
 * Records a denied access in its own transaction: the request's own transaction is rolled back
 * when access is denied, but the denial must stay on record.
 */
export async function writeDeniedAudit(
  database: Database,
  ctx: RequestContext,
  entry: AuditEntry,
): Promise<void> {
  await database.withTx((tx) => writeAudit(tx, ctx, { ...entry, outcome: 'denied' }));
}

/** Appends many audit rows at once (imports write one per record). */
export async function writeAuditMany(tx: Db, ctx: RequestContext, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await tx.insert(auditEvents).values(
      entries.slice(i, i + 1000).map((entry) => ({
        actorId: entry.actorId !== undefined ? entry.actorId : (ctx.actor?.userId ?? null),
        action: entry.action,
        outcome: entry.outcome ?? 'ok',
        entityType: entry.entityType ?? null,
        entityId: entry.entityId ?? null,
        orgId: entry.orgId ?? null,
        requestId: ctx.requestId,
        ip: ctx.ip,
      })),
    );
  }
}
