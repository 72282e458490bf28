import { BUDGET_CATEGORIES, type BudgetCategory } from '../../../common/api/support.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { minutesToHours, todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { findStoredFile, storeScan, type UploadedScan } from '../../platform/files/index.ts';
import { can, canAnywhere } from '../../platform/policy/gate.ts';
import { findSemester } from '../calendar/index.ts';
import { findOrganisationById } from '../organisations/index.ts';
import { type LoadedPlan, loadPlan } from '../plans/index.ts';
import * as repo from './budget-repo.ts';
import { BUDGET_ALLOCATE, BUDGET_VIEW, CAPS_MANAGE, OVER_CAP_DECIDE, PAYMENT_RECORD } from './policy.ts';

async function loadSchool(ctx: RequestContext, schoolId: string, tx: Db) {
  const school = await findOrganisationById(tx, schoolId);
  if (!school || school.type !== 'school' || !can(ctx.actor, BUDGET_VIEW, { orgPath: school.path }))
    throw new NotFoundError('organisation', schoolId);
  return school;
}

/** A school's semester budget: allocated, used and remaining per line (consultations in hours, the rest in cents). */
export async function getBudget(ctx: RequestContext, schoolId: string, semesterId: string, tx: Db) {
  const school = await loadSchool(ctx, schoolId, tx);
  const { allocated, used } = await repo.findBudgetUse(tx, school.id, semesterId);
  const lines = BUDGET_CATEGORIES.map((category) => {
    const a = allocated.find((x) => x.category === category);
    const u = Number(used.find((x) => x.category === category)?.amount ?? 0);
    const conv = (n: number) => (category === 'consultation' ? minutesToHours(n) : n);
    return {
      category,
      allocated: a ? conv(Number(a.amount)) : null,
      used: conv(u),
      remaining: a ? conv(Number(a.amount) - u) : null,
    };
  });
  return {
    schoolId: school.id,
    semesterId,
    lines,
    canAllocate: can(ctx.actor, BUDGET_ALLOCATE, { orgPath: school.path }),
  };
}

/** Allocates a budget line (consultation hours, or cents for an economic category). */
export async function setBudget(
  ctx: RequestContext,
  input: { schoolId: string; semesterId: string; category: BudgetCategory; amount: number },
  tx: Db,
) {
  const school = await loadSchool(ctx, input.schoolId, tx);
  if (!can(ctx.actor, BUDGET_ALLOCATE, { orgPath: school.path }))
    throw new ForbiddenError('organisation', school.id, school.id);
  if (!(await findSemester(tx, input.semesterId))) throw badRequest('validation', 'semesterId');
  const amount = input.category === 'consultation' ? Math.round(input.amount * 60) : Math.round(input.amount);
  await repo.upsertBudget(tx, school.id, input.semesterId, input.category, amount, ctx.actor?.userId ?? null);
  await writeAudit(tx, ctx, {
    action: 'budget.allocate',
    entityType: 'organisation',
    entityId: school.id,
    orgId: school.id,
  });
  return getBudget(ctx, school.id, input.semesterId, tx);
}

/** The national per-student caps (null: no cap set). */
export async function getCaps(tx: Db) {
  const caps = await repo.findCaps(tx);
  return {
    items: BUDGET_CATEGORIES.map((category) => {
      const c = caps.find((x) => x.category === category);
      return {
        category,
        amount: c
          ? category === 'consultation'
            ? minutesToHours(Number(c.amount))
            : Number(c.amount)
          : null,
      };
    }),
  };
}

/** Sets (or, with null, removes) the national per-student cap of a support type (national admin). */
export async function setCap(ctx: RequestContext, category: BudgetCategory, amount: number | null, tx: Db) {
  if (!canAnywhere(ctx.actor, CAPS_MANAGE)) throw new AppError(403, 'forbidden');
  await repo.setCap(
    tx,
    category,
    amount === null ? null : category === 'consultation' ? Math.round(amount * 60) : Math.round(amount),
    ctx.actor?.userId ?? null,
  );
  await writeAudit(tx, ctx, { action: 'caps.update', entityType: 'support_cap', entityId: category });
  return getCaps(tx);
}

/**
 * Checks a session against the school's consultation budget and each student's cap, holding the
 * budget line's lock until the transaction ends. No allocation means nothing may be recorded.
 */
export async function checkConsultationLimits(
  tx: Db,
  schoolId: string,
  semesterId: string,
  studentIds: string[],
  minutes: number,
): Promise<void> {
  const allocated = await repo.lockBudgetLine(tx, schoolId, semesterId, 'consultation');
  if (allocated === null) throw new AppError(409, 'no_budget');
  if ((await repo.schoolUse(tx, schoolId, semesterId, 'consultation')) + minutes > allocated)
    throw new AppError(409, 'over_budget');
  const cap = (await repo.findCaps(tx)).find((c) => c.category === 'consultation');
  if (!cap) return;
  for (const studentId of studentIds)
    if ((await repo.studentUse(tx, studentId, semesterId, 'consultation')) + minutes > Number(cap.amount))
      throw new AppError(409, 'over_cap');
}

/**
 * Records an economic support payment against a measure of a plan in progress. Beyond the student's
 * cap or the school's budget it is refused, unless a coordinator gives a reason: that is recorded as
 * an over-cap decision with the payment.
 */
export async function recordPayment(
  ctx: RequestContext,
  planId: string,
  input: {
    measureId: string;
    onDate: string;
    amountCents: number;
    recipient: string;
    documentRef: string;
    overCapReason?: string;
  },
  tx: Db,
): Promise<string> {
  const loaded = await loadPlan(ctx, planId, tx, true);
  if (!can(ctx.actor, PAYMENT_RECORD, loaded.resource))
    throw new ForbiddenError('plan', planId, loaded.plan.schoolId);
  if (!paymentsOpen(loaded)) throw new AppError(409, 'session_plan_not_running');
  const measure = loaded.content.measures.find((m) => m.id === input.measureId);
  if (!measure || measure.kind !== 'economic' || !measure.economicCategory)
    throw badRequest('payment_measure', 'measureId');
  if (input.onDate > todayInLatvia()) throw badRequest('date_in_future', 'onDate');
  if (input.onDate < loaded.semester.startsOn || input.onDate > loaded.semester.endsOn)
    throw badRequest('session_outside_semester', 'onDate');
  const category = measure.economicCategory;
  const schoolId = loaded.plan.schoolId;
  const semesterId = loaded.semester.id;
  const allocated = await repo.lockBudgetLine(tx, schoolId, semesterId, category);
  if (allocated === null) throw new AppError(409, 'no_budget');
  // Under the line's lock: the same receipt recorded twice at once is one payment, not two.
  const { onDate, amountCents, documentRef } = input;
  if (await repo.paymentExists(tx, { planId, measureId: measure.id, onDate, amountCents, documentRef }))
    throw new AppError(409, 'payment_duplicate');
  const overBudget =
    (await repo.schoolUse(tx, schoolId, semesterId, category)) + input.amountCents > allocated;
  const cap = (await repo.findCaps(tx)).find((c) => c.category === category);
  const overCap = cap
    ? (await repo.studentUse(tx, loaded.student.id, semesterId, category)) + input.amountCents >
      Number(cap.amount)
    : false;
  let decisionId: string | null = null;
  if (overBudget || overCap) {
    if (!input.overCapReason) throw new AppError(409, overBudget ? 'over_budget' : 'over_cap');
    if (!can(ctx.actor, OVER_CAP_DECIDE, loaded.resource))
      throw new ForbiddenError('plan', planId, loaded.plan.schoolId);
    decisionId = await repo.insertOverCapDecision(tx, {
      schoolId,
      studentId: loaded.student.id,
      category,
      reason: input.overCapReason,
      decidedBy: ctx.actor?.userId ?? null,
    });
    await writeAudit(tx, ctx, {
      action: 'over_cap.decide',
      entityType: 'student',
      entityId: loaded.student.id,
      orgId: schoolId,
    });
  }
  const id = await repo.insertPayment(tx, {
    planId,
    measureId: measure.id,
    studentId: loaded.student.id,
    schoolId,
    semesterId,
    onDate: input.onDate,
    category,
    amountCents: input.amountCents,
    recipient: input.recipient,
    documentRef: input.documentRef,
    overCapDecisionId: decisionId,
    createdBy: ctx.actor?.userId ?? null,
  });
  await writeAudit(tx, ctx, {
    action: 'payment.record',
    entityType: 'student',
    entityId: loaded.student.id,
    orgId: schoolId,
  });
  return id;
}

/** The state rule of payments, once: only a plan in progress (and not left behind by a move) takes them. */
function paymentsOpen(loaded: LoadedPlan): boolean {
  return loaded.plan.status === 'in_progress' && !loaded.facts.movedOut;
}

/** The caller's abilities on a plan's payments (the same rules that guard the payment routes). */
function paymentAbilities(ctx: RequestContext, loaded: LoadedPlan) {
  const mayRecord = !loaded.facts.movedOut && can(ctx.actor, PAYMENT_RECORD, loaded.resource);
  return {
    record: mayRecord && paymentsOpen(loaded),
    attachScan: mayRecord,
    decideOverCap: paymentsOpen(loaded) && can(ctx.actor, OVER_CAP_DECIDE, loaded.resource),
    viewBudget: can(ctx.actor, BUDGET_VIEW, { orgPath: loaded.resource.orgPath }),
  };
}

/** A plan's payments (anyone who sees the plan). */
export async function listPayments(ctx: RequestContext, planId: string, tx: Db) {
  const loaded = await loadPlan(ctx, planId, tx);
  const rows = await repo.findPayments(tx, planId);
  await writeAudit(tx, ctx, {
    action: 'payment.list',
    entityType: 'plan',
    entityId: planId,
    orgId: loaded.plan.schoolId,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      measureId: r.measure_id,
      onDate: r.on_date,
      category: r.category,
      amountCents: Number(r.amount_cents),
      recipient: r.recipient,
      documentRef: r.document_ref,
      overCapReason: r.reason,
      hasScan: r.file_id !== null,
    })),
    can: paymentAbilities(ctx, loaded),
  };
}

/** Stores the receipt or invoice scan of a payment (PDF, JPEG or PNG, at most 5 MB, checked by content). */
export async function attachPaymentScan(
  ctx: RequestContext,
  planId: string,
  paymentId: string,
  file: UploadedScan,
  tx: Db,
): Promise<void> {
  const loaded = await loadPlan(ctx, planId, tx, true);
  if (!can(ctx.actor, PAYMENT_RECORD, loaded.resource))
    throw new ForbiddenError('plan', planId, loaded.plan.schoolId);
  const fileId = await storeScan(ctx, file, loaded.plan.schoolId, tx);
  if (!(await repo.attachPaymentFile(tx, planId, paymentId, fileId)))
    throw new NotFoundError('payment', paymentId, loaded.plan.schoolId);
  await writeAudit(tx, ctx, {
    action: 'payment.attach_scan',
    entityType: 'student',
    entityId: loaded.student.id,
    orgId: loaded.plan.schoolId,
  });
}

/** The scan of a payment, for anyone who may read the plan; the read is audited. */
export async function readPaymentScan(ctx: RequestContext, planId: string, paymentId: string, tx: Db) {
  const loaded = await loadPlan(ctx, planId, tx);
  const payment = (await repo.findPayments(tx, planId)).find((p) => p.id === paymentId);
  const file = payment?.file_id ? await findStoredFile(tx, payment.file_id) : null;
  if (!file) throw new NotFoundError('payment', paymentId, loaded.plan.schoolId);
  await writeAudit(tx, ctx, {
    action: 'payment.read_scan',
    entityType: 'student',
    entityId: loaded.student.id,
    orgId: loaded.auditOrgId,
  });
  return file;
}
