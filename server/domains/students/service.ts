import { bindCursor } from '../../../common/api/cursor.ts';
import type {
  TApplication,
  TCreateStudentBody,
  TStudentDetail,
  TStudentListQuery,
  TUpdateStudentBody,
} from '../../../common/api/students.ts';
import { formatPersonalCode, parsePersonalCode } from '../../../common/personal-code.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { type AuditEntry, writeAudit, writeAuditMany } from '../../platform/audit.ts';
import { pageOffset } from '../../platform/cursor.ts';
import type { Database, Db } from '../../platform/db.ts';
import { AppError, badRequest, conflict, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { abilitiesOn, can } from '../../platform/policy/gate.ts';
import { findOrganisationById } from '../organisations/index.ts';
import { findGrantsOfUsers } from '../users/index.ts';
import {
  loadStudentFor,
  loadVisibleStudent,
  mayRevealWholeList,
  revealScope,
  studentScope,
} from './access.ts';
import * as consentRepo from './consent-repo.ts';
import { STUDENT_CONSENT, STUDENT_MANAGE, STUDENT_REVEAL_CODE, STUDENT_VIEW } from './policy.ts';
import { ageOn, presentStudentSummary } from './present.ts';
import * as repo from './repo.ts';

/** Grade and course are exclusive: a vocational course or a general-education grade. */
export function checkLevel(grade: number | null | undefined, course: number | null | undefined): void {
  if ((grade ?? null) === null && (course ?? null) === null) throw badRequest('grade_or_course', 'grade');
  if ((grade ?? null) !== null && (course ?? null) !== null) throw badRequest('grade_or_course', 'course');
}

/** A school the caller manages students of (404 outside scope, 400 when it is not a school). */
export async function loadManagedSchool(ctx: RequestContext, schoolId: string, tx: Db) {
  const school = await findOrganisationById(tx, schoolId);
  if (!school || !can(ctx.actor, STUDENT_VIEW, { orgPath: school.path, assignedUserIds: [] }))
    throw new NotFoundError('organisation', schoolId);
  if (school.type !== 'school') throw badRequest('not_a_school', 'schoolId');
  if (!can(ctx.actor, STUDENT_MANAGE, { orgPath: school.path, assignedUserIds: [] }))
    throw new ForbiddenError('organisation', school.id, school.id);
  return school;
}

/**
 * Students visible to the caller, a page at a time. The list is audited as one read; a search by
 * personal code is audited like a reveal, once for every student it finds (or once when it finds none).
 */
export async function listStudents(ctx: RequestContext, q: TStudentListQuery, tx: Db) {
  const scope = studentScope(ctx);
  // Partners and auditors have no student list at all.
  if (scope.wholePaths.length === 0 && scope.assignedPaths.length === 0) throw new AppError(403, 'forbidden');
  const codeSortable = mayRevealWholeList(ctx);
  if (q.sort === 'code' && !codeSortable) throw badRequest('sort_by_code_not_allowed', 'sort');
  const { rows, total, totalAtLeast, nextCursor } = await repo.findStudents(tx, scope, {
    ...q,
    limit: q.pageSize,
    offset: pageOffset(q),
    revealScope: revealScope(ctx),
  });
  await writeAudit(tx, ctx, { action: 'student.list', entityType: 'student', orgId: q.schoolId ?? null });
  if (repo.searchedCode(q.q) !== null) {
    const found = rows.map((r) => ({ entityId: r.id, orgId: r.schoolId }));
    await writeAuditMany(
      tx,
      ctx,
      (found.length ? found : [{ entityId: null, orgId: q.schoolId ?? null }]).map((f) => ({
        action: 'student.search_code',
        entityType: 'student',
        ...f,
      })),
    );
  }
  return {
    items: rows.map(presentStudentSummary),
    total,
    totalAtLeast,
    codeSortable,
    nextCursor: bindCursor(nextCursor, q),
  };
}

function presentApplication(
  a: Awaited<ReturnType<typeof consentRepo.findApplications>>[number],
): TApplication {
  return {
    id: a.id,
    signedOn: a.signedOn,
    signerType: a.signerType as TApplication['signerType'],
    guardianId: a.guardianId,
    signerName: a.signerName,
    scope: a.scope as TApplication['scope'],
    documentRef: a.documentRef,
    file: a.fileId
      ? { id: a.fileId, name: a.fileName ?? '', contentType: a.fileContentType ?? '', size: a.fileSize ?? 0 }
      : null,
    withdrawnOn: a.withdrawnOn,
    withdrawalReason: a.withdrawalReason,
    inForce: Boolean(a.inForce),
    createdAt: new Date(a.createdAt).toISOString(),
  };
}

/** The student's record with guardians, applications, moves and assigned staff; the read is audited. */
export async function getStudent(
  ctx: RequestContext,
  id: string,
  tx: Db,
  audit = true,
): Promise<TStudentDetail> {
  const { row, resource } = await loadVisibleStudent(ctx, id, tx);
  const applicationRows = await consentRepo.findApplications(tx, id);
  // Guardians, moves and the assigned staff with the role each holds at the student's school, at once.
  const { guardians: guardianRows, moves, staff } = await repo.findStudentRelations(tx, id, row.schoolPath);
  if (audit)
    await writeAudit(tx, ctx, {
      action: 'student.read',
      entityType: 'student',
      entityId: id,
      orgId: row.schoolId,
    });
  const age = ageOn(row.birthDate);
  return {
    ...presentStudentSummary(row),
    gender: (row.gender as TStudentDetail['gender']) ?? null,
    age,
    isAdult: age !== null && age >= 18,
    statusDate: row.statusDate,
    statusReason: row.statusReason,
    personalCodeWarning: row.personalCodeWarning,
    guardians: guardianRows.map((g) => ({
      ...g,
      relation: g.relation as never,
      language: g.language as never,
    })),
    applications: applicationRows.map(presentApplication),
    moves: moves.map((m) => ({ ...m, movedOn: m.movedOn })),
    assignedStaff: staff.map((s) => ({
      userId: s.userId,
      name: `${s.firstName} ${s.lastName}`,
      role: s.role ?? 'teacher',
    })),
    // An anonymised record is not edited any more (updateStudent answers 409 student_anonymised).
    canEdit: row.anonymisedAt === null && can(ctx.actor, STUDENT_MANAGE, resource),
    canManageConsent: can(ctx.actor, STUDENT_CONSENT, resource),
    canRevealCode: can(ctx.actor, STUDENT_REVEAL_CODE, resource),
    anonymisedAt: row.anonymisedAt === null ? null : new Date(row.anonymisedAt).toISOString(),
    can: {
      ...(abilitiesOn(ctx.actor, 'student', resource) as TStudentDetail['can']),
      ...(row.anonymisedAt !== null && { edit: false }),
    },
  };
}

/**
 * The audit trail of a refused registration: at the caller's school (no student named, so its
 * viewers learn nothing new) and at the school that has the student (who tried to register it).
 */
export function refusedCodeAudit(schoolId: string, existing: { id: string; schoolId: string }): AuditEntry[] {
  const entry = { action: 'student.create_refused', entityType: 'student', outcome: 'denied' } as const;
  return [
    { ...entry, orgId: schoolId },
    { ...entry, orgId: existing.schoolId, entityId: existing.id },
  ];
}

/**
 * A personal code that is registered already, here or anywhere: one 409 whatever the reason, so
 * nothing outside the caller's scope shows. Carries the audit rows, written after the rollback.
 */
export class RefusedCodeError extends AppError {
  constructor(readonly auditEntries: AuditEntry[]) {
    super(409, 'personal_code_taken', [{ path: 'personalCode', message: 'personal_code_taken' }]);
  }
}

/** Runs a registration; a refused code is audited in its own transaction (the request's rolls back). */
export async function auditingRefusedCode<T>(database: Database, ctx: RequestContext, run: () => Promise<T>) {
  try {
    return await run();
  } catch (e) {
    if (e instanceof RefusedCodeError) await database.withTx((tx) => writeAuditMany(tx, ctx, e.auditEntries));
    throw e;
  }
}

/** Registers a student at a school the caller manages. The personal code is unique nationally. */
export async function createStudent(
  ctx: RequestContext,
  input: TCreateStudentBody,
  tx: Db,
): Promise<TStudentDetail> {
  const school = await loadManagedSchool(ctx, input.schoolId, tx);
  checkLevel(input.grade, input.course);
  const parsed = parsePersonalCode(input.personalCode);
  if (!parsed.ok) throw badRequest(`personal_code_${parsed.error}` as never, 'personalCode');
  const existing = await repo.findStudentIdByCode(tx, parsed.normalized);
  if (existing) throw new RefusedCodeError(refusedCodeAudit(school.id, existing));
  const birthDate = parsed.birthDate ?? input.birthDate ?? null;
  if (parsed.birthDate && input.birthDate && input.birthDate !== parsed.birthDate)
    throw badRequest('birth_date_mismatch', 'birthDate');
  const id = await repo.insertStudent(tx, {
    personalCode: parsed.normalized,
    personalCodeWarning: parsed.warnings.length > 0,
    firstName: input.firstName,
    lastName: input.lastName,
    birthDate,
    gender: input.gender ?? null,
    schoolId: school.id,
    grade: input.grade ?? null,
    course: input.course ?? null,
    classLabel: input.classLabel,
  });
  await writeAudit(tx, ctx, {
    action: 'student.create',
    entityType: 'student',
    entityId: id,
    orgId: school.id,
  });
  return getStudent(ctx, id, tx, false);
}

/** Edits names, class, level or status of a student the caller manages. */
export async function updateStudent(
  ctx: RequestContext,
  id: string,
  input: TUpdateStudentBody,
  tx: Db,
): Promise<TStudentDetail> {
  const { row } = await loadStudentFor(ctx, id, STUDENT_MANAGE, tx);
  // An anonymised student's record stays without a name (issue 16): no edit puts one back.
  if (row.anonymisedAt !== null) throw conflict('student_anonymised');
  const grade = input.grade !== undefined ? input.grade : row.grade;
  const course = input.course !== undefined ? input.course : row.course;
  if (input.grade !== undefined || input.course !== undefined) checkLevel(grade, course);
  const parsed = parsePersonalCode(row.personalCode);
  if (input.birthDate && parsed.ok && parsed.birthDate && parsed.birthDate !== input.birthDate)
    throw badRequest('birth_date_mismatch', 'birthDate');
  if (input.status && input.status !== 'enrolled' && !input.statusDate)
    throw badRequest('status_date_required', 'statusDate');
  await repo.updateStudent(tx, id, {
    ...(input.firstName !== undefined && { firstName: input.firstName }),
    ...(input.lastName !== undefined && { lastName: input.lastName }),
    ...(input.birthDate !== undefined && { birthDate: input.birthDate }),
    ...(input.gender !== undefined && { gender: input.gender }),
    ...(input.classLabel !== undefined && { classLabel: input.classLabel }),
    ...(input.grade !== undefined && { grade: input.grade }),
    ...(input.course !== undefined && { course: input.course }),
    ...(input.status !== undefined && {
      status: input.status,
      statusDate: input.status === 'enrolled' ? null : (input.statusDate ?? null),
      statusReason: input.status === 'enrolled' ? null : (input.statusReason ?? null),
    }),
  });
  await writeAudit(tx, ctx, {
    action: input.status ? 'student.status' : 'student.update',
    entityType: 'student',
    entityId: id,
    orgId: row.schoolId,
  });
  return getStudent(ctx, id, tx, false);
}

/** The whole personal code, a separate and audited action. */
export async function revealPersonalCode(
  ctx: RequestContext,
  id: string,
  tx: Db,
): Promise<{ personalCode: string }> {
  const { row } = await loadStudentFor(ctx, id, STUDENT_REVEAL_CODE, tx);
  await writeAudit(tx, ctx, {
    action: 'student.reveal_code',
    entityType: 'student',
    entityId: id,
    orgId: row.schoolId,
  });
  return { personalCode: formatPersonalCode(row.personalCode) };
}
