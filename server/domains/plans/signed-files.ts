import { createHash } from 'node:crypto';
import { ASICE_TYPE, type TSignedFileList } from '../../../common/api/plan-files.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import {
  findStoredFile,
  insertStoredFile,
  MAX_SCAN_BYTES,
  storeScan,
  type UploadedScan,
} from '../../platform/files/index.ts';
import { can } from '../../platform/policy/gate.ts';
import { type LoadedPlan, loadPlan } from './load.ts';
import { PLAN_SIGNED_UPLOAD } from './policy.ts';
import { checkAsicContainer } from './signed-container.ts';
import * as repo from './signed-files-repo.ts';

const mayUpload = (ctx: RequestContext, loaded: LoadedPlan) =>
  loaded.view === 'current' && can(ctx.actor, PLAN_SIGNED_UPLOAD, loaded.resource);

const safeName = (name: string) => name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 120);

/**
 * Files a signed copy of the plan: a scan (checked as every scan is: storeScan) or an ASiC-E
 * container of eParaksts (checked by checkAsicContainer), stored as uploaded. The school team of the
 * plan's school only; the same file twice on one plan is 409 (a unique index, so two requests at
 * once cannot both file it). Audited.
 */
export async function uploadSignedFile(
  ctx: RequestContext,
  planId: string,
  file: UploadedScan,
  tx: Db,
): Promise<string> {
  // The row lock lines up two uploads of one plan; the unique index refuses the second copy.
  const loaded = await loadPlan(ctx, planId, tx, true);
  if (!mayUpload(ctx, loaded)) throw new ForbiddenError('plan', planId, loaded.plan.schoolId);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  let fileId: string;
  let kind: 'scan' | 'container';
  if (file.contentType === ASICE_TYPE) {
    if (file.content.length === 0) throw new AppError(400, 'file_empty');
    if (file.content.length > MAX_SCAN_BYTES) throw new AppError(413, 'file_too_large');
    await checkAsicContainer(file.content);
    kind = 'container';
    fileId = await insertStoredFile(tx, {
      fileName: safeName(file.fileName),
      contentType: ASICE_TYPE,
      size: file.content.length,
      sha256,
      content: file.content,
      orgId: loaded.plan.schoolId,
      createdBy: ctx.actor?.userId ?? null,
    });
  } else {
    kind = 'scan';
    fileId = await storeScan(ctx, file, loaded.plan.schoolId, tx);
  }
  const id = await repo.insertSignedFile(tx, {
    planId,
    fileId,
    kind,
    sha256,
    uploadedBy: ctx.actor?.userId ?? null,
    uploadedAt: now(),
  });
  await writeAudit(tx, ctx, {
    action: 'plan.signed_file.upload',
    entityType: 'plan',
    entityId: planId,
    orgId: loaded.plan.schoolId,
  });
  return id;
}

/** The plan's signed copies, for anyone who sees the plan; the read is audited. */
export async function listSignedFiles(ctx: RequestContext, planId: string, tx: Db): Promise<TSignedFileList> {
  const loaded = await loadPlan(ctx, planId, tx);
  const rows = await repo.findSignedFiles(tx, planId);
  await writeAudit(tx, ctx, {
    action: 'plan.signed_file.list',
    entityType: 'plan',
    entityId: planId,
    orgId: loaded.auditOrgId,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      fileName: r.file_name,
      contentType: r.content_type,
      kind: r.kind,
      size: Number(r.size),
      uploadedAt: new Date(r.uploaded_at).toISOString(),
      uploadedByName: r.uploaded_by_name,
    })),
    canUpload: mayUpload(ctx, loaded),
  };
}

/** One signed copy with its bytes, for anyone who sees the plan; the read is audited. */
export async function readSignedFile(ctx: RequestContext, planId: string, id: string, tx: Db) {
  const loaded = await loadPlan(ctx, planId, tx);
  const fileId = await repo.findSignedFileId(tx, planId, id);
  const file = fileId ? await findStoredFile(tx, fileId) : null;
  if (!file) throw new NotFoundError('plan_signed_file', id, loaded.plan.schoolId);
  await writeAudit(tx, ctx, {
    action: 'plan.signed_file.read',
    entityType: 'plan',
    entityId: planId,
    orgId: loaded.auditOrgId,
  });
  return file;
}
