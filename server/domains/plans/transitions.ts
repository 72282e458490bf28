import { type TEvaluation, ZPlanContent } from '../../../common/api/plans.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest } from '../../platform/errors.ts';
import { findSemesters } from '../calendar/index.ts';
import {
  findActiveRiskOfItem,
  findRiskVersionIdOfRecord,
  findStudentRisks,
  insertStudentRisk,
} from '../risks/index.ts';
import { missingForSubmit } from './content.ts';
import { insertMeasureComments, saveContent } from './content-repo.ts';
import { findDeliveredHours, findPayments } from './delivery-facts.ts';
import { checkPlanSet, type LoadedPlan, loadPlan, requireAction, today } from './load.ts';
import { notifyApprovers, notifyPreparer } from './notify.ts';
import * as repo from './repo.ts';
import { withNewIds } from './service.ts';
import { mayDo, nextLevel } from './workflow.ts';

async function record(
  tx: Db,
  ctx: RequestContext,
  loaded: LoadedPlan,
  action: string,
  toStatus: string,
  extra: {
    level?: string | null;
    version?: number | null;
    comment?: string | null;
    measureComments?: { measureId: string; comment: string }[];
  } = {},
) {
  const eventId = await repo.insertEvent(tx, {
    planId: loaded.plan.id,
    actorId: ctx.actor?.userId ?? null,
    action,
    fromStatus: loaded.plan.status,
    toStatus,
    level: extra.level ?? null,
    version: extra.version ?? null,
    comment: extra.comment ?? null,
  });
  await insertMeasureComments(tx, eventId, loaded.plan.id, extra.measureComments ?? []);
  await writeAudit(tx, ctx, {
    action: `plan.${action}`,
    entityType: 'plan',
    entityId: loaded.plan.id,
    orgId: loaded.plan.schoolId,
  });
}

/** Sends the plan for approval: needs an application in force and at least one risk, goal and measure. Freezes a new version. */
export async function submitPlan(ctx: RequestContext, id: string, tx: Db): Promise<void> {
  const loaded = await loadPlan(ctx, id, tx, true);
  requireAction(ctx, loaded, 'submit');
  if (!loaded.student.applicationInForce) throw badRequest('plan_needs_application', 'application');
  const missing = missingForSubmit(loaded.content);
  if (missing.length)
    throw new AppError(
      400,
      'plan_incomplete',
      missing.map((m) => ({ path: m, message: 'required' })),
    );
  const version = loaded.plan.version + 1;
  await repo.insertVersion(tx, id, version, loaded.content, ctx.actor?.userId ?? null);
  const revisionOf = loaded.plan.status === 'under_revision' ? loaded.plan.revisionOf : null;
  await repo.updatePlan(tx, id, {
    status: 'in_approval',
    approvalLevel: 'director',
    levelSince: now(),
    version,
    revisionOf,
  });
  await record(tx, ctx, loaded, 'submit', 'in_approval', { level: 'director', version });
  await notifyApprovers(tx, loaded.plan, loaded.resource.orgPath, 'director');
}

async function approveLoaded(ctx: RequestContext, loaded: LoadedPlan, tx: Db): Promise<void> {
  requireAction(ctx, loaded, 'approve');
  const level = loaded.facts.level as 'director' | 'municipality' | 'expert';
  const next = nextLevel(level, loaded.schoolUnderNation);
  if (next) {
    await repo.updatePlan(tx, loaded.plan.id, { approvalLevel: next, levelSince: now() });
    await record(tx, ctx, loaded, 'approve', 'in_approval', { level, version: loaded.plan.version });
    await notifyApprovers(tx, loaded.plan, loaded.resource.orgPath, next);
    await notifyPreparer(tx, loaded.plan, 'plan_level_approved', level);
  } else {
    // A revision returns the plan to where it was (in progress); a first approval makes it approved.
    const status = loaded.plan.revisionOf === 'in_progress' ? 'in_progress' : 'approved';
    await repo.updatePlan(tx, loaded.plan.id, {
      status,
      approvalLevel: null,
      levelSince: null,
      revisionOf: null,
    });
    await record(tx, ctx, loaded, 'approve', status, { level, version: loaded.plan.version });
    await notifyPreparer(tx, loaded.plan, 'plan_approved', level);
  }
}

/** Approves at the plan's current level and passes it on (director → municipality → expert). */
export async function approvePlan(ctx: RequestContext, id: string, tx: Db): Promise<void> {
  await approveLoaded(ctx, await loadPlan(ctx, id, tx, true), tx);
}

/**
 * Approves several plans at once: all of them or none. The whole set is decided first (one query,
 * the gate per id in memory, before any plan is locked); an unknown or unseen id refuses everything
 * with a 404, returned so its denial audit commits; a plan not at the caller's level refuses with 403.
 */
export async function approvePlans(ctx: RequestContext, ids: string[], tx: Db): Promise<number | AppError> {
  const unique = [...new Set(ids)];
  const refused = await checkPlanSet(ctx, unique, 'approve', tx);
  if (refused) return refused;
  // Every id is decided; each plan is then locked and checked again under its lock (another approver
  // may have moved it meanwhile), and the transition runs.
  const loaded: LoadedPlan[] = [];
  for (const id of unique) loaded.push(await loadPlan(ctx, id, tx, true));
  for (const l of loaded) requireAction(ctx, l, 'approve');
  for (const l of loaded) await approveLoaded(ctx, l, tx);
  return loaded.length;
}

/** Returns the plan to its preparer with comments on the plan and on measures. */
export async function returnPlan(
  ctx: RequestContext,
  id: string,
  input: { comment: string; measureComments: { measureId: string; comment: string }[] },
  tx: Db,
): Promise<void> {
  const loaded = await loadPlan(ctx, id, tx, true);
  requireAction(ctx, loaded, 'return');
  const measureIds = new Set(loaded.content.measures.map((m) => m.id));
  for (const c of input.measureComments)
    if (!measureIds.has(c.measureId)) throw badRequest('validation', 'measureComments');
  const status = loaded.plan.revisionOf ? 'under_revision' : 'draft';
  await repo.updatePlan(tx, id, { status, approvalLevel: null, levelSince: null });
  await record(tx, ctx, loaded, 'return', status, {
    level: loaded.facts.level,
    version: loaded.plan.version,
    comment: input.comment,
    measureComments: input.measureComments,
  });
  await notifyPreparer(tx, loaded.plan, 'plan_returned', loaded.facts.level);
}

/** Simple moves of the state machine that need no more than a check and a record. */
export async function movePlan(
  ctx: RequestContext,
  id: string,
  action: 'start' | 'resume' | 'revise' | 'close' | 'delete',
  tx: Db,
): Promise<void> {
  const loaded = await loadPlan(ctx, id, tx, true);
  // Whoever could delete the plan but for what was delivered or paid is told why (409), not just "no".
  if (
    action === 'delete' &&
    loaded.facts.hasDeliveries &&
    mayDo(ctx.actor, 'delete', { ...loaded.facts, hasDeliveries: false }, loaded.resource)
  )
    throw new AppError(409, 'plan_has_deliveries');
  requireAction(ctx, loaded, action);
  const to = {
    start: 'in_progress',
    resume: 'in_progress',
    revise: 'under_revision',
    close: 'closed',
    delete: 'deleted',
  }[action];
  const patch: Parameters<typeof repo.updatePlan>[2] = { status: to };
  if (action === 'revise') patch.revisionOf = loaded.plan.status;
  if (action === 'resume') patch.pausedReason = null;
  await repo.updatePlan(tx, id, patch);
  await record(tx, ctx, loaded, action, to);
}

/** Pauses a plan in progress; a reason is required. */
export async function pausePlan(ctx: RequestContext, id: string, reason: string, tx: Db): Promise<void> {
  const loaded = await loadPlan(ctx, id, tx, true);
  requireAction(ctx, loaded, 'pause');
  await repo.updatePlan(tx, id, { status: 'paused', pausedReason: reason });
  await record(tx, ctx, loaded, 'pause', 'paused', { comment: reason });
}

/**
 * The semester evaluation: each measure carried out yes / partly / no, progress, whether the risks
 * decreased. "Continue" makes a new draft for the next semester, copied from this plan, with the
 * student's risks carried over.
 */
export async function evaluatePlan(
  ctx: RequestContext,
  id: string,
  input: TEvaluation,
  tx: Db,
): Promise<{ nextPlanId: string | null }> {
  const loaded = await loadPlan(ctx, id, tx, true);
  requireAction(ctx, loaded, 'evaluate');
  const measureIds = loaded.content.measures.map((m) => m.id).sort();
  const evaluated = input.measures.map((m) => m.measureId).sort();
  if (JSON.stringify(measureIds) !== JSON.stringify(evaluated))
    throw badRequest('evaluation_measures', 'measures');
  // Delivered hours come from the support log (confirmed sessions), not from what was typed.
  const delivered = await findDeliveredHours(tx, [id]);
  const payments = await findPayments(tx, id);
  const evaluation = {
    ...input,
    measures: input.measures.map((m) => {
      const d = delivered.find((x) => x.measure_id === m.measureId);
      const kind = loaded.content.measures.find((x) => x.id === m.measureId)?.kind;
      const spent = payments
        .filter((p) => p.measure_id === m.measureId)
        .reduce((a, p) => a + Number(p.amount_cents), 0);
      return {
        ...m,
        deliveredHours:
          kind === 'consultation' ? Number(Number(d?.delivered ?? 0).toFixed(2)) : m.deliveredHours,
        deliveredCents: kind === 'economic' ? spent : m.deliveredCents,
      };
    }),
  };
  await repo.updatePlan(tx, id, { status: 'evaluated', evaluation });
  await record(tx, ctx, loaded, 'evaluate', 'evaluated');
  if (!input.continueNextSemester) return { nextPlanId: null };
  const next = (await findSemesters(tx))
    .filter((s) => s.startsOn > loaded.semester.startsOn)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0];
  if (!next) throw badRequest('no_next_semester', 'continueNextSemester');
  if (await repo.findLivePlanOfStudent(tx, loaded.student.id, next.id)) return { nextPlanId: null };
  const oldRisks = (await findStudentRisks(tx, loaded.student.id)).filter((r) =>
    loaded.content.riskIds.includes(r.id),
  );
  const riskMap = new Map<string, string>();
  for (const r of oldRisks) {
    const versionId = await findRiskVersionIdOfRecord(tx, r.id);
    if (!versionId) continue;
    // The next semester may already hold the item (one active record per item and semester).
    riskMap.set(
      r.id,
      (await findActiveRiskOfItem(tx, loaded.student.id, next.id, versionId)) ??
        (await insertStudentRisk(tx, {
          studentId: loaded.student.id,
          semesterId: next.id,
          riskVersionId: versionId,
          justification: r.justification,
          foundOn: today(),
          foundBy: ctx.actor?.userId ?? null,
        })),
    );
  }
  const content = ZPlanContent.parse(withNewIds(loaded.content, riskMap));
  const nextId = await repo.insertPlan(tx, {
    code: await repo.nextPlanCode(tx, next),
    studentId: loaded.student.id,
    schoolId: loaded.student.schoolId,
    semesterId: next.id,
    status: 'draft',
    preparerId: loaded.plan.preparerId,
    copiedFromPlanId: loaded.plan.id,
  });
  await saveContent(tx, nextId, content, now());
  await repo.insertEvent(tx, {
    planId: nextId,
    actorId: ctx.actor?.userId ?? null,
    action: 'continue',
    fromStatus: null,
    toStatus: 'draft',
  });
  await writeAudit(tx, ctx, {
    action: 'plan.create',
    entityType: 'plan',
    entityId: nextId,
    orgId: loaded.student.schoolId,
  });
  return { nextPlanId: nextId };
}
