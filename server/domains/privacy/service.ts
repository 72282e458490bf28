import { randomUUID } from 'node:crypto';
import type { TErasureBody, TErasureLogRow } from '../../../common/api/privacy.ts';
import { formatDate } from '../../../common/format.ts';
import type { Language } from '../../../common/roles.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now, today } from '../../platform/clock.ts';
import { requireStepUp } from '../../platform/step-up.ts';
import type { Database, Db } from '../../platform/db.ts';
import { AppError, ForbiddenError } from '../../platform/errors.ts';
import { can, scopePaths } from '../../platform/policy/gate.ts';
import { loadVisibleStudent } from '../students/index.ts';
import { ERASURE_LOG_VIEW, ROPA_VIEW, STUDENT_ERASE } from './policy.ts';
import * as repo from './repo.ts';
import { type RetentionClassInfo, retentionClasses } from './retention.ts';
import { buildRopa, type Ropa } from './ropa.ts';
import { type RetentionSettings, retentionSettings } from './settings.ts';

const iso = (v: string | Date): string => (v instanceof Date ? v : new Date(v)).toISOString();

function present(r: repo.ErasureLogRow): TErasureLogRow {
  return {
    id: r.id,
    studentId: r.student_id,
    orgId: r.org_id,
    orgName: r.org_name,
    erasedAt: iso(r.erased_at),
    erasedBy: r.erased_by,
    erasedByName: r.erased_by_name,
    trigger: r.trigger,
    reason: r.reason,
    cleared: typeof r.cleared === 'string' ? JSON.parse(r.cleared) : r.cleared,
  };
}

/** A legal retention period still runs: 409 naming its end (dd.mm.yyyy) or that the student still attends. */
export class RetentionRunsError extends AppError {
  constructor(readonly endsOn: string | null) {
    super(
      409,
      'retention_runs',
      endsOn
        ? [{ path: 'id', message: 'retention_runs_until', params: { date: formatDate(endsOn) } }]
        : [{ path: 'id', message: 'retention_runs_enrolled' }],
    );
  }
}

/**
 * Anonymises one student (the job's and the erasure's one code path) and writes the erasure log row,
 * in the caller's transaction. Returns null when the student had been anonymised already.
 */
export async function anonymiseStudent(
  tx: Db,
  ctx: RequestContext,
  v: { studentId: string; orgId: string; trigger: 'request' | 'retention'; reason: string; at: Date },
): Promise<string | null> {
  const existing = await repo.findErasureOf(tx, v.studentId);
  if (existing) return null;
  const cleared = await repo.anonymiseStudentRows(tx, v.studentId, v.at);
  const id = await repo.insertErasureLog(tx, {
    studentId: v.studentId,
    orgId: v.orgId,
    at: v.at,
    by: ctx.actor?.userId ?? null,
    trigger: v.trigger,
    reason: v.reason,
    cleared,
    requestId: ctx.requestId,
  });
  await writeAudit(tx, ctx, {
    action: v.trigger === 'request' ? 'student.erase' : 'student.anonymise',
    entityType: 'student',
    entityId: v.studentId,
    orgId: v.orgId,
  });
  return id;
}

/**
 * Erasure on request (POST /api/students/:id/erasure): 404 outside the caller's scope, 403 without
 * the right, 409 while a retention period runs; a second request for an erased student answers the
 * first erasure (`created: false`). Audited.
 */
export async function eraseStudent(
  ctx: RequestContext,
  studentId: string,
  body: TErasureBody,
  tx: Db,
  settings: RetentionSettings = retentionSettings(),
): Promise<TErasureLogRow & { created: boolean }> {
  const { row, resource } = await loadVisibleStudent(ctx, studentId, tx);
  if (!can(ctx.actor, STUDENT_ERASE, resource)) throw new ForbiddenError('student', studentId, row.schoolId);
  // Irreversible: the code (or password) typed again, after the scope check so a 404 stays a 404.
  requireStepUp(ctx);
  // Locks the student: a double click waits here and then finds the first one's log row.
  const retention = await repo.findRetentionForUpdate(tx, settings, studentId);
  const done = await repo.findErasureOf(tx, studentId);
  if (done) return { ...present(done), created: false };
  if (!retention || retention.retention_ends_on === null || retention.retention_ends_on >= today()) {
    await writeAudit(tx, ctx, {
      action: 'student.erase',
      entityType: 'student',
      entityId: studentId,
      orgId: row.schoolId,
      outcome: 'denied',
    });
    throw new RetentionRunsError(retention?.retention_ends_on ?? null);
  }
  await anonymiseStudent(tx, ctx, {
    studentId,
    orgId: row.schoolId,
    trigger: 'request',
    reason: body.reason,
    at: now(),
  });
  const logged = await repo.findErasureOf(tx, studentId);
  if (!logged) throw new Error('erasure log row missing');
  return { ...present(logged), created: true };
}

/** 403 unless one of the caller's grants allows `action` (these records are the nation's, not a school's). */
function requireSomewhere(ctx: RequestContext, action: string): string[] {
  const paths = scopePaths(ctx.actor, action);
  if (paths.length === 0) throw new ForbiddenError('privacy');
  return paths;
}

/** The retention classes with the current settings (national admin, auditor). */
export function readRetentionClasses(ctx: RequestContext): { items: RetentionClassInfo[] } {
  requireSomewhere(ctx, ROPA_VIEW);
  return { items: retentionClasses(retentionSettings()) };
}

/** The record of processing activities in the caller's language or the one asked for (national admin, auditor). */
export function readRopa(ctx: RequestContext, lang: Language | undefined): Ropa {
  requireSomewhere(ctx, ROPA_VIEW);
  return buildRopa(lang ?? ctx.language, retentionSettings());
}

/** The newest erasures of the caller's scope (national admin: all; auditor: under the grant). Audited. */
export async function listErasures(
  ctx: RequestContext,
  limit: number,
  tx: Db,
): Promise<{ items: TErasureLogRow[] }> {
  requireSomewhere(ctx, ERASURE_LOG_VIEW);
  const rows = await repo.findErasures(tx, scopePaths(ctx.actor, ERASURE_LOG_VIEW), limit);
  await writeAudit(tx, ctx, {
    action: 'privacy.erasure_log',
    entityType: 'erasure_log',
    entityId: null,
    orgId: null,
  });
  return { items: rows.map(present) };
}

/** How many students one transaction of the job anonymises. */
const BATCH = 200;

/**
 * The scheduled retention job: anonymises every student whose retention ended before today (in
 * batches, one transaction each) and deletes expired technical rows. Idempotent: an anonymised
 * student is never picked again.
 */
export async function runRetention(
  database: Database,
  settings: RetentionSettings = retentionSettings(),
): Promise<{ anonymised: number; importFiles: number; notifications: number }> {
  const ctx: RequestContext = { actor: null, requestId: `job-${randomUUID()}`, ip: null, language: 'en' };
  let anonymised = 0;
  for (;;) {
    const done = await database.withTx(
      async (tx) => {
        const expired = await repo.findExpiredStudents(tx, settings, today(), BATCH);
        for (const s of expired)
          if (
            await anonymiseStudent(tx, ctx, {
              studentId: s.id,
              orgId: s.school_id,
              trigger: 'retention',
              reason: 'retention_expired',
              at: now(),
            })
          )
            anonymised++;
        return expired.length;
      },
      { longStatements: true },
    );
    if (done < BATCH) break;
  }
  const technical = await database.withTx((tx) => repo.deleteExpiredTechnicalRows(tx, now(), settings), {
    longStatements: true,
  });
  return { anonymised, ...technical };
}
