import { and, eq, sql } from 'drizzle-orm';
import { organisations, sessionParticipants, studentPins, supportSessions } from '../../db/schema.ts';
import { now } from '../../platform/clock.ts';
import { type Db, queryRows } from '../../platform/db.ts';

/**
 * Whether the provider already recorded the same session: same day, start, length, mode and topic
 * (a double recording; a different session at the same hour is the provider's to explain).
 */
export async function identicalSessionExists(
  db: Db,
  v: { providerId: string; onDate: string; startTime: string; minutes: number; mode: string; topic: string },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from support_sessions where provider_id = ${v.providerId} and on_date = ${v.onDate}
        and start_time = ${v.startTime} and minutes = ${v.minutes} and mode = ${v.mode} and topic = ${v.topic} limit 1`,
  );
  return rows.length > 0;
}

export async function insertSession(db: Db, values: typeof supportSessions.$inferInsert): Promise<string> {
  const [row] = await db.insert(supportSessions).values(values).returning({ id: supportSessions.id });
  return row.id;
}

export async function insertParticipants(
  db: Db,
  rows: (typeof sessionParticipants.$inferInsert)[],
): Promise<void> {
  await db.insert(sessionParticipants).values(rows);
}

/** One session with its school's path (the gate's resource). */
export async function findSession(db: Db, id: string) {
  const rows = await db
    .select({ session: supportSessions, schoolPath: organisations.path })
    .from(supportSessions)
    .innerJoin(organisations, eq(organisations.id, supportSessions.schoolId))
    .where(eq(supportSessions.id, id));
  return rows[0] ? { ...rows[0].session, schoolPath: rows[0].schoolPath } : null;
}

export async function findSessionByTokenHash(db: Db, hash: string) {
  const rows = await db.select().from(supportSessions).where(eq(supportSessions.remoteTokenHash, hash));
  return rows[0] ?? null;
}

export interface ParticipantRow {
  session_id: string;
  student_id: string;
  first_name: string;
  last_name: string;
  plan_id: string;
  plan_code: string;
  measure_id: string;
  confirmed_at: string | null;
}

export async function findParticipants(db: Db, sessionIds: string[]): Promise<ParticipantRow[]> {
  if (sessionIds.length === 0) return [];
  return queryRows<ParticipantRow>(
    db,
    sql`select sp.session_id, sp.student_id, s.first_name, s.last_name, sp.plan_id, p.code as plan_code, sp.measure_id, sp.confirmed_at
        from session_participants sp join students s on s.id = sp.student_id join plans p on p.id = sp.plan_id
        where sp.session_id in ${sessionIds} order by s.last_name, s.first_name`,
  );
}

/** A provider's sessions between two dates. */
export async function findSessionsOfProvider(db: Db, providerId: string, from: string, to: string) {
  return queryRows<{
    id: string;
    school_id: string;
    provider_id: string;
    provider_name: string;
    on_date: string;
    start_time: string;
    minutes: number;
    mode: string;
    topic: string;
    created_at: string;
    school_path: string;
    month_signed_off: boolean;
  }>(
    db,
    sql`select ss.id, ss.school_id, ss.provider_id, u.first_name || ' ' || u.last_name as provider_name, to_char(ss.on_date, 'YYYY-MM-DD') as on_date,
          ss.start_time, ss.minutes, ss.mode, ss.topic, ss.created_at, o.path as school_path,
          exists (select 1 from timesheet_signoffs t where t.school_id = ss.school_id and t.month = to_char(ss.on_date, 'YYYY-MM')) as month_signed_off
        from support_sessions ss join users u on u.id = ss.provider_id join organisations o on o.id = ss.school_id
        where ss.provider_id = ${providerId} and ss.on_date between ${from}::date and ${to}::date order by ss.on_date, ss.start_time`,
  );
}

/** Confirms a participant once; false when there is no such unconfirmed participant. */
export async function confirmParticipant(
  db: Db,
  sessionId: string,
  studentId: string,
  via: string,
): Promise<boolean> {
  const rows = await db
    .update(sessionParticipants)
    .set({ confirmedAt: now(), confirmedVia: via })
    .where(
      and(
        eq(sessionParticipants.sessionId, sessionId),
        eq(sessionParticipants.studentId, studentId),
        sql`${sessionParticipants.confirmedAt} is null`,
      ),
    )
    .returning({ id: sessionParticipants.id });
  return rows.length > 0;
}

export async function findPin(db: Db, studentId: string) {
  const rows = await db.select().from(studentPins).where(eq(studentPins.studentId, studentId));
  return rows[0] ?? null;
}

export async function upsertPin(
  db: Db,
  studentId: string,
  pinHash: string,
  by: string | null,
): Promise<void> {
  await db
    .insert(studentPins)
    .values({ studentId, pinHash, setBy: by })
    .onConflictDoUpdate({
      target: studentPins.studentId,
      set: { pinHash, setBy: by, setAt: now(), failedAttempts: 0 },
    });
}

export async function setPinFailures(db: Db, studentId: string, failures: number): Promise<void> {
  await db.update(studentPins).set({ failedAttempts: failures }).where(eq(studentPins.studentId, studentId));
}

/**
 * Hours delivered per measure of the given plans: only confirmed participations count (a remote
 * session can only be confirmed within a day, so an unconfirmed one never counts).
 */
export async function findDeliveredHours(db: Db, planIds: string[]) {
  if (planIds.length === 0) return [];
  return queryRows<{
    plan_id: string;
    measure_id: string;
    delivered: string;
    unconfirmed: string;
    sessions: number;
  }>(
    db,
    sql`select sp.plan_id, sp.measure_id, (count(*) filter (where sp.confirmed_at is not null))::int as sessions,
          coalesce(sum(ss.minutes) filter (where sp.confirmed_at is not null), 0) / 60.0 as delivered,
          coalesce(sum(ss.minutes) filter (where sp.confirmed_at is null), 0) / 60.0 as unconfirmed
        from session_participants sp join support_sessions ss on ss.id = sp.session_id
        where sp.plan_id in ${planIds} group by sp.plan_id, sp.measure_id`,
  );
}

/**
 * Whether anything was delivered or paid against a plan, in any of its versions and measures: a
 * session (confirmed or not), an economic payment or a timesheet entry. Then it can no longer be
 * deleted: the support log and the money must keep pointing at it.
 */
export async function planHasDeliveries(db: Db, planId: string): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`select exists (select 1 from session_participants where plan_id = ${planId})
          or exists (select 1 from economic_payments where plan_id = ${planId})
          or exists (select 1 from timesheet_entries where plan_id = ${planId}) as found`,
  );
  return rows[0]?.found === true;
}

/**
 * Plans in progress with the live measures that name the provider (joins on the measure tables,
 * found through the providers' user index), with the students.
 */
export async function findProviderPlans(db: Db, providerId: string) {
  return queryRows<{
    plan_id: string;
    code: string;
    measures: {
      id: string;
      kind: string;
      plannedHours: number | string | null;
      consultationType: string | null;
      subject: string | null;
    }[];
    student_id: string;
    first_name: string;
    last_name: string;
    class_label: string;
    school_path: string;
    school_id: string;
    assigned: string[];
    has_pin: boolean;
    pin_setters: string[] | string;
  }>(
    db,
    sql`select p.id as plan_id, p.code, s.id as student_id, s.first_name, s.last_name, s.class_label, o.path as school_path, p.school_id,
          json_agg(json_build_object('id', m.id, 'kind', m.kind, 'plannedHours', m.planned_hours,
            'consultationType', m.consultation_type, 'subject', m.subject) order by m.position) as measures,
          coalesce((select array_agg(a.user_id::text) from student_assignments a where a.student_id = s.id), '{}') as assigned,
          exists (select 1 from student_pins sp where sp.student_id = s.id) as has_pin,
          (select coalesce(json_agg(u.first_name || ' ' || u.last_name order by u.last_name, u.first_name), '[]'::json)
             from users u where u.active and exists (select 1 from role_grants g
               where g.user_id = u.id and g.org_id = s.school_id and g.role = 'school_coordinator')) as pin_setters
        from plan_measure_providers pr
          join plan_measures m on m.plan_id = pr.plan_id and m.id = pr.measure_id and m.removed_at is null
          join plans p on p.id = pr.plan_id
          join students s on s.id = p.student_id join organisations o on o.id = p.school_id
        where pr.user_id = ${providerId} and p.status = 'in_progress'
        group by p.id, s.id, o.id
        order by s.last_name, s.first_name`,
  );
}
