import { randomUUID } from 'node:crypto';
import { MAX_SERIES_OCCURRENCES, type TPlanned, type TPlannedBody } from '../../../common/api/schedule.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import { addDays, todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, conflict, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { can, scopePaths } from '../../platform/policy/gate.ts';
import { findOrganisationById } from '../organisations/index.ts';
import { findMeasure, loadPlan } from '../plans/index.ts';
import { PLAN_SCHEDULE, PLAN_SCHEDULE_SCHOOL } from './policy.ts';
import { fromRiga, toRiga } from './riga-time.ts';
import * as repo from './schedule-repo.ts';

/** Plans whose measures may be scheduled: approved, or running. */
const SCHEDULABLE_PLAN_STATUSES = ['approved', 'in_progress'];

function mayCancel(actor: Actor | null, r: repo.PlannedRow): boolean {
  return (
    r.status === 'planned' &&
    can(actor, PLAN_SCHEDULE, {
      orgPath: r.school_path,
      providerIds: r.provider_ids,
      providerId: r.provider_id,
    })
  );
}

/** The measure's label: the subject of a subject consultation, else the consultation type's code. */
export function measureLabel(r: { consultation_type: string | null; subject: string | null }): string {
  return r.consultation_type === 'subject' ? (r.subject ?? '') : (r.consultation_type ?? '');
}

function present(actor: Actor | null, rows: repo.PlannedRow[]): TPlanned[] {
  const today = todayInLatvia();
  return rows.map((r) => {
    const { date, time } = toRiga(new Date(r.starts_at));
    return {
      id: r.id,
      planId: r.plan_id,
      planCode: r.plan_code,
      measureId: r.measure_id,
      measureLabel: measureLabel(r),
      studentId: r.student_id,
      studentName: `${r.first_name} ${r.last_name}`,
      providerId: r.provider_id,
      providerName: r.provider_name,
      onDate: date,
      startTime: time,
      minutes: r.minutes,
      mode: r.mode as TPlanned['mode'],
      room: r.room,
      seriesId: r.series_id,
      status: r.status as TPlanned['status'],
      cancelReason: r.cancel_reason,
      sessionId: r.session_id,
      can: {
        cancel: mayCancel(actor, r),
        // Only the provider records, on the day or after, while the plan runs (as any record).
        record:
          r.status === 'planned' &&
          r.provider_id === actor?.userId &&
          date <= today &&
          r.plan_status === 'in_progress',
      },
    };
  });
}

/** The dates of a one-off (one date) or weekly series (same weekday until `until`, inclusive). */
export function seriesDates(onDate: string, until: string | undefined): string[] {
  const dates = [onDate];
  if (until === undefined) return dates;
  for (let d = addDays(onDate, 7); d <= until; d = addDays(d, 7)) {
    dates.push(d);
    if (dates.length > MAX_SERIES_OCCURRENCES) throw badRequest('planned_series_too_long', 'weeklyUntil');
  }
  return dates;
}

/**
 * Schedules a consultation (or a weekly series) on a measure of an approved or running plan, within
 * the plan's semester, for a provider the measure names: the provider themself, or the school's
 * coordinator for them. A slot the provider already holds is a 409 (also for a double submit: the
 * unique index decides a race).
 */
export async function schedulePlanned(ctx: RequestContext, input: TPlannedBody, tx: Db): Promise<TPlanned[]> {
  const actorId = ctx.actor?.userId;
  if (!actorId) throw new AppError(401, 'unauthenticated');
  // Someone who does not see the plan (another school, a teacher it does not name): 404.
  const loaded = await loadPlan(ctx, input.planId, tx);
  const plan = loaded.plan;
  const measure = await findMeasure(tx, plan.id, input.measureId);
  if (!measure) throw new NotFoundError('plan', plan.id, plan.schoolId);
  const providerId = input.providerId ?? actorId;
  // A provider the measure does not name (say, a user of another school) is not there to schedule for.
  if (!measure.providerIds.includes(providerId)) throw new NotFoundError('user', providerId, plan.schoolId);
  const school = await findOrganisationById(tx, plan.schoolId);
  if (
    !school ||
    !can(ctx.actor, PLAN_SCHEDULE, { orgPath: school.path, providerIds: measure.providerIds, providerId })
  )
    throw new ForbiddenError('plan', plan.id, plan.schoolId);
  if (measure.kind !== 'consultation') throw badRequest('planned_not_consultation', 'measureId');
  if (!SCHEDULABLE_PLAN_STATUSES.includes(plan.status) || plan.movedOutAt)
    throw conflict('planned_plan_not_active', 'planId');
  if (input.onDate < todayInLatvia()) throw badRequest('planned_in_past', 'onDate');
  const dates = seriesDates(input.onDate, input.weeklyUntil);
  const { startsOn, endsOn } = loaded.semester;
  if (input.onDate < startsOn || input.onDate > endsOn)
    throw badRequest('planned_outside_semester', 'onDate');
  if (dates[dates.length - 1] > endsOn) throw badRequest('planned_outside_semester', 'weeklyUntil');
  const starts = dates.map((d) => fromRiga(d, input.startTime));
  if ((await repo.findTakenSlots(tx, providerId, starts)).length > 0)
    throw conflict('planned_slot_taken', 'startTime');
  const seriesId = dates.length > 1 ? randomUUID() : null;
  const at = now();
  const ids = await repo.insertPlanned(
    tx,
    starts.map((startsAt) => ({
      schoolId: plan.schoolId,
      planId: plan.id,
      measureId: input.measureId,
      providerId,
      startsAt,
      minutes: input.minutes,
      mode: input.mode,
      room: input.mode === 'remote' ? null : (input.room ?? null),
      seriesId,
      createdBy: actorId,
      createdAt: at,
    })),
  );
  await writeAudit(tx, ctx, {
    action: 'plan.schedule',
    entityType: 'student',
    entityId: plan.studentId,
    orgId: plan.schoolId,
  });
  const rows = await repo.findPlannedBetween(
    tx,
    providerId,
    [],
    starts[0],
    new Date(starts[starts.length - 1].getTime() + 1),
  );
  return present(
    ctx.actor,
    rows.filter((r) => ids.includes(r.id)),
  );
}

/** The caller's planned sessions between two Riga dates, and for a coordinator their school's. */
export async function listPlanned(
  ctx: RequestContext,
  from: string,
  to: string,
  tx: Db,
): Promise<TPlanned[]> {
  if (from > to) throw badRequest('validation', 'to');
  if (addDays(from, 62) < to) throw badRequest('planned_range_too_long', 'to');
  const rows = await repo.findPlannedBetween(
    tx,
    ctx.actor?.userId as string,
    scopePaths(ctx.actor, PLAN_SCHEDULE_SCHOOL),
    fromRiga(from, '00:00'),
    fromRiga(addDays(to, 1), '00:00'),
  );
  await writeAudit(tx, ctx, { action: 'planned_session.list', entityType: 'planned_session' });
  return present(ctx.actor, rows);
}

/**
 * Cancels a planned session with a reason, or it and the rest of its series. Someone who may not
 * cancel it does not see it (404); one no longer planned is a 409.
 */
export async function cancelPlanned(
  ctx: RequestContext,
  id: string,
  input: { reason: string; scope: 'one' | 'rest_of_series' },
  tx: Db,
): Promise<{ cancelled: number }> {
  const row = await repo.findPlanned(tx, id, true);
  if (
    !row ||
    !can(ctx.actor, PLAN_SCHEDULE, {
      orgPath: row.school_path,
      providerIds: row.provider_ids,
      providerId: row.provider_id,
    })
  )
    throw new NotFoundError('planned_session', id, row?.school_id);
  if (row.status !== 'planned') throw conflict('planned_not_open');
  const ids =
    input.scope === 'rest_of_series' && row.series_id
      ? await repo.findRestOfSeries(tx, row.series_id, new Date(row.starts_at))
      : [id];
  const cancelled = await repo.cancelPlanned(tx, ids, {
    reason: input.reason,
    by: ctx.actor?.userId as string,
    at: now(),
  });
  await writeAudit(tx, ctx, {
    action: 'plan.schedule_cancel',
    entityType: 'student',
    entityId: row.student_id,
    orgId: row.school_id,
  });
  return { cancelled };
}

/**
 * Checks that a planned session can become the caller's record of these participants, and locks it
 * (a second attempt waits, then finds it recorded: 409). Returns the id to mark after the insert.
 */
export async function claimPlanned(
  ctx: RequestContext,
  plannedId: string,
  participants: { planId: string; measureId: string }[],
  tx: Db,
): Promise<string> {
  const row = await repo.findPlanned(tx, plannedId, true);
  if (!row || row.provider_id !== ctx.actor?.userId)
    throw new NotFoundError('planned_session', plannedId, row?.school_id);
  if (row.status !== 'planned') throw conflict('planned_not_open', 'plannedId');
  if (!participants.some((p) => p.planId === row.plan_id && p.measureId === row.measure_id))
    throw badRequest('planned_measure_mismatch', 'participants');
  return row.id;
}

/** Marks the planned session recorded as the new support session (same transaction as the record). */
export async function markRecorded(plannedId: string, sessionId: string, tx: Db): Promise<void> {
  if (!(await repo.markPlannedRecorded(tx, plannedId, sessionId)))
    throw conflict('planned_not_open', 'plannedId');
}
