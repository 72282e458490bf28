import type {
  TReferral,
  TSendReferralBody,
  TSharedData,
  TStudentReferrals,
} from '../../../common/api/referrals.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now, today } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { badRequest, conflict, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { can } from '../../platform/policy/gate.ts';
import { measureLabel } from '../plans/index.ts';
import { loadVisibleStudent } from '../students/index.ts';
import { type LoadedReferral, loadReferral } from './load.ts';
import { REFERRAL_CLOSE, REFERRAL_SEND, REFERRAL_VIEW } from './policy.ts';
import { presentReferral, schoolResource, WITHDRAWABLE } from './present.ts';
import * as repo from './repo.ts';
import { presentSnapshot, takeSnapshot } from './snapshot.ts';

/** A student the caller sees, and 403 unless `action` is allowed on it. */
async function studentFor(ctx: RequestContext, studentId: string, action: string, tx: Db) {
  const loaded = await loadVisibleStudent(ctx, studentId, tx);
  if (!can(ctx.actor, action, loaded.resource))
    throw new ForbiddenError('student', studentId, loaded.row.schoolId);
  return loaded;
}

/** The parent path of a school's path ('/nation/mun/school/' → '/nation/mun/'), and the nation's. */
function parentPaths(schoolPath: string): { parent: string; nation: string } {
  const ids = schoolPath.split('/').filter(Boolean);
  return { parent: `/${ids.slice(0, -1).join('/')}/`, nation: `/${ids[0]}/` };
}

/**
 * The partners a school may refer to: those of its municipality and the national ones (directly
 * under the nation). A state vocational school sits under the nation, so it may refer to any
 * partner in the country: it takes students from everywhere and no home municipality is stored.
 */
function eligiblePartners(tx: Db, schoolPath: string) {
  const { parent, nation } = parentPaths(schoolPath);
  return repo.findEligiblePartners(tx, parent, nation);
}

/** Each referral's events, by referral id. */
async function eventsOf(tx: Db, rows: repo.ReferralRow[]) {
  const events = await repo.findReferralEvents(
    tx,
    rows.map((r) => r.id),
  );
  const by = new Map<string, typeof events>();
  for (const e of events) by.set(e.referral_id, [...(by.get(e.referral_id) ?? []), e]);
  return by;
}

/** Presents referrals with their events (the school's or the partner's view). */
export async function presentMany(
  ctx: RequestContext,
  tx: Db,
  rows: repo.ReferralRow[],
  asPartner: boolean,
  labels: Map<string, string> = new Map(),
): Promise<TReferral[]> {
  const events = await eventsOf(tx, rows);
  const day = today();
  return rows.map((r) =>
    presentReferral(
      ctx,
      r,
      events.get(r.id) ?? [],
      asPartner,
      day,
      r.measure_id ? (labels.get(r.measure_id) ?? null) : null,
    ),
  );
}

/** The student's plan measures in words, by measure id. */
async function studentMeasures(ctx: RequestContext, tx: Db, studentId: string) {
  const rows = await repo.findStudentMeasures(tx, studentId);
  return rows.map((m) => ({
    planId: m.plan_id,
    measureId: m.measure_id,
    label: `${m.plan_code}: ${measureLabel(
      {
        kind: m.kind,
        consultationType: m.consultation_type,
        subject: m.subject,
        economicCategory: m.economic_category,
        otherType: m.other_type,
        description: m.description,
      } as Parameters<typeof measureLabel>[0],
      ctx.language,
    )}`,
  }));
}

/** A student's referrals (school side), with the partners and plan measures a new one may name; audited. */
export async function listStudentReferrals(
  ctx: RequestContext,
  studentId: string,
  tx: Db,
): Promise<TStudentReferrals> {
  const { row, resource } = await studentFor(ctx, studentId, REFERRAL_VIEW, tx);
  const send = can(ctx.actor, REFERRAL_SEND, resource);
  const measures = await studentMeasures(ctx, tx, studentId);
  const labels = new Map(measures.map((m) => [m.measureId, m.label]));
  const rows = await repo.findStudentReferrals(tx, studentId);
  const partners = send ? await eligiblePartners(tx, row.schoolPath) : [];
  await writeAudit(tx, ctx, {
    action: 'referral.list',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  return {
    items: await presentMany(ctx, tx, rows, false, labels),
    can: { send },
    partners: partners.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.partner_kind as TStudentReferrals['partners'][number]['kind'],
      municipalityName: p.municipality_name,
    })),
    measures: send ? measures : [],
  };
}

/** Exactly what the partner would see of the chosen items, shown to the sender before sending; audited. */
export async function previewReferral(
  ctx: RequestContext,
  studentId: string,
  items: TSendReferralBody['items'],
  tx: Db,
): Promise<{ data: TSharedData }> {
  const student = await studentFor(ctx, studentId, REFERRAL_SEND, tx);
  const snapshot = await takeSnapshot(tx, ctx.actor, student, items);
  await writeAudit(tx, ctx, {
    action: 'referral.preview',
    entityType: 'student',
    entityId: studentId,
    orgId: student.row.schoolId,
  });
  return { data: presentSnapshot(snapshot, ctx.language) };
}

/**
 * Refers a student to a partner institution: the partner must be one the school may refer to (404
 * otherwise), the deadline today or later, the measure one of the student's live plan measures. The
 * chosen items are copied now (the snapshot the partner sees). The same open referral to the same
 * partner with the same reason is refused (409); a repeated submission gets the stored answer.
 */
export async function sendReferral(
  ctx: RequestContext,
  studentId: string,
  input: TSendReferralBody,
  tx: Db,
): Promise<TReferral> {
  const student = await studentFor(ctx, studentId, REFERRAL_SEND, tx);
  const { row } = student;
  const partners = await eligiblePartners(tx, row.schoolPath);
  if (!partners.some((p) => p.id === input.partnerId))
    throw new NotFoundError('organisation', input.partnerId);
  const day = today();
  if (input.dueOn < day) throw badRequest('referral_due_past', 'dueOn');
  const planId = input.planId ?? null;
  const measureId = input.measureId ?? null;
  if ((planId === null) !== (measureId === null))
    throw badRequest('validation', planId ? 'measureId' : 'planId');
  if (planId && measureId) {
    const measures = await repo.findStudentMeasures(tx, studentId);
    if (!measures.some((m) => m.plan_id === planId && m.measure_id === measureId))
      throw new NotFoundError('plan', planId, row.schoolId);
  }
  const snapshot = await takeSnapshot(tx, ctx.actor, student, input.items);
  const id = crypto.randomUUID();
  const at = now();
  const inserted = await repo.insertReferral(tx, {
    id,
    code: `NS-${day.slice(0, 4)}-${id.slice(0, 6).toUpperCase()}`,
    studentId,
    schoolId: row.schoolId,
    partnerId: input.partnerId,
    planId,
    measureId,
    reason: input.reason,
    urgency: input.urgency,
    dueOn: input.dueOn,
    items: [...input.items],
    sharedData: snapshot,
    status: 'sent',
    sentBy: ctx.actor?.userId as string,
    sentAt: at,
    updatedAt: at,
  });
  if (!inserted) throw conflict('referral_duplicate', 'reason');
  await writeAudit(tx, ctx, {
    action: 'referral.send',
    entityType: 'referral',
    entityId: id,
    orgId: row.schoolId,
  });
  const saved = await repo.findReferral(tx, id);
  const measures = measureId ? await studentMeasures(ctx, tx, studentId) : [];
  const [out] = await presentMany(
    ctx,
    tx,
    saved ? [saved] : [],
    false,
    new Map(measures.map((m) => [m.measureId, m.label])),
  );
  return out;
}

/** A referral the caller may close or withdraw (the school side): 404 outside its sight, 403 without the right. */
async function referralToClose(ctx: RequestContext, id: string, tx: Db): Promise<LoadedReferral> {
  const loaded = await loadReferral(ctx, id, tx);
  const { row } = loaded;
  if (loaded.asPartner || !can(ctx.actor, REFERRAL_CLOSE, schoolResource(row)))
    throw new ForbiddenError('referral', id, row.school_id);
  return loaded;
}

/** Closes an answered referral, or withdraws one the partner has not answered (409 otherwise); audited. */
export async function endReferral(
  ctx: RequestContext,
  id: string,
  how: 'closed' | 'withdrawn',
  tx: Db,
): Promise<TReferral> {
  const { row } = await referralToClose(ctx, id, tx);
  const from = how === 'closed' ? ['answered'] : WITHDRAWABLE;
  const changed = await repo.changeStatus(tx, {
    id,
    from,
    status: how,
    at: now(),
    by: ctx.actor?.userId as string,
  });
  if (!changed) throw conflict('referral_status', 'status');
  await writeAudit(tx, ctx, {
    action: how === 'closed' ? 'referral.close' : 'referral.withdraw',
    entityType: 'referral',
    entityId: id,
    orgId: row.school_id,
  });
  const saved = (await repo.findReferral(tx, id)) as repo.ReferralRow;
  const [out] = await presentMany(ctx, tx, [saved], false);
  return out;
}
