import type { TApplicationBody, TGuardianBody } from '../../../common/api/students.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, NotFoundError } from '../../platform/errors.ts';
import { findStoredFile, storeScan, type UploadedScan } from '../../platform/files/index.ts';
import { loadStudentFor, loadVisibleStudent } from './access.ts';
import * as consentRepo from './consent-repo.ts';
import { STUDENT_CONSENT } from './policy.ts';
import { ageOn } from './present.ts';

/** Adds a guardian to a student. */
export async function addGuardian(
  ctx: RequestContext,
  studentId: string,
  input: TGuardianBody,
  tx: Db,
): Promise<string> {
  const { row } = await loadStudentFor(ctx, studentId, STUDENT_CONSENT, tx);
  const id = await consentRepo.insertGuardian(tx, studentId, {
    ...input,
    phone: input.phone ?? null,
    email: input.email ?? null,
  });
  await writeAudit(tx, ctx, {
    action: 'guardian.create',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  return id;
}

export async function updateGuardian(
  ctx: RequestContext,
  studentId: string,
  guardianId: string,
  input: TGuardianBody,
  tx: Db,
): Promise<void> {
  const { row } = await loadStudentFor(ctx, studentId, STUDENT_CONSENT, tx);
  if (!(await consentRepo.findGuardian(tx, studentId, guardianId)))
    throw new NotFoundError('guardian', guardianId, row.schoolId);
  await consentRepo.updateGuardian(tx, studentId, guardianId, {
    ...input,
    phone: input.phone ?? null,
    email: input.email ?? null,
  });
  await writeAudit(tx, ctx, {
    action: 'guardian.update',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
}

/** Removes a guardian who has signed no application (a signed one must stay on record). */
export async function removeGuardian(
  ctx: RequestContext,
  studentId: string,
  guardianId: string,
  tx: Db,
): Promise<void> {
  const { row } = await loadStudentFor(ctx, studentId, STUDENT_CONSENT, tx);
  if (!(await consentRepo.findGuardian(tx, studentId, guardianId)))
    throw new NotFoundError('guardian', guardianId, row.schoolId);
  if ((await consentRepo.countApplicationsByGuardian(tx, guardianId)) > 0)
    throw new AppError(409, 'guardian_has_applications');
  await consentRepo.deleteGuardian(tx, studentId, guardianId);
  await writeAudit(tx, ctx, {
    action: 'guardian.delete',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
}

/**
 * Records a signed application. A guardian signs for a minor; a student aged 18 or over on the
 * day of signing signs for themselves.
 */
export async function addApplication(
  ctx: RequestContext,
  studentId: string,
  input: TApplicationBody,
  tx: Db,
): Promise<string> {
  const { row } = await loadStudentFor(ctx, studentId, STUDENT_CONSENT, tx);
  if (input.signedOn > todayInLatvia()) throw badRequest('date_in_future', 'signedOn');
  let signerName: string;
  let guardianId: string | null = null;
  if (input.signerType === 'student') {
    const age = ageOn(row.birthDate, input.signedOn);
    if (age === null || age < 18) throw badRequest('adult_required', 'signerType');
    signerName = `${row.firstName} ${row.lastName}`;
  } else {
    if (!input.guardianId) throw badRequest('guardian_required', 'guardianId');
    const guardian = await consentRepo.findGuardian(tx, studentId, input.guardianId);
    if (!guardian) throw badRequest('guardian_required', 'guardianId');
    guardianId = guardian.id;
    signerName = `${guardian.firstName} ${guardian.lastName}`;
  }
  const id = await consentRepo.insertApplication(tx, {
    studentId,
    signedOn: input.signedOn,
    signerType: input.signerType,
    guardianId,
    signerName,
    scope: input.scope,
    documentRef: input.documentRef ?? null,
    createdBy: ctx.actor?.userId ?? null,
  });
  await writeAudit(tx, ctx, {
    action: 'application.create',
    entityType: 'application',
    entityId: id,
    orgId: row.schoolId,
  });
  return id;
}

/** Withdraws an application from a date; it stays on record. */
export async function withdrawApplication(
  ctx: RequestContext,
  studentId: string,
  applicationId: string,
  input: { withdrawnOn: string; reason?: string },
  tx: Db,
): Promise<void> {
  const { row } = await loadStudentFor(ctx, studentId, STUDENT_CONSENT, tx);
  const app = await consentRepo.findApplication(tx, studentId, applicationId);
  if (!app) throw new NotFoundError('application', applicationId, row.schoolId);
  if (app.withdrawnOn) throw new AppError(409, 'application_withdrawn');
  if (input.withdrawnOn < app.signedOn) throw badRequest('withdrawal_before_signing', 'withdrawnOn');
  await consentRepo.withdrawApplication(tx, applicationId, input.withdrawnOn, input.reason ?? null);
  await writeAudit(tx, ctx, {
    action: 'application.withdraw',
    entityType: 'application',
    entityId: applicationId,
    orgId: row.schoolId,
  });
}

/** Stores the scan of a signed application (PDF, JPEG or PNG, at most 5 MB). */
export async function attachScan(
  ctx: RequestContext,
  studentId: string,
  applicationId: string,
  file: UploadedScan,
  tx: Db,
): Promise<void> {
  const { row } = await loadStudentFor(ctx, studentId, STUDENT_CONSENT, tx);
  const app = await consentRepo.findApplication(tx, studentId, applicationId);
  if (!app) throw new NotFoundError('application', applicationId, row.schoolId);
  const fileId = await storeScan(ctx, file, row.schoolId, tx);
  await consentRepo.attachApplicationFile(tx, applicationId, fileId);
  await writeAudit(tx, ctx, {
    action: 'application.attach_scan',
    entityType: 'application',
    entityId: applicationId,
    orgId: row.schoolId,
  });
}

/** The scan of an application, for a caller who may see the student; the read is audited. */
export async function readScan(ctx: RequestContext, studentId: string, applicationId: string, tx: Db) {
  const { row } = await loadVisibleStudent(ctx, studentId, tx);
  const app = await consentRepo.findApplication(tx, studentId, applicationId);
  if (!app?.fileId) throw new NotFoundError('application', applicationId, row.schoolId);
  const file = await findStoredFile(tx, app.fileId);
  if (!file) throw new NotFoundError('application', applicationId, row.schoolId);
  await writeAudit(tx, ctx, {
    action: 'application.read_scan',
    entityType: 'application',
    entityId: applicationId,
    orgId: row.schoolId,
  });
  return file;
}
