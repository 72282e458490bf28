import { type TEvaluation, ZPlanContent, ZPlanSubmission } from '../../../common/api/plans.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { type AuditEntry, writeAuditMany } from '../../platform/audit.ts';
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
import { insertMeasureComments, saveContent } from './content-repo.ts';
import { findDeliveredHours, findPayments } from './delivery-facts.ts';
import { checkPlanSet, type LoadedPlan, loadPlan, loadPlans, requireAction, today } from './load.ts';
import {
  type ApproversNotice,
  notifyApprovers,
  notifyMany,
  notifyNewProviders,
  notifyPreparer,
  type PreparerNotice,
} from './notify.ts';
import * as repo from './repo.ts';
import { withNewIds } from './service.ts';
import { mayDo, nextLevel } from './workflow.ts';

/** One transition to record: the plan event (with any measure comments) and its audit row. */
interface Transition {
  loaded: LoadedPlan;
  action: string;
  toStatus: string;
  level?: string | null;
  version?: number | null;
  comment?: string | null;
  measureComments?: { measureId: string; comment: string }[];
}

/**
 * Records transitions of distinct plans: their events in one insert and their audit rows (with any
 * other audit rows of the request, `alsoAudit`) in another.
 */
async function recordMany(
  tx: Db,
  ctx: RequestContext,
  moves: Transition[],
  alsoAudit: AuditEntry[] = [],
): Promise<void> {
  const eventIds = await repo.insertEvents(
    tx,
    moves.map((m) => ({
      planId: m.loaded.plan.id,
      actorId: ctx.actor?.userId ?? null,
      action: m.action,
      fromStatus: m.loaded.plan.status,
      toStatus: m.toStatus,
      level: m.level ?? null,
      version: m.version ?? null,
      comment: m.comment ?? null,
    })),
  );
  for (const m of moves)
    await insertMeasureComments(
      tx,
      eventIds.get(m.loaded.plan.id) as number,
      m.loaded.plan.id,
      m.measureComments ?? [],
    );
  await writeAuditMany(tx, ctx, [
    ...moves.map((m) => ({
      action: `plan.${m.action}`,
      entityType: 'plan',
      entityId: m.loaded.plan.id,
      orgId: m.loaded.plan.schoolId,
    })),
    ...alsoAudit,
  ]);
}

async function record(
  tx: Db,
  ctx: RequestContext,
  loaded: LoadedPlan,
  action: string,
  toStatus: string,
  extra: Omit<Transition, 'loaded' | 'action' | 'toStatus'> = {},
) {
  await recordMany(tx, ctx, [{ loaded, action, toStatus, ...extra }]);
}

/** Sends the plan for approval: needs an application in force and at least one risk, goal and measure. Freezes a new version. */
export async function submitPlan(ctx: RequestContext, id: string, tx: Db): Promise<void> {
  const loaded = await loadPlan(ctx, id, tx, true);
  requireAction(ctx, loaded, 'submit');
  if (!loaded.student.applicationInForce) throw badRequest('plan_needs_application', 'application');
  // The same schema the web's editor checks before it sends the submission.
  const checked = ZPlanSubmission.safeParse(loaded.content);
  if (!checked.success)
    throw new AppError(
      400,
      'plan_incomplete',
      checked.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message === 'required' ? 'required' : i.code,
      })),
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

/**
 * Approves distinct locked plans at their current levels and passes each on (director → municipality
 * → expert), in four statements whatever their number: the new states, the events, the audit rows
 * and the notifications.
 */
async function approveLoaded(ctx: RequestContext, loaded: LoadedPlan[], tx: Db): Promise<void> {
  for (const l of loaded) requireAction(ctx, l, 'approve');
  const at = now();
  const states: repo.PlanStateRow[] = [];
  const moves: Transition[] = [];
  const approvers: ApproversNotice[] = [];
  const preparers: PreparerNotice[] = [];
  for (const l of loaded) {
    const level = l.facts.level as 'director' | 'municipality' | 'expert';
    const next = nextLevel(level, l.schoolUnderNation);
    const version = l.plan.version;
    if (next) {
      states.push({
        id: l.plan.id,
        status: l.plan.status,
        approvalLevel: next,
        levelSince: at,
        revisionOf: l.plan.revisionOf,
      });
      moves.push({ loaded: l, action: 'approve', toStatus: 'in_approval', level, version });
      approvers.push({ plan: l.plan, schoolPath: l.resource.orgPath, level: next });
      preparers.push({ plan: l.plan, kind: 'plan_level_approved', level });
    } else {
      // A revision returns the plan to where it was (in progress); a first approval makes it approved.
      const status = l.plan.revisionOf === 'in_progress' ? 'in_progress' : 'approved';
      states.push({ id: l.plan.id, status, approvalLevel: null, levelSince: null, revisionOf: null });
      moves.push({ loaded: l, action: 'approve', toStatus: status, level, version });
      preparers.push({ plan: l.plan, kind: 'plan_approved', level });
    }
  }
  await repo.updatePlanStates(tx, states);
  await recordMany(tx, ctx, moves);
  await notifyMany(tx, approvers, preparers);
}

/** Approves at the plan's current level and passes it on (director → municipality → expert). */
export async function approvePlan(ctx: RequestContext, id: string, tx: Db): Promise<void> {
  await approveLoaded(ctx, [await loadPlan(ctx, id, tx, true)], tx);
}

/**
 * Approves several plans at once: all of them or none, in a number of statements that does not
 * depend on how many. The whole set is decided first (one query, the gate per id in memory, before
 * any plan is locked); an unknown or unseen id refuses everything with a 404, returned so its denial
 * audit commits; a plan not at the caller's level refuses with 403.
 */
export async function approvePlans(ctx: RequestContext, ids: string[], tx: Db): Promise<number | AppError> {
  const unique = [...new Set(ids)];
  const refused = await checkPlanSet(ctx, unique, 'approve', tx);
  if (refused) return refused;
  // Every id is decided; the plans are then locked (in id order, one statement) and checked again
  // under their locks (another approver may have moved one meanwhile), and the transitions run.
  const loaded = await loadPlans(ctx, unique, tx, true);
  await approveLoaded(ctx, loaded, tx);
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
  // Recorded last, with the continuation's audit row in the same insert (a refusal rolls it all back).
  const evaluateMove: Transition = { loaded, action: 'evaluate', toStatus: 'evaluated' };
  if (!input.continueNextSemester) {
    await recordMany(tx, ctx, [evaluateMove]);
    return { nextPlanId: null };
  }
  const next = (await findSemesters(tx))
    .filter((s) => s.startsOn > loaded.semester.startsOn)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0];
  if (!next) throw badRequest('no_next_semester', 'continueNextSemester');
  if (await repo.findLivePlanOfStudent(tx, loaded.student.id, next.id)) {
    await recordMany(tx, ctx, [evaluateMove]);
    return { nextPlanId: null };
  }
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
  await notifyNewProviders(tx, nextId, ctx.actor?.userId ?? null);
  await repo.insertEvent(tx, {
    planId: nextId,
    actorId: ctx.actor?.userId ?? null,
    action: 'continue',
    fromStatus: null,
    toStatus: 'draft',
  });
  await recordMany(
    tx,
    ctx,
    [evaluateMove],
    [{ action: 'plan.create', entityType: 'plan', entityId: nextId, orgId: loaded.student.schoolId }],
  );
  return { nextPlanId: nextId };
}
