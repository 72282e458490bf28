import type { TSession, TSessionBody } from '../../../common/api/support.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import { writeAudit, writeAuditMany } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, conflict, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { can } from '../../platform/policy/gate.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import { checkConsultationLimits } from '../budgets/index.ts';
import { findSemester } from '../calendar/index.ts';
import { findOrganisationById } from '../organisations/index.ts';
import { findMeasure, lockPlan } from '../plans/index.ts';
import { loadVisibleStudent } from '../students/index.ts';
import { confirmationState, inPersonConfirmationOpen, remoteConfirmationOpen } from './confirmation.ts';
import {
  STUDENT_PIN_SET,
  SUPPORT_RECORD,
  SUPPORT_RECORD_MEASURE,
  SUPPORT_SESSION_CONFIRM,
} from './policy.ts';
import * as repo from './repo.ts';
import { claimPlanned, markRecorded } from './schedule.ts';
import { assertMonthOpen } from './timesheets.ts';

/** The caller's abilities on a session: the gate's row, then the session's own state. */
function sessionAbilities(
  actor: Actor | null,
  s: Awaited<ReturnType<typeof repo.findSessionsOfProvider>>[number],
): TSession['can'] {
  return {
    confirm:
      can(actor, SUPPORT_SESSION_CONFIRM, { orgPath: s.school_path, providerId: s.provider_id }) &&
      s.mode === 'in_person' &&
      inPersonConfirmationOpen(s.created_at) &&
      !s.month_signed_off,
  };
}

async function present(
  actor: Actor | null,
  tx: Db,
  sessions: Awaited<ReturnType<typeof repo.findSessionsOfProvider>>,
  confirmationPath: string | null = null,
): Promise<TSession[]> {
  const participants = await repo.findParticipants(
    tx,
    sessions.map((s) => s.id),
  );
  return sessions.map((s) => ({
    can: sessionAbilities(actor, s),
    id: s.id,
    onDate: s.on_date,
    startTime: s.start_time,
    minutes: s.minutes,
    mode: s.mode as TSession['mode'],
    topic: s.topic,
    providerId: s.provider_id,
    providerName: s.provider_name,
    confirmationPath,
    participants: participants
      .filter((p) => p.session_id === s.id)
      .map((p) => ({
        studentId: p.student_id,
        studentName: `${p.first_name} ${p.last_name}`,
        planId: p.plan_id,
        planCode: p.plan_code,
        measureId: p.measure_id,
        confirmation: confirmationState(s, p.confirmed_at),
        confirmedAt: p.confirmed_at ? new Date(p.confirmed_at).toISOString() : null,
      })),
  }));
}

/**
 * Records a consultation held by the caller: only against consultation measures of plans in progress
 * that name the caller as provider, on a day of the plan's semester, not in the future. A group
 * session has several students. A remote session gets a one-time link for the students to confirm.
 */
export async function createSession(ctx: RequestContext, input: TSessionBody, tx: Db): Promise<TSession> {
  const actorId = ctx.actor?.userId;
  if (!actorId) throw new AppError(401, 'unauthenticated');
  if (input.onDate > todayInLatvia()) throw badRequest('date_in_future', 'onDate');
  if (new Set(input.participants.map((p) => p.studentId)).size !== input.participants.length)
    throw badRequest('duplicate_row', 'participants');
  let schoolId: string | null = null;
  let semesterId: string | null = null;
  // Lock the plans (in one order, so two group sessions cannot deadlock): a revision or deletion
  // waits for this session, and this session sees the plan's committed state.
  const locked = new Map<string, Awaited<ReturnType<typeof lockPlan>>>();
  for (const planId of [...new Set(input.participants.map((p) => p.planId))].sort())
    locked.set(planId, await lockPlan(tx, planId));
  const schoolPaths = new Map<string, string | null>();
  const schoolPathOf = async (id: string) => {
    if (!schoolPaths.has(id)) schoolPaths.set(id, (await findOrganisationById(tx, id))?.path ?? null);
    return schoolPaths.get(id) ?? null;
  };
  for (const [i, p] of input.participants.entries()) {
    const plan = locked.get(p.planId);
    if (!plan || plan.studentId !== p.studentId) throw new NotFoundError('plan', p.planId, plan?.schoolId);
    const measure = await findMeasure(tx, plan.id, p.measureId);
    const orgPath = await schoolPathOf(plan.schoolId);
    if (
      !measure ||
      measure.kind !== 'consultation' ||
      !orgPath ||
      !can(ctx.actor, SUPPORT_RECORD_MEASURE, { orgPath, providerIds: measure.providerIds })
    )
      throw new ForbiddenError('plan', plan.id, plan.schoolId, 'session_not_your_measure', [
        { path: `participants.${i}.measureId`, message: 'session_not_your_measure' },
      ]);
    if (plan.status !== 'in_progress')
      throw new AppError(409, 'session_plan_not_running', [
        { path: `participants.${i}.planId`, message: 'session_plan_not_running' },
      ]);
    const semester = await findSemester(tx, plan.semesterId);
    if (!semester || input.onDate < semester.startsOn || input.onDate > semester.endsOn)
      throw badRequest('session_outside_semester', 'onDate');
    if (schoolId && schoolId !== plan.schoolId) throw badRequest('session_one_school', 'participants');
    schoolId = plan.schoolId;
    semesterId = semester.id;
  }
  const school = schoolId ? await findOrganisationById(tx, schoolId) : null;
  if (!school || !can(ctx.actor, SUPPORT_RECORD, { orgPath: school.path }))
    throw new ForbiddenError('organisation', schoolId ?? undefined, schoolId);
  await assertMonthOpen(tx, school.id, input.onDate);
  // A planned session becomes this record: locked here, marked recorded below (a second try: 409).
  const plannedId = input.plannedId ? await claimPlanned(ctx, input.plannedId, input.participants, tx) : null;
  await checkConsultationLimits(
    tx,
    school.id,
    semesterId as string,
    input.participants.map((p) => p.studentId),
    input.minutes,
  );
  // Checked under the budget line's lock, so two identical recordings at once cannot both pass.
  const { onDate, startTime, minutes, mode, topic } = input;
  if (await repo.identicalSessionExists(tx, { providerId: actorId, onDate, startTime, minutes, mode, topic }))
    throw conflict('session_duplicate', 'startTime');
  const token = input.mode === 'remote' ? newToken(24) : null;
  const id = await repo.insertSession(tx, {
    schoolId: school.id,
    providerId: actorId,
    onDate: input.onDate,
    startTime: input.startTime,
    minutes: input.minutes,
    mode: input.mode,
    topic: input.topic,
    remoteTokenHash: token ? hashToken(token) : null,
    createdAt: now(),
  });
  await repo.insertParticipants(
    tx,
    input.participants.map((p) => ({
      sessionId: id,
      studentId: p.studentId,
      planId: p.planId,
      measureId: p.measureId,
    })),
  );
  if (plannedId) await markRecorded(plannedId, id, tx);
  await writeAuditMany(
    tx,
    ctx,
    input.participants.map((p) => ({
      action: 'support.session_create',
      entityType: 'student',
      entityId: p.studentId,
      orgId: school.id,
    })),
  );
  const [row] = (await repo.findSessionsOfProvider(tx, actorId, input.onDate, input.onDate)).filter(
    (s) => s.id === id,
  );
  const [session] = await present(ctx.actor, tx, [row], token ? `/confirm/${token}` : null);
  return session;
}

/** The caller's sessions between two dates (the week view). */
export async function listMySessions(
  ctx: RequestContext,
  from: string,
  to: string,
  tx: Db,
): Promise<TSession[]> {
  if (from > to) throw badRequest('validation', 'to');
  const sessions = await present(
    ctx.actor,
    tx,
    await repo.findSessionsOfProvider(tx, ctx.actor?.userId as string, from, to),
  );
  // One row per request, like the other lists: the provider's own sessions in the date range.
  await writeAudit(tx, ctx, { action: 'support_session.list', entityType: 'support_session' });
  return sessions;
}

/** The public confirmation page of a remote session: only first names and the initial of the last name. */
export async function publicSession(ctx: RequestContext, token: string, tx: Db) {
  const session = await repo.findSessionByTokenHash(tx, hashToken(token));
  if (!session) throw new NotFoundError();
  // Anyone with the link reads the students' first names: the read is audited under the school.
  await writeAudit(tx, ctx, {
    action: 'support_session.public_read',
    entityType: 'support_session',
    entityId: session.id,
    orgId: session.schoolId,
  });
  const participants = await repo.findParticipants(tx, [session.id]);
  const provider = (
    await repo.findSessionsOfProvider(tx, session.providerId, session.onDate, session.onDate)
  ).find((s) => s.id === session.id);
  return {
    onDate: session.onDate,
    startTime: session.startTime,
    minutes: session.minutes,
    topic: session.topic,
    providerName: provider?.provider_name ?? '',
    open: remoteConfirmationOpen(session.onDate),
    students: participants.map((p) => ({
      id: p.student_id,
      name: `${p.first_name} ${p.last_name.slice(0, 1)}.`,
      confirmed: p.confirmed_at !== null,
    })),
  };
}

/** Sets the student's confirmation PIN (the school gives it to the student). */
export async function setStudentPin(
  ctx: RequestContext,
  studentId: string,
  pin: string,
  tx: Db,
): Promise<void> {
  const { row } = await loadVisibleStudent(ctx, studentId, tx);
  if (!can(ctx.actor, STUDENT_PIN_SET, { orgPath: row.schoolPath }))
    throw new ForbiddenError('student', studentId, row.schoolId);
  await repo.upsertPin(tx, studentId, await hashPassword(pin), ctx.actor?.userId ?? null);
  await writeAudit(tx, ctx, {
    action: 'student.pin_set',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
}

/** The consultation measures of plans in progress that name the caller, with hours planned and delivered ("my students"). */
export async function myMeasures(ctx: RequestContext, tx: Db) {
  const actorId = ctx.actor?.userId as string;
  const rows = await repo.findProviderPlans(tx, actorId);
  const delivered = await repo.findDeliveredHours(
    tx,
    rows.map((r) => r.plan_id),
  );
  await writeAudit(tx, ctx, { action: 'support.my_measures', entityType: 'plan' });
  const items = [];
  for (const r of rows) {
    for (const m of r.measures) {
      if (m.kind !== 'consultation') continue;
      const d = delivered.find((x) => x.plan_id === r.plan_id && x.measure_id === m.id);
      items.push({
        studentId: r.student_id,
        studentName: `${r.first_name} ${r.last_name}`,
        classLabel: r.class_label,
        planId: r.plan_id,
        planCode: r.code,
        measureId: m.id,
        label: m.consultationType === 'subject' ? (m.subject ?? '') : (m.consultationType ?? ''),
        plannedHours: m.plannedHours === null ? 0 : Number(m.plannedHours),
        deliveredHours: Number(Number(d?.delivered ?? 0).toFixed(2)),
        hasPin: r.has_pin === true,
        pinSetters:
          typeof r.pin_setters === 'string' ? (JSON.parse(r.pin_setters) as string[]) : r.pin_setters,
      });
    }
  }
  return { items };
}
