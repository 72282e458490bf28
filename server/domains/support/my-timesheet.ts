import type { TMyTimesheet } from '../../../common/api/support.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import { addDays, minutesToHours, todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { canAnywhere } from '../../platform/policy/gate.ts';
import { confirmationExpiresOn } from './confirmation.ts';
import * as repo from './my-timesheet-repo.ts';
import { SUPPORT_RECORD } from './policy.ts';

/**
 * The caller's own month as a provider: hours per plan measure, the sessions still awaiting a
 * student's confirmation with the day it expires, and the caller's timesheet entries. Only the
 * caller's rows: the query takes no user id.
 */
export async function getMyTimesheet(ctx: RequestContext, month: string, tx: Db): Promise<TMyTimesheet> {
  const userId = ctx.actor?.userId;
  if (!userId || !canAnywhere(ctx.actor, SUPPORT_RECORD)) throw new ForbiddenError('timesheet', month);
  const today = todayInLatvia();
  const measures = await repo.findMyMeasureRows(tx, userId, month);
  // A remote session may be confirmed until the day after it, an in-person one on the day recorded.
  const unconfirmed = await repo.findMyUnconfirmed(
    tx,
    userId,
    addDays(today, -1),
    new Date(now().getTime() - 2 * 86_400_000),
  );
  const entries = await repo.findMyEntries(tx, userId, month);
  await writeAudit(tx, ctx, {
    action: 'timesheet.read_own',
    entityType: 'timesheet',
    entityId: `${userId}:${month}`,
  });
  const confirmed = measures.reduce((n, m) => n + m.confirmed_minutes, 0);
  const waiting = measures.reduce((n, m) => n + m.unconfirmed_minutes, 0);
  const entryMinutes = entries.reduce((n, e) => n + e.minutes, 0);
  return {
    month,
    confirmedHours: minutesToHours(confirmed),
    unconfirmedHours: minutesToHours(waiting),
    entryHours: minutesToHours(entryMinutes),
    totalHours: minutesToHours(confirmed + entryMinutes),
    measures: measures.map((m) => ({
      planId: m.plan_id,
      planCode: m.plan_code,
      measureId: m.measure_id,
      consultationType: m.consultation_type,
      subject: m.subject,
      studentName: m.student_name,
      sessions: m.sessions,
      confirmedHours: minutesToHours(m.confirmed_minutes),
      unconfirmedHours: minutesToHours(m.unconfirmed_minutes),
    })),
    awaiting: unconfirmed
      .map((s) => ({ s, expiresOn: confirmationExpiresOn(s) }))
      .filter(({ expiresOn }) => expiresOn >= today)
      .map(({ s, expiresOn }) => ({
        sessionId: s.id,
        onDate: s.on_date,
        startTime: s.start_time,
        hours: minutesToHours(s.minutes),
        mode: s.mode,
        students: typeof s.students === 'string' ? (JSON.parse(s.students) as string[]) : s.students,
        expiresOn,
      })),
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      planCode: e.plan_code,
      hours: minutesToHours(e.minutes),
      reason: e.reason,
      createdAt: new Date(e.created_at).toISOString(),
    })),
  };
}
