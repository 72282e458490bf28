import { and, eq, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { TCursorPayload } from '../../../common/api/cursor.ts';
import { auditEvents, organisations, plans, students, users } from '../../db/schema.ts';
import { type Keyset, keysetAfter, keysetColumns, keysetOrder, keysetPage } from '../../platform/cursor.ts';
import type { Db } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';
import { escapeLike } from '../../platform/sql-text.ts';

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  outcome?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
  cursor?: TCursorPayload;
}

/** Newest first by id (the primary key's index serves it; ids only grow, so ties cannot occur). */
const AUDIT_KEYSET: Keyset = {
  list: 'audit',
  sort: 'newest',
  dir: 'desc',
  keys: [],
  id: { expr: auditEvents.id, dir: 'desc', kind: 'bigint' },
};

/** Audit rows of organisations in scope (and rows with no organisation when `includeUnscoped`), newest first. */
export async function findAuditEvents(db: Db, scope: string[], includeUnscoped: boolean, f: AuditFilter) {
  const conditions: SQL[] = [
    includeUnscoped
      ? (or(isNull(auditEvents.orgId), pathInScope(organisations.path, scope)) as SQL)
      : pathInScope(organisations.path, scope),
  ];
  if (f.action) conditions.push(sql`${auditEvents.action} LIKE ${`${escapeLike(f.action)}%`}`);
  if (f.entityType) conditions.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) conditions.push(eq(auditEvents.entityId, f.entityId));
  if (f.actorId) conditions.push(eq(auditEvents.actorId, f.actorId));
  if (f.outcome) conditions.push(eq(auditEvents.outcome, f.outcome));
  if (f.from) conditions.push(gte(auditEvents.at, sql`${f.from}::date`));
  if (f.to) conditions.push(lt(auditEvents.at, sql`${f.to}::date + 1`));
  const where = and(...conditions);
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      actorEmail: users.email,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      organisationId: auditEvents.orgId,
      organisationName: organisations.name,
      organisationPath: organisations.path,
      ip: sql<string | null>`host(${auditEvents.ip})`,
      requestId: auditEvents.requestId,
      ...keysetColumns(AUDIT_KEYSET),
    })
    .from(auditEvents)
    .leftJoin(organisations, eq(organisations.id, auditEvents.orgId))
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(f.cursor ? and(where, keysetAfter(AUDIT_KEYSET, f.cursor)) : where)
    .orderBy(...keysetOrder(AUDIT_KEYSET))
    .limit(f.limit + 1)
    .offset(f.offset);
  const page = keysetPage(AUDIT_KEYSET, rows, f.limit);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(auditEvents)
    .leftJoin(organisations, eq(organisations.id, auditEvents.orgId))
    .where(where);
  return { rows: page.rows, total: Number(total), nextCursor: page.nextCursor };
}

/** Names and current school paths of the students an audit page names (for labels the caller may see). */
export async function findStudentLabels(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      schoolPath: organisations.path,
    })
    .from(students)
    .innerJoin(organisations, eq(organisations.id, students.schoolId))
    .where(inArray(students.id, ids));
}

/** Codes and school paths of the plans an audit page names. */
export async function findPlanLabels(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: plans.id, code: plans.code, schoolPath: organisations.path })
    .from(plans)
    .innerJoin(organisations, eq(organisations.id, plans.schoolId))
    .where(inArray(plans.id, ids));
}

/** Staff accounts named by audit rows: the email and the home organisation's path. */
export async function findUserLabels(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email, homePath: organisations.path })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.homeOrgId))
    .where(inArray(users.id, ids));
}
