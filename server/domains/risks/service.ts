import type {
  TCreateRiskItemBody,
  TRecordRiskBody,
  TRiskItem,
  TRiskItemBody,
  TStudentRisk,
} from '../../../common/api/risks.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, conflict, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { can, canAnywhere } from '../../platform/policy/gate.ts';
import { addSemester, findSemester, findSemesters } from '../calendar/index.ts';
import { loadVisibleStudent } from '../students/index.ts';
import {
  CATALOGUE_MANAGE,
  CATALOGUE_VIEW,
  SEMESTER_MANAGE,
  STUDENT_RISKS_RECORD,
  STUDENT_RISKS_SENSITIVE,
} from './policy.ts';
import * as repo from './repo.ts';

type CatalogueRow = Awaited<ReturnType<typeof repo.findCatalogue>>[number];

function presentItem(r: CatalogueRow): TRiskItem {
  return {
    ...r,
    riskType: r.riskType as TRiskItem['riskType'],
    source: r.source as TRiskItem['source'],
    retired: r.retiredAt !== null,
  };
}

function requireAnywhere(ctx: RequestContext, action: string): void {
  if (!canAnywhere(ctx.actor, action)) throw new AppError(403, 'forbidden');
}

/** The semesters, newest first. */
export async function listSemesters(ctx: RequestContext, tx: Db) {
  requireAnywhere(ctx, CATALOGUE_VIEW);
  return findSemesters(tx);
}

/** Adds a semester (national admin); semesters may not overlap. */
export async function createSemester(
  ctx: RequestContext,
  input: { schoolYear: number; number: number; startsOn: string; endsOn: string },
  tx: Db,
) {
  requireAnywhere(ctx, SEMESTER_MANAGE);
  const id = await addSemester(tx, input);
  await writeAudit(tx, ctx, { action: 'semester.create', entityType: 'semester', entityId: id });
  return id;
}

/** The catalogue, with retired items (old records still name them). */
export async function listCatalogue(ctx: RequestContext, tx: Db): Promise<TRiskItem[]> {
  requireAnywhere(ctx, CATALOGUE_VIEW);
  return (await repo.findCatalogue(tx)).map(presentItem);
}

/** Adds a risk to the catalogue; family and health types are sensitive. */
export async function createRiskItem(
  ctx: RequestContext,
  input: TCreateRiskItemBody,
  tx: Db,
): Promise<TRiskItem> {
  requireAnywhere(ctx, CATALOGUE_MANAGE);
  if (await repo.codeExists(tx, input.code)) throw conflict('code_taken', 'code');
  const id = await repo.insertRiskItem(tx, {
    code: input.code,
    riskType: input.riskType,
    sensitive: input.riskType === 'family' || input.riskType === 'social_health',
  });
  await repo.insertRiskVersion(tx, id, 1, input, ctx.actor?.userId ?? null);
  await writeAudit(tx, ctx, { action: 'risk_catalogue.create', entityType: 'risk_item', entityId: id });
  return presentItem((await repo.findRiskItem(tx, id)) as CatalogueRow);
}

/** Rewords an item as a new version; records made earlier keep the earlier wording. */
export async function reviseRiskItem(
  ctx: RequestContext,
  id: string,
  input: TRiskItemBody,
  tx: Db,
): Promise<TRiskItem> {
  requireAnywhere(ctx, CATALOGUE_MANAGE);
  const item = await repo.findRiskItem(tx, id);
  if (!item) throw new NotFoundError('risk_item', id);
  await repo.insertRiskVersion(tx, id, item.version + 1, input, ctx.actor?.userId ?? null);
  await writeAudit(tx, ctx, { action: 'risk_catalogue.revise', entityType: 'risk_item', entityId: id });
  return presentItem((await repo.findRiskItem(tx, id)) as CatalogueRow);
}

/** Retires (or restores) an item: it can no longer be chosen, but stays readable in old records. */
export async function setRiskItemRetired(
  ctx: RequestContext,
  id: string,
  retired: boolean,
  tx: Db,
): Promise<TRiskItem> {
  requireAnywhere(ctx, CATALOGUE_MANAGE);
  if (!(await repo.findRiskItem(tx, id))) throw new NotFoundError('risk_item', id);
  await repo.setRiskRetired(tx, id, retired);
  await writeAudit(tx, ctx, {
    action: retired ? 'risk_catalogue.retire' : 'risk_catalogue.restore',
    entityType: 'risk_item',
    entityId: id,
  });
  return presentItem((await repo.findRiskItem(tx, id)) as CatalogueRow);
}

/** A student's risk history across semesters; family and health detail only for the roles that need it. The read is audited. */
export async function listStudentRisks(ctx: RequestContext, studentId: string, tx: Db) {
  const { row, resource } = await loadVisibleStudent(ctx, studentId, tx);
  const seesSensitive = can(ctx.actor, STUDENT_RISKS_SENSITIVE, resource);
  const rows = await repo.findStudentRisks(tx, studentId);
  await writeAudit(tx, ctx, {
    action: 'student_risks.read',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  const items: TStudentRisk[] = rows.map((r) => {
    const restricted = r.sensitive && !seesSensitive;
    return {
      id: r.id,
      semesterId: r.semesterId,
      riskType: r.riskType as TStudentRisk['riskType'],
      restricted,
      riskCode: restricted ? null : r.riskCode,
      nameLv: restricted ? null : r.nameLv,
      nameEn: restricted ? null : r.nameEn,
      justification: restricted ? null : r.justification,
      foundOn: r.foundOn,
      foundByName: r.foundByFirst ? `${r.foundByFirst} ${r.foundByLast}` : null,
      removed: r.removedAt !== null,
    };
  });
  return { items, canRecord: can(ctx.actor, STUDENT_RISKS_RECORD, resource) };
}

/** Records a risk found for a student in a semester, with its justification. */
export async function recordStudentRisk(
  ctx: RequestContext,
  studentId: string,
  input: TRecordRiskBody,
  tx: Db,
): Promise<string> {
  const { row, resource } = await loadVisibleStudent(ctx, studentId, tx);
  if (!can(ctx.actor, STUDENT_RISKS_RECORD, resource))
    throw new ForbiddenError('student', studentId, row.schoolId);
  const semester = await findSemester(tx, input.semesterId);
  if (!semester) throw badRequest('validation', 'semesterId');
  if (input.foundOn > todayInLatvia()) throw badRequest('date_in_future', 'foundOn');
  const item = await repo.findRiskItem(tx, input.riskItemId);
  if (!item || item.retiredAt) throw badRequest('risk_retired', 'riskItemId');
  if (await repo.activeRiskExists(tx, studentId, semester.id, item.id))
    throw conflict('risk_recorded', 'riskItemId');
  const id = await repo.insertStudentRisk(tx, {
    studentId,
    semesterId: semester.id,
    riskVersionId: item.versionId,
    justification: input.justification,
    foundOn: input.foundOn,
    foundBy: ctx.actor?.userId ?? null,
  });
  await writeAudit(tx, ctx, {
    action: 'student_risks.record',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  return id;
}

/** Removes a risk recorded by mistake; it stays in the history as removed. */
export async function removeStudentRisk(
  ctx: RequestContext,
  studentId: string,
  riskId: string,
  tx: Db,
): Promise<void> {
  const { row, resource } = await loadVisibleStudent(ctx, studentId, tx);
  if (!can(ctx.actor, STUDENT_RISKS_RECORD, resource))
    throw new ForbiddenError('student', studentId, row.schoolId);
  const risk = await repo.findStudentRisk(tx, studentId, riskId);
  if (!risk || risk.removedAt) throw new NotFoundError('student_risk', riskId, row.schoolId);
  await repo.removeStudentRisk(tx, riskId, ctx.actor?.userId ?? null);
  await writeAudit(tx, ctx, {
    action: 'student_risks.remove',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
}
