import {
  defaultOutcomeYear,
  MAX_OUTCOME_ROWS,
  type TOutcomeBody,
  type TOutcomeList,
  type TOutcomeRow,
} from '../../../common/api/outcomes.ts';
import { type Outcome, STAYED_OUTCOMES } from '../../../common/api/reports.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now, today } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { can } from '../../platform/policy/gate.ts';
import { loadOwnSchoolFor } from '../organisations/index.ts';
import { OUTCOME_RECORD, OUTCOME_VIEW } from './policy.ts';
import * as repo from './repo.ts';

const num = (v: string | number | null): number | null => (v === null || v === undefined ? null : Number(v));
const iso = (v: string | Date | null): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

function present(r: repo.ProgrammeRow): TOutcomeRow {
  return {
    studentId: r.student_id,
    firstName: r.first_name,
    lastName: r.last_name,
    classLabel: r.class_label,
    planCodes: typeof r.plan_codes === 'string' ? JSON.parse(r.plan_codes) : r.plan_codes,
    movedAway: Boolean(r.moved_away),
    outcome: (r.outcome as Outcome | null) ?? null,
    reason: r.reason,
    source: (r.source as 'entered' | 'import' | null) ?? null,
    recordedAt: iso(r.recorded_at),
    unjustifiedLessons: { before: num(r.before_unjustified), after: num(r.after_unjustified) },
    markAverage: { before: num(r.before_mark), after: num(r.after_mark) },
  };
}

/**
 * A school's programme students of a school year (default: `defaultOutcomeYear`) with their
 * outcomes and before/after figures; 404 for a school outside the caller's scope. Audited.
 */
export async function listOutcomes(
  ctx: RequestContext,
  schoolId: string,
  schoolYear: number | undefined,
  tx: Db,
): Promise<TOutcomeList> {
  const school = await loadOwnSchoolFor(ctx, schoolId, OUTCOME_VIEW, tx);
  const year = schoolYear ?? defaultOutcomeYear(today());
  const rows = await repo.findProgrammeStudents(tx, school.id, year);
  const years = await repo.findProgrammeYears(tx, school.id);
  await writeAudit(tx, ctx, {
    action: 'outcome.list',
    entityType: 'organisation',
    entityId: school.id,
    orgId: school.id,
  });
  const stayed: readonly string[] = STAYED_OUTCOMES;
  return {
    schoolId: school.id,
    schoolYear: year,
    schoolYears: [...new Set([...years, defaultOutcomeYear(today())])].sort((a, b) => b - a),
    items: rows.slice(0, MAX_OUTCOME_ROWS).map(present),
    total: rows.length,
    recorded: rows.filter((r) => r.outcome !== null).length,
    stayed: rows.filter((r) => r.outcome !== null && stayed.includes(r.outcome)).length,
    others: await repo.countOtherOutcomes(tx, school.id, year),
    can: { record: can(ctx.actor, OUTCOME_RECORD, { orgPath: school.path }) },
  };
}

/**
 * The school that owns the student's outcome of the year, checked for OUTCOME_RECORD: 404 when the
 * student is no programme student that year or the school is outside the caller's scope, 403 for a
 * member of the school without the right.
 */
async function ownerSchool(ctx: RequestContext, studentId: string, schoolYear: number, tx: Db) {
  const schoolId = await repo.findOwnerSchool(tx, studentId, schoolYear);
  if (!schoolId) throw new NotFoundError('student', studentId);
  return loadOwnSchoolFor(ctx, schoolId, OUTCOME_RECORD, tx);
}

/** One listed student as the list shows it. */
async function rowOf(tx: Db, schoolId: string, schoolYear: number, studentId: string): Promise<TOutcomeRow> {
  const rows = await repo.findProgrammeStudents(tx, schoolId, schoolYear);
  const row = rows.find((r) => r.student_id === studentId);
  if (!row) throw new NotFoundError('student', studentId, schoolId);
  return present(row);
}

/** Records (or changes) a student's outcome of a school year. Repeating it changes nothing. Audited. */
export async function recordOutcome(
  ctx: RequestContext,
  studentId: string,
  body: TOutcomeBody,
  tx: Db,
): Promise<TOutcomeRow> {
  const school = await ownerSchool(ctx, studentId, body.schoolYear, tx);
  await repo.upsertOutcomes(tx, [
    {
      studentId,
      schoolYear: body.schoolYear,
      schoolId: school.id,
      outcome: body.outcome,
      reason: body.outcome === 'left_education' ? (body.reason ?? null) : null,
      source: 'entered',
      recordedBy: ctx.actor?.userId ?? null,
      at: now(),
    },
  ]);
  await writeAudit(tx, ctx, {
    action: 'outcome.record',
    entityType: 'student',
    entityId: studentId,
    orgId: school.id,
  });
  return rowOf(tx, school.id, body.schoolYear, studentId);
}

/** Clears a student's outcome of a school year (nothing left to clear is fine: a double click). Audited. */
export async function clearOutcome(
  ctx: RequestContext,
  studentId: string,
  schoolYear: number,
  tx: Db,
): Promise<TOutcomeRow> {
  const school = await ownerSchool(ctx, studentId, schoolYear, tx);
  await repo.deleteOutcome(tx, studentId, schoolYear);
  await writeAudit(tx, ctx, {
    action: 'outcome.clear',
    entityType: 'student',
    entityId: studentId,
    orgId: school.id,
  });
  return rowOf(tx, school.id, schoolYear, studentId);
}
