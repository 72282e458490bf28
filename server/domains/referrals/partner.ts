import type { TPartnerReferralList, TReferral, TReferralStatusBody } from '../../../common/api/referrals.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now, today } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { badRequest, conflict, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { findStoredFile, storeScan, type UploadedScan } from '../../platform/files/index.ts';
import { can, canAnywhere, scopePaths } from '../../platform/policy/gate.ts';
import { loadReferral } from './load.ts';
import { REFERRAL_INBOX, REFERRAL_RESPOND, REFERRAL_VIEW_TEXT } from './policy.ts';
import { ATTACHABLE, PARTNER_MOVES, schoolResource } from './present.ts';
import * as repo from './repo.ts';
import { presentMany } from './service.ts';

/** The caller's partner institution (for the audit row of a list). */
const partnerOrg = (ctx: RequestContext) =>
  ctx.actor?.grants.find((g) => g.role === 'partner')?.orgId ?? null;

/**
 * The referrals addressed to the caller's institution, open ones first, with counts by status (the
 * partner's start page); 403 for every other role. Audited.
 */
export async function listInbox(
  ctx: RequestContext,
  status: 'open' | 'all',
  tx: Db,
): Promise<TPartnerReferralList> {
  if (!canAnywhere(ctx.actor, REFERRAL_INBOX)) throw new ForbiddenError('referral');
  const paths = scopePaths(ctx.actor, REFERRAL_INBOX);
  const rows = await repo.findPartnerReferrals(tx, paths, status === 'open');
  const counts = { sent: 0, received: 0, in_progress: 0, answered: 0, overdue: 0 };
  for (const c of await repo.countPartnerReferrals(tx, paths, today())) {
    if (c.status in counts) counts[c.status as keyof typeof counts] = Number(c.n);
    counts.overdue += Number(c.overdue);
  }
  await writeAudit(tx, ctx, {
    action: 'referral.inbox',
    entityType: 'referral',
    entityId: null,
    orgId: partnerOrg(ctx),
  });
  return { items: await presentMany(ctx, tx, rows, true), counts };
}

/** One referral: the partner's view (the chosen items) or the school's; 404 for anyone else. Audited. */
export async function getReferral(ctx: RequestContext, id: string, tx: Db): Promise<TReferral> {
  const { row, asPartner } = await loadReferral(ctx, id, tx);
  await writeAudit(tx, ctx, {
    action: 'referral.read',
    entityType: 'referral',
    entityId: id,
    orgId: asPartner ? row.partner_id : row.school_id,
  });
  const [out] = await presentMany(ctx, tx, [row], asPartner);
  return out;
}

/** A referral addressed to the caller's institution that the caller may answer; 403 for the school side. */
async function referralToAnswer(ctx: RequestContext, id: string, tx: Db) {
  const { row, asPartner } = await loadReferral(ctx, id, tx);
  if (!asPartner || !can(ctx.actor, REFERRAL_RESPOND, { orgPath: row.partner_path }))
    throw new ForbiddenError('referral', id, row.school_id);
  return row;
}

/**
 * The partner marks a referral received, in progress or answered (with the response text); a move
 * its status does not allow is a 409. Audited.
 */
export async function changeReferralStatus(
  ctx: RequestContext,
  id: string,
  input: TReferralStatusBody,
  tx: Db,
): Promise<TReferral> {
  const row = await referralToAnswer(ctx, id, tx);
  if (input.status === 'answered' && !input.response)
    throw badRequest('referral_response_required', 'response');
  if (input.status !== 'answered' && input.response !== undefined) throw badRequest('validation', 'response');
  const changed = await repo.changeStatus(tx, {
    id,
    from: PARTNER_MOVES[input.status],
    status: input.status,
    at: now(),
    by: ctx.actor?.userId as string,
    response: input.response,
  });
  if (!changed) throw conflict('referral_status', 'status');
  const action =
    input.status === 'received'
      ? 'referral.receive'
      : input.status === 'in_progress'
        ? 'referral.start'
        : 'referral.answer';
  await writeAudit(tx, ctx, { action, entityType: 'referral', entityId: id, orgId: row.partner_id });
  const saved = (await repo.findReferral(tx, id)) as repo.ReferralRow;
  const [out] = await presentMany(ctx, tx, [saved], true);
  return out;
}

/** The partner attaches a file (a scan: PDF, JPEG or PNG, content-checked) to its work on a referral. */
export async function attachFile(ctx: RequestContext, id: string, file: UploadedScan, tx: Db): Promise<void> {
  const row = await referralToAnswer(ctx, id, tx);
  if (!ATTACHABLE.includes(row.status as (typeof ATTACHABLE)[number]))
    throw conflict('referral_status', 'status');
  const fileId = await storeScan(ctx, file, row.partner_id, tx);
  await repo.setResponseFile(tx, id, fileId, now());
  await writeAudit(tx, ctx, {
    action: 'referral.attach',
    entityType: 'referral',
    entityId: id,
    orgId: row.partner_id,
  });
}

/** The partner's attached file: for the partner, and for the school side that may read the response. Audited. */
export async function readFile(ctx: RequestContext, id: string, tx: Db): Promise<UploadedScan> {
  const { row, asPartner } = await loadReferral(ctx, id, tx);
  if (!asPartner && !can(ctx.actor, REFERRAL_VIEW_TEXT, schoolResource(row)))
    throw new ForbiddenError('referral', id, row.school_id);
  const file = row.response_file_id ? await findStoredFile(tx, row.response_file_id) : null;
  if (!file) throw new NotFoundError();
  await writeAudit(tx, ctx, {
    action: 'referral.attachment',
    entityType: 'referral',
    entityId: id,
    orgId: asPartner ? row.partner_id : row.school_id,
  });
  return file;
}
