import { createHash } from 'node:crypto';
import type { TApplicationBody, TGuardianBody } from '../../../common/api/students.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, NotFoundError } from '../../platform/errors.ts';
import { loadStudentFor, loadVisibleStudent } from './access.ts';
import * as consentRepo from './consent-repo.ts';
import { STUDENT_CONSENT } from './policy.ts';
import { ageOn } from './present.ts';

export const MAX_SCAN_BYTES = 5 * 1024 * 1024;

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

/** An uploaded scan as the API receives it: the raw body and its declared type. */
export interface UploadedScan {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/**
 * Checks a scan (not empty, at most 5 MB, PDF/JPEG/PNG by its first bytes and matching the declared
 * type) and stores it for the organisation; used for application and payment scans alike.
 */
export async function storeScan(
  ctx: RequestContext,
  file: UploadedScan,
  orgId: string,
  tx: Db,
): Promise<string> {
  if (file.content.length === 0) throw badRequest('file_empty', 'file');
  if (file.content.length > MAX_SCAN_BYTES) throw new AppError(413, 'file_too_large');
  const sniffed = sniffScanType(file.content);
  if (!sniffed || sniffed !== file.contentType) throw new AppError(415, 'file_type');
  if (looksLikeHtml(file.content)) throw new AppError(415, 'scan_content_mismatch');
  return consentRepo.insertStoredFile(tx, {
    fileName: file.fileName.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 120),
    contentType: sniffed,
    size: file.content.length,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
    orgId,
    createdBy: ctx.actor?.userId ?? null,
  });
}

/** Markers a browser takes for a web page; no scan has them (case-insensitive, in bytes). */
const HTML_MARKERS = /<(?:html|head|body|script|iframe|svg|!doctype)[\s>/]/i;
/** How far a scan is searched for them: well past what browsers sniff. */
const HTML_SEARCH_BYTES = 64 * 1024;

/**
 * True when the file's first 64 KB hold HTML (a PDF/HTML or image/HTML polyglot): such a file is
 * refused whatever its first bytes say, so it can never be rendered as a page.
 */
export function looksLikeHtml(content: Buffer): boolean {
  return HTML_MARKERS.test(content.subarray(0, HTML_SEARCH_BYTES).toString('latin1'));
}

/** The kind of a scan by its first bytes; the declared content type must agree. */
export function sniffScanType(content: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
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
  const file = await consentRepo.findStoredFile(tx, app.fileId);
  if (!file) throw new NotFoundError('application', applicationId, row.schoolId);
  await writeAudit(tx, ctx, {
    action: 'application.read_scan',
    entityType: 'application',
    entityId: applicationId,
    orgId: row.schoolId,
  });
  return file;
}
