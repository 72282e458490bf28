import {
  SUBJECT_EXPORT_SCHEMA,
  SUBJECT_EXPORT_VERSION,
  SUBJECT_SECTION_KEYS,
  type TSubjectExport,
  type TSubjectExportQuery,
  ZSubjectExport,
} from '../../../common/api/subject-access.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now, today } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { can } from '../../platform/policy/gate.ts';
import { loadVisibleStudent } from '../students/index.ts';
import { subjectExportPdf } from './pdf.ts';
import { SUBJECT_ACCESS_EXPORT } from './policy.ts';
import { findSubjectSection, findUserRoles } from './repo.ts';
import { requireSubjectExportStepUp } from './step-up.ts';

/** Every section read from the database, one at a time, checked against the published schema. */
async function buildDocument(tx: Db, actor: Actor, studentId: string): Promise<TSubjectExport> {
  const sections: Record<string, unknown[]> = {};
  const truncated: string[] = [];
  for (const key of SUBJECT_SECTION_KEYS) {
    const found = await findSubjectSection(tx, key, studentId);
    sections[key] = found.rows;
    if (found.truncated) truncated.push(key);
  }
  return ZSubjectExport.parse({
    schema: SUBJECT_EXPORT_SCHEMA,
    version: SUBJECT_EXPORT_VERSION,
    generatedAt: now().toISOString(),
    requestedBy: {
      name: `${actor.firstName} ${actor.lastName}`,
      roles: await findUserRoles(tx, actor.userId),
    },
    studentId,
    truncated,
    sections,
  });
}

/**
 * Everything held about one student as a download: the JSON document or its PDF in the requester's
 * language. 404 (audited) when the caller does not see the student, 403 when the caller sees the
 * student but may not export; the step-up comes next, then the reads and the audit row.
 */
export async function subjectExportFile(
  ctx: RequestContext,
  studentId: string,
  q: TSubjectExportQuery,
  tx: Db,
): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const { row, resource } = await loadVisibleStudent(ctx, studentId, tx);
  if (!can(ctx.actor, SUBJECT_ACCESS_EXPORT, resource))
    throw new ForbiddenError('student', studentId, row.schoolId);
  await requireSubjectExportStepUp(ctx, tx);
  const doc = await buildDocument(tx, ctx.actor as Actor, studentId);
  await writeAudit(tx, ctx, {
    action: 'subject_access.export',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  const base = `subject-export-${today()}`;
  if (q.format === 'pdf')
    return {
      fileName: `${base}.pdf`,
      contentType: 'application/pdf',
      content: await subjectExportPdf(doc, q.language ?? ctx.language),
    };
  return {
    fileName: `${base}.json`,
    contentType: 'application/json; charset=utf-8',
    content: Buffer.from(JSON.stringify(doc, null, 2)),
  };
}
