import { sql } from 'drizzle-orm';
import { referralEvents, referrals } from '../../db/schema.ts';
import { type Db, queryRows } from '../../platform/db.ts';

// Referrals to partner institutions: the referral with its snapshot, its status history, and the
// student facts the snapshot is taken from.

/** A referral row with the names a response shows and the paths the gate decides on. */
export interface ReferralRow {
  id: string;
  code: string;
  student_id: string;
  school_id: string;
  school_name: string;
  school_path: string;
  partner_id: string;
  partner_name: string;
  partner_kind: string | null;
  partner_path: string;
  plan_id: string | null;
  measure_id: string | null;
  reason: string;
  urgency: string;
  due_on: string;
  items: string[] | string;
  shared_data: unknown;
  status: string;
  response: string | null;
  response_file_id: string | null;
  file_name: string | null;
  file_size: number | null;
  sent_by: string;
  sent_by_name: string;
  sent_at: string | Date;
  assigned_user_ids: string[] | string;
}

const SELECT = sql`select r.id, r.code, r.student_id, r.school_id, s.name as school_name, s.path as school_path,
    r.partner_id, p.name as partner_name, p.partner_kind, p.path as partner_path, r.plan_id, r.measure_id,
    r.reason, r.urgency, to_char(r.due_on, 'YYYY-MM-DD') as due_on, r.items, r.shared_data, r.status,
    r.response, r.response_file_id, f.file_name, f.size as file_size, r.sent_by,
    u.first_name || ' ' || u.last_name as sent_by_name, r.sent_at,
    coalesce((select json_agg(sa.user_id) from student_assignments sa where sa.student_id = r.student_id), '[]'::json)
      as assigned_user_ids
  from referrals r
    join organisations s on s.id = r.school_id
    join organisations p on p.id = r.partner_id
    join users u on u.id = r.sent_by
    left join stored_files f on f.id = r.response_file_id`;

/** One referral, or null. */
export async function findReferral(db: Db, id: string): Promise<ReferralRow | null> {
  const [row] = await queryRows<ReferralRow>(db, sql`${SELECT} where r.id = ${id}`);
  return row ?? null;
}

/** A student's referrals, newest first. */
export async function findStudentReferrals(db: Db, studentId: string): Promise<ReferralRow[]> {
  return queryRows<ReferralRow>(
    db,
    sql`${SELECT} where r.student_id = ${studentId} order by r.sent_at desc, r.id desc limit 200`,
  );
}

/** The referrals addressed to the institutions under the partner's scope paths, newest first. */
export async function findPartnerReferrals(
  db: Db,
  partnerPaths: string[],
  onlyOpen: boolean,
): Promise<ReferralRow[]> {
  if (partnerPaths.length === 0) return [];
  const inScope = sql.join(
    partnerPaths.map((path) => sql`starts_with(p.path, ${path})`),
    sql` or `,
  );
  return queryRows<ReferralRow>(
    db,
    sql`${SELECT} where (${inScope}) ${onlyOpen ? sql`and r.status in ('sent', 'received', 'in_progress')` : sql``}
        order by (r.status in ('sent', 'received', 'in_progress')) desc, r.due_on, r.sent_at desc limit 500`,
  );
}

/** Counts by status of the referrals addressed to the partner's institutions (and how many are overdue). */
export async function countPartnerReferrals(db: Db, partnerPaths: string[], today: string) {
  if (partnerPaths.length === 0) return [];
  const inScope = sql.join(
    partnerPaths.map((path) => sql`starts_with(p.path, ${path})`),
    sql` or `,
  );
  return queryRows<{ status: string; n: number; overdue: number }>(
    db,
    sql`select r.status, count(*)::int as n,
          count(*) filter (where r.due_on < ${today}::date and r.status in ('sent', 'received', 'in_progress'))::int as overdue
        from referrals r join organisations p on p.id = r.partner_id where (${inScope}) group by r.status`,
  );
}

/** The status history of referrals, oldest first, with the names of who changed it. */
export async function findReferralEvents(db: Db, referralIds: string[]) {
  if (referralIds.length === 0) return [];
  return queryRows<{
    id: string;
    referral_id: string;
    status: string;
    at: string | Date;
    by_user: string;
    by_name: string | null;
  }>(
    db,
    sql`select e.id, e.referral_id, e.status, e.at, e.by_user, u.first_name || ' ' || u.last_name as by_name
        from referral_events e left join users u on u.id = e.by_user
        where e.referral_id in ${sql`(${sql.join(
          referralIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`}
        order by e.at, e.id`,
  );
}

/** The partner institutions a school may refer to: those under its parent, and those directly under the nation. */
export async function findEligiblePartners(db: Db, schoolParentPath: string, nationPath: string) {
  return queryRows<{
    id: string;
    name: string;
    partner_kind: string | null;
    municipality_name: string | null;
  }>(
    db,
    sql`select p.id, p.name, p.partner_kind, m.name as municipality_name
        from organisations p left join organisations m on m.id = p.parent_id and m.type = 'municipality'
        where p.type = 'partner' and p.active
          and (starts_with(p.path, ${schoolParentPath}) or p.path = ${nationPath} || p.id::text || '/')
        order by m.name nulls first, p.name`,
  );
}

/** The live measures of the student's plans that are not deleted, closed or left behind by a move. */
export async function findStudentMeasures(db: Db, studentId: string) {
  return queryRows<{
    plan_id: string;
    plan_code: string;
    measure_id: string;
    kind: string;
    consultation_type: string | null;
    subject: string | null;
    economic_category: string | null;
    other_type: string | null;
    description: string;
  }>(
    db,
    sql`select pl.id as plan_id, pl.code as plan_code, m.id as measure_id, m.kind, m.consultation_type, m.subject,
          m.economic_category, m.other_type, m.description
        from plans pl join plan_measures m on m.plan_id = pl.id
        where pl.student_id = ${studentId} and pl.status not in ('deleted', 'closed') and pl.moved_out_at is null
          and m.removed_at is null
        order by pl.created_at desc, m.position nulls last
        limit 200`,
  );
}

/** The student's current-semester attendance as the indicators count it (null when none is recorded). */
export async function findAttendance(db: Db, studentId: string, semesterId: string) {
  const [row] = await queryRows<{ unjustified: number; justified: number; other: number }>(
    db,
    sql`select unjustified_lessons as unjustified, justified_lessons as justified, other_lessons as other
        from student_indicators where student_id = ${studentId} and semester_id = ${semesterId}`,
  );
  return row ?? null;
}

/** Inserts a referral and its first event; null when the same open referral exists already. */
export async function insertReferral(
  db: Db,
  v: typeof referrals.$inferInsert & { sentAt: Date },
): Promise<string | null> {
  const rows = await db.insert(referrals).values(v).onConflictDoNothing().returning({ id: referrals.id });
  const id = rows[0]?.id ?? null;
  if (id)
    await db
      .insert(referralEvents)
      .values({ referralId: id, status: 'sent', at: v.sentAt, byUser: v.sentBy });
  return id;
}

/**
 * Moves a referral from one of `from` to `status` (with the response when given), and records the
 * event; false when the referral was no longer in one of `from` (a concurrent change).
 */
export async function changeStatus(
  db: Db,
  v: {
    id: string;
    from: readonly string[];
    status: string;
    at: Date;
    by: string;
    response?: string;
  },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update referrals set status = ${v.status}, updated_at = ${v.at.toISOString()}::timestamptz
          ${v.response !== undefined ? sql`, response = ${v.response}` : sql``}
        where id = ${v.id} and status in ${sql`(${sql.join(
          v.from.map((s) => sql`${s}`),
          sql`, `,
        )})`}
        returning id`,
  );
  if (rows.length === 0) return false;
  await db.insert(referralEvents).values({ referralId: v.id, status: v.status, at: v.at, byUser: v.by });
  return true;
}

/** Attaches the partner's file to a referral. */
export async function setResponseFile(db: Db, id: string, fileId: string, at: Date): Promise<void> {
  await db.execute(
    sql`update referrals set response_file_id = ${fileId}, updated_at = ${at.toISOString()}::timestamptz where id = ${id}`,
  );
}

/** Open referrals past their deadline (for the sender's overdue task), optionally of one sender. */
export async function findOverdueReferrals(db: Db, today: string, senderId?: string) {
  return queryRows<{
    id: string;
    code: string;
    student_id: string;
    school_id: string;
    plan_id: string | null;
    sent_by: string;
    due_on: string;
    partner_name: string;
  }>(
    db,
    sql`select r.id, r.code, r.student_id, r.school_id, r.plan_id, r.sent_by, to_char(r.due_on, 'YYYY-MM-DD') as due_on,
          p.name as partner_name
        from referrals r join organisations p on p.id = r.partner_id
        where r.status in ('sent', 'received', 'in_progress') and r.due_on < ${today}::date
          ${senderId ? sql`and r.sent_by = ${senderId}` : sql``}
        order by r.due_on, r.id`,
  );
}
