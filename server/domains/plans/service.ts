import { randomUUID } from 'node:crypto';
import type { TCursorPayload } from '../../../common/api/cursor.ts';
import { bindCursor } from '../../../common/api/cursor.ts';
import { type TPlan, type TPlanContent, ZPlanContent } from '../../../common/api/plans.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now, nowMs } from '../../platform/clock.ts';
import { pageOffset } from '../../platform/cursor.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, conflict, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { can, scopePaths } from '../../platform/policy/gate.ts';
import { findSemester } from '../calendar/index.ts';
import { findStudentRisks, STUDENT_RISKS_SENSITIVE } from '../risks/index.ts';
import { loadVisibleStudent, studentScope } from '../students/index.ts';
import { checkContent, diffContent, planTotals } from './content.ts';
import { saveContent } from './content-repo.ts';
import { allowedActions, type LoadedPlan, loadPlan, planCan, requireAction } from './load.ts';
import { planVisible } from './moved-repo.ts';
import { notificationText, notifyNewProviders } from './notify.ts';
import {
  PLAN_APPROVE_DIRECTOR,
  PLAN_APPROVE_EXPERT,
  PLAN_APPROVE_MUNICIPALITY,
  PLAN_TEAM,
} from './policy.ts';
import * as repo from './repo.ts';

const semesterLabel = (s: { schoolYear: number; number: number }, lang: 'lv' | 'en') =>
  t(lang, 'semester.label', { year: s.schoolYear, nextYear: s.schoolYear + 1, number: s.number });

/** Starts a draft plan for a student and semester; the student's risks of that semester are taken in. */
export async function createPlan(
  ctx: RequestContext,
  input: { studentId: string; semesterId: string },
  tx: Db,
): Promise<string> {
  const { row, resource } = await loadVisibleStudent(ctx, input.studentId, tx);
  if (!can(ctx.actor, PLAN_TEAM, resource)) throw new ForbiddenError('student', row.id, row.schoolId);
  const semester = await findSemester(tx, input.semesterId);
  if (!semester) throw badRequest('validation', 'semesterId');
  if (await repo.findLivePlanOfStudent(tx, row.id, semester.id)) throw conflict('plan_exists', 'semesterId');
  const risks = (await findStudentRisks(tx, row.id)).filter(
    (r) => r.semesterId === semester.id && !r.removedAt,
  );
  const content: TPlanContent = {
    riskIds: risks.map((r) => r.id),
    goals: [],
    measures: [],
    supervisorId: null,
  };
  const id = await repo.insertPlan(tx, {
    code: await repo.nextPlanCode(tx, semester),
    studentId: row.id,
    schoolId: row.schoolId,
    classLabel: row.classLabel,
    semesterId: semester.id,
    status: 'draft',
    preparerId: ctx.actor?.userId ?? null,
  });
  await saveContent(tx, id, content, now());
  await notifyNewProviders(tx, id, ctx.actor?.userId ?? null);
  await repo.insertEvent(tx, {
    planId: id,
    actorId: ctx.actor?.userId ?? null,
    action: 'create',
    fromStatus: null,
    toStatus: 'draft',
  });
  await writeAudit(tx, ctx, { action: 'plan.create', entityType: 'plan', entityId: id, orgId: row.schoolId });
  return id;
}

/** The plan as the caller may see it, with history and the actions the caller may take. */
export async function presentPlan(ctx: RequestContext, loaded: LoadedPlan, tx: Db): Promise<TPlan> {
  const { plan, content, student, semester } = loaded;
  // The school the student left no longer works with the family: the detail of family and health
  // risks is withheld from it (it still sees that such a risk was addressed).
  const seesSensitive = loaded.view === 'current' && can(ctx.actor, STUDENT_RISKS_SENSITIVE, loaded.resource);
  const studentRisks = await findStudentRisks(tx, student.id);
  const risks = content.riskIds.map((rid) => {
    const r = studentRisks.find((x) => x.id === rid);
    const restricted = !r || (r.sensitive && !seesSensitive);
    return {
      id: rid,
      riskType: r?.riskType ?? 'learning',
      riskCode: restricted ? null : (r?.riskCode ?? null),
      nameLv: restricted ? null : (r?.nameLv ?? null),
      nameEn: restricted ? null : (r?.nameEn ?? null),
      justification: restricted ? null : (r?.justification ?? null),
    };
  });
  const allEvents = await repo.findEvents(tx, plan.id);
  // The school the student left sees its plan's history up to the move, nothing recorded later.
  const endedAt = allEvents.findLastIndex((e) => e.action === 'end_moved');
  const events = loaded.view === 'former' && endedAt >= 0 ? allEvents.slice(0, endedAt + 1) : allEvents;
  const people = [plan.preparerId, content.supervisorId, ...content.measures.map((m) => m.providerId)].filter(
    (x): x is string => Boolean(x),
  );
  // Loaded with the plan, unless the content changed since (new providers) and a name is missing.
  const names = people.every((p) => loaded.names.has(p))
    ? new Map([...new Set(people)].map((p) => [p, loaded.names.get(p) as string]))
    : await repo.findUserNames(tx, [...new Set(people)]);
  const lastReturn = [...events].reverse().find((e) => e.action === 'return');
  return {
    id: plan.id,
    code: plan.code,
    studentId: student.id,
    studentName: `${student.firstName} ${student.lastName}`,
    // A plan left behind by a move shows the class the student had at the plan's school.
    classLabel: plan.movedOutAt ? (plan.classLabel ?? '') : student.classLabel,
    schoolId: plan.schoolId,
    schoolName: loaded.schoolName,
    semesterId: semester.id,
    semesterLabel: semesterLabel(semester, ctx.language),
    status: loaded.facts.status,
    approvalLevel: loaded.facts.level,
    waitingSince: plan.levelSince ? new Date(plan.levelSince).toISOString() : null,
    version: plan.version,
    preparerId: plan.preparerId,
    preparerName: plan.preparerId ? (names.get(plan.preparerId) ?? null) : null,
    content,
    risks,
    totals: planTotals(content),
    pausedReason: plan.pausedReason,
    evaluation: (plan.evaluation as TPlan['evaluation']) ?? null,
    history: events.map((e) => ({
      at: new Date(e.at).toISOString(),
      actorName: e.firstName ? `${e.firstName} ${e.lastName}` : null,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      level: e.level,
      version: e.version,
      comment: e.comment,
      measureComments: (e.measureComments as { measureId: string; comment: string }[] | null) ?? [],
    })),
    allowed: allowedActions(ctx, loaded),
    can: planCan(ctx, loaded),
    returnComment:
      loaded.facts.status === 'draft' || loaded.facts.status === 'under_revision'
        ? (lastReturn?.comment ?? null)
        : null,
    peopleNames: Object.fromEntries(names),
    pin: { hasPin: Boolean(student.hasPin), setters: loaded.pinSetters },
  };
}

/** One plan; the read is audited. */
export async function getPlan(ctx: RequestContext, id: string, tx: Db): Promise<TPlan> {
  const loaded = await loadPlan(ctx, id, tx);
  await writeAudit(tx, ctx, {
    action: 'plan.read',
    entityType: 'plan',
    entityId: id,
    orgId: loaded.auditOrgId,
  });
  return presentPlan(ctx, loaded, tx);
}

/** Saves the draft content (only while draft or under revision). */
export async function updatePlanContent(
  ctx: RequestContext,
  id: string,
  input: TPlanContent,
  tx: Db,
): Promise<TPlan> {
  const loaded = await loadPlan(ctx, id, tx, true);
  requireAction(ctx, loaded, 'edit');
  const content = ZPlanContent.parse(input);
  // A plan addresses the risks recorded for its own semester.
  const riskIds = new Set(
    (await findStudentRisks(tx, loaded.student.id))
      .filter((r) => !r.removedAt && r.semesterId === loaded.semester.id)
      .map((r) => r.id),
  );
  checkContent(content, riskIds, await repo.findSchoolStaffIds(tx, loaded.plan.schoolId));
  await saveContent(tx, id, content, now());
  await notifyNewProviders(tx, id, ctx.actor?.userId ?? null);
  await repo.updatePlan(tx, id, {});
  await writeAudit(tx, ctx, {
    action: 'plan.update',
    entityType: 'plan',
    entityId: id,
    orgId: loaded.plan.schoolId,
  });
  return presentPlan(ctx, { ...loaded, content }, tx);
}

/** New ids for a copied plan's goals and measures. */
export function withNewIds(content: TPlanContent, riskIdMap: Map<string, string>): TPlanContent {
  return {
    supervisorId: content.supervisorId,
    riskIds: content.riskIds.map((r) => riskIdMap.get(r)).filter((r): r is string => Boolean(r)),
    goals: content.goals.map((g) => ({ ...g, id: randomUUID() })),
    measures: content.measures.map((m) => ({
      ...m,
      id: randomUUID(),
      riskIds: m.riskIds.map((r) => riskIdMap.get(r)).filter((r): r is string => Boolean(r)),
    })),
  };
}

/** Plans of the students the caller sees. */
export async function listPlans(
  ctx: RequestContext,
  q: {
    studentId?: string;
    schoolId?: string;
    semesterId?: string;
    status?: string;
    page?: number;
    pageSize: number;
    cursor?: TCursorPayload;
  },
  tx: Db,
) {
  const scope = studentScope(ctx);
  if (scope.wholePaths.length === 0 && scope.assignedPaths.length === 0) throw new AppError(403, 'forbidden');
  const { rows, total, totalAtLeast, nextCursor } = await repo.findPlans(tx, planVisible(scope), {
    ...q,
    limit: q.pageSize,
    offset: pageOffset(q),
  });
  await writeAudit(tx, ctx, { action: 'plan.list', entityType: 'plan', orgId: q.schoolId ?? null });
  return {
    items: rows.map((r) => presentListRow(r, ctx.language)),
    total,
    totalAtLeast,
    nextCursor: bindCursor(nextCursor, q),
  };
}

function presentListRow(r: repo.PlanListRow, lang: 'lv' | 'en') {
  const since = r.level_since ? new Date(r.level_since) : null;
  return {
    id: r.id,
    code: r.code,
    studentId: r.student_id,
    studentName: `${r.first_name} ${r.last_name}`,
    classLabel: r.class_label,
    schoolName: r.school_name,
    semesterLabel: semesterLabel({ schoolYear: r.school_year, number: r.number }, lang),
    status: r.status as TPlan['status'],
    approvalLevel: (r.approval_level as TPlan['approvalLevel']) ?? null,
    waitingSince: since ? since.toISOString() : null,
    waitingHours: since ? Math.round(((nowMs() - since.getTime()) / 3_600_000) * 10) / 10 : null,
    resubmitted: r.resubmitted,
  };
}

/** The caller's approval queue: plans waiting at the levels the caller approves, oldest first. */
export async function approvalQueue(
  ctx: RequestContext,
  q: { page?: number; pageSize: number; cursor?: TCursorPayload },
  tx: Db,
) {
  const scopes = {
    director: scopePaths(ctx.actor, PLAN_APPROVE_DIRECTOR),
    municipality: scopePaths(ctx.actor, PLAN_APPROVE_MUNICIPALITY),
    expert: scopePaths(ctx.actor, PLAN_APPROVE_EXPERT),
  };
  const { rows, total, totalAtLeast, nextCursor } = await repo.findQueue(tx, scopes, {
    limit: q.pageSize,
    offset: pageOffset(q),
    cursor: q.cursor,
  });
  await writeAudit(tx, ctx, { action: 'plan.queue', entityType: 'plan' });
  return {
    items: rows.map((r) => presentListRow(r, ctx.language)),
    total,
    totalAtLeast,
    nextCursor: bindCursor(nextCursor, q),
  };
}

/** What changed since the version the approvers last returned (empty base when never returned). */
export async function planDiff(ctx: RequestContext, id: string, tx: Db) {
  const loaded = await loadPlan(ctx, id, tx);
  await writeAudit(tx, ctx, {
    action: 'plan.diff',
    entityType: 'plan',
    entityId: id,
    orgId: loaded.plan.schoolId,
  });
  const current = loaded.plan.version > 0 ? await repo.findVersion(tx, id, loaded.plan.version) : null;
  const after = ZPlanContent.parse(current?.content ?? loaded.content);
  const lastReturn = await repo.findLastReturn(tx, id);
  const base = lastReturn?.version ? await repo.findVersion(tx, id, lastReturn.version) : null;
  const before = base ? ZPlanContent.parse(base.content) : after;
  return {
    baseVersion: base ? (lastReturn?.version ?? null) : null,
    version: loaded.plan.version,
    ...diffContent(before, after),
  };
}

/** The caller's notifications, newest first, as sentences in the caller's language. */
export async function listNotifications(ctx: RequestContext, tx: Db) {
  const userId = ctx.actor?.userId as string;
  const rows = await repo.findNotifications(tx, userId);
  return {
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      planId: n.planId,
      message: notificationText(n.kind, n.params as { code?: string; level?: string }, ctx.language),
      createdAt: new Date(n.createdAt).toISOString(),
      read: n.readAt !== null,
      done: n.doneAt !== null,
    })),
    unread: await repo.countUnreadNotifications(tx, userId),
  };
}

/** Marks one of the caller's notifications read; anyone else's is a 404 (the error handler audits the denial). */
export async function readNotification(ctx: RequestContext, id: string, tx: Db): Promise<void> {
  if (!(await repo.markNotificationRead(tx, ctx.actor?.userId as string, id, now())))
    throw new NotFoundError('notification', id);
}
