import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { TCursorPayload } from '../../../common/api/cursor.ts';
import { notifications, planCodeCounters, planEvents, plans, planVersions, users } from '../../db/schema.ts';
import { now, today } from '../../platform/clock.ts';
import { type Keyset, keysetAfter, keysetOrder, keysetPage, keysetSelect } from '../../platform/cursor.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { LIST_COUNT_CAP } from '../../platform/list-count.ts';
import { pathInScope } from '../../platform/scope-sql.ts';

export type PlanRow = typeof plans.$inferSelect;

/** Next plan code of a semester, e.g. IAP-2026-1-000123 (a row lock keeps it unique across instances). */
export async function nextPlanCode(
  db: Db,
  semester: { id: string; schoolYear: number; number: number },
): Promise<string> {
  const [row] = await queryRows<{ last: number }>(
    db,
    sql`insert into ${planCodeCounters} (semester_id, last) values (${semester.id}, 1)
        on conflict (semester_id) do update set last = ${planCodeCounters.last} + 1 returning last`,
  );
  return `IAP-${semester.schoolYear}-${semester.number}-${String(row.last).padStart(6, '0')}`;
}

export async function insertPlan(db: Db, values: typeof plans.$inferInsert): Promise<string> {
  const [row] = await db.insert(plans).values(values).returning({ id: plans.id });
  return row.id;
}

export async function findPlan(db: Db, id: string): Promise<PlanRow | null> {
  const rows = await db.select().from(plans).where(eq(plans.id, id));
  return rows[0] ?? null;
}

/** Locks the plan row for a transition, so two approvers cannot both move it. */
export async function lockPlan(db: Db, id: string): Promise<PlanRow | null> {
  const rows = await db.select().from(plans).where(eq(plans.id, id)).for('update');
  return rows[0] ?? null;
}

/**
 * Locks a set of plan rows for a transition, in id order (two requests over overlapping sets wait
 * for each other instead of deadlocking). One statement whatever the number of plans.
 */
export async function lockPlans(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await queryRows(db, sql`select id from plans where id in ${ids} order by id for update`);
}

export async function findLivePlanOfStudent(
  db: Db,
  studentId: string,
  semesterId: string,
): Promise<PlanRow | null> {
  const rows = await db
    .select()
    .from(plans)
    .where(
      and(
        eq(plans.studentId, studentId),
        eq(plans.semesterId, semesterId),
        sql`${plans.status} <> 'deleted'`,
        sql`${plans.movedOutAt} is null`,
      ),
    );
  return rows[0] ?? null;
}

export async function updatePlan(
  db: Db,
  id: string,
  patch: Partial<typeof plans.$inferInsert>,
): Promise<void> {
  await db
    .update(plans)
    .set({ ...patch, updatedAt: now() })
    .where(eq(plans.id, id));
}

/** The approval state of a plan after a transition (every field written, as the caller computed it). */
export interface PlanStateRow {
  id: string;
  status: string;
  approvalLevel: string | null;
  levelSince: Date | null;
  revisionOf: string | null;
}

/** Writes the approval state of several (locked) plans in one statement. */
export async function updatePlanStates(db: Db, rows: PlanStateRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`update plans p set status = v.status, approval_level = v."approvalLevel",
      level_since = v."levelSince", revision_of = v."revisionOf", updated_at = ${now().toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v(id uuid, status text, "approvalLevel" text, "levelSince" timestamptz, "revisionOf" text)
    where p.id = v.id`);
}

export async function insertVersion(
  db: Db,
  planId: string,
  version: number,
  content: unknown,
  by: string | null,
): Promise<void> {
  await db.insert(planVersions).values({ planId, version, content, submittedBy: by });
}

export async function findVersion(db: Db, planId: string, version: number) {
  const rows = await db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.version, version)));
  return rows[0] ?? null;
}

/** Records a transition; returns the event's id. */
export async function insertEvent(db: Db, values: typeof planEvents.$inferInsert): Promise<number> {
  return (await insertEvents(db, [values])).get(values.planId) as number;
}

/**
 * Notification kinds that ask the person to act on a plan. Any later move of the plan answers a
 * waiting or returned notice (someone approved, returned, withdrew, ended it); an evaluation
 * reminder is answered only when the plan is evaluated or ends.
 */
const ASKING_KINDS_DONE_BY_ANY_MOVE = ['plan_waiting', 'plan_returned'];
const STATUSES_ANSWERING_EVALUATION = ['evaluated', 'closed', 'deleted'];

/**
 * Records several transitions in one statement; returns each event's id by plan. The same
 * statement marks done every open notification that asked someone to act on these plans, so the
 * bell of everyone else holding the level stops counting it (set-based: no extra statement).
 */
export async function insertEvents(
  db: Db,
  values: (typeof planEvents.$inferInsert)[],
): Promise<Map<string, number>> {
  if (values.length === 0) return new Map();
  const events = values.map((v) => ({
    planId: v.planId,
    actorId: v.actorId ?? null,
    action: v.action,
    fromStatus: v.fromStatus ?? null,
    toStatus: v.toStatus,
    level: v.level ?? null,
    version: v.version ?? null,
    comment: v.comment ?? null,
  }));
  const rows = await queryRows<{ id: number | string; plan_id: string }>(
    db,
    sql`with e as (
          select * from jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
            as e("planId" uuid, "actorId" uuid, action text, "fromStatus" text, "toStatus" text,
                 level text, version int, comment text)
        ), done as (
          update notifications n set done_at = ${now().toISOString()}::timestamptz
            from e
            where n.plan_id = e."planId" and n.done_at is null
              and (n.kind in ${ASKING_KINDS_DONE_BY_ANY_MOVE}
                or (n.kind = 'plan_evaluation_due' and e."toStatus" in ${STATUSES_ANSWERING_EVALUATION}))
        )
        insert into plan_events (plan_id, actor_id, action, from_status, to_status, level, version, comment)
        select "planId", "actorId", action, "fromStatus", "toStatus", level, version, comment from e
        returning id, plan_id`,
  );
  return new Map(rows.map((r) => [r.plan_id, Number(r.id)]));
}

export async function findEvents(db: Db, planId: string) {
  return db
    .select({
      at: planEvents.at,
      action: planEvents.action,
      fromStatus: planEvents.fromStatus,
      toStatus: planEvents.toStatus,
      level: planEvents.level,
      version: planEvents.version,
      comment: planEvents.comment,
      measureComments: sql<
        { measureId: string; comment: string }[]
      >`coalesce((select json_agg(json_build_object('measureId', c.measure_id, 'comment', c.comment) order by c.position)
        from plan_event_measure_comments c where c.event_id = ${planEvents.id}), '[]')`,
      firstName: users.firstName,
      lastName: users.lastName,
    })
    .from(planEvents)
    .leftJoin(users, eq(users.id, planEvents.actorId))
    .where(eq(planEvents.planId, planId))
    .orderBy(asc(planEvents.at), asc(planEvents.id));
}

/** The version that was in front of approvers when the plan was last returned, with the return's level. */
export async function findLastReturn(db: Db, planId: string) {
  const rows = await db
    .select({ version: planEvents.version, level: planEvents.level, comment: planEvents.comment })
    .from(planEvents)
    .where(and(eq(planEvents.planId, planId), eq(planEvents.action, 'return')))
    .orderBy(desc(planEvents.id))
    .limit(1);
  return rows[0] ?? null;
}

/** Plans of students in scope (whole schools, or assigned students), newest first. */
export async function findPlans(
  db: Db,
  visible: SQL,
  f: {
    studentId?: string;
    schoolId?: string;
    semesterId?: string;
    status?: string;
    limit: number;
    offset: number;
    cursor?: TCursorPayload;
    countCap?: number;
  },
) {
  const conditions: SQL[] = [visible, sql`p.status <> 'deleted'`];
  if (f.studentId) conditions.push(sql`p.student_id = ${f.studentId}`);
  if (f.schoolId) conditions.push(sql`p.school_id = ${f.schoolId}`);
  if (f.semesterId) conditions.push(sql`p.semester_id = ${f.semesterId}`);
  if (f.status) conditions.push(sql`p.status = ${f.status}`);
  return pagePlans(db, PLAN_KEYSET, conditions, f);
}

/** Plans, newest first (index `plans_created_idx`, 0016). */
const PLAN_KEYSET: Keyset = {
  list: 'plans',
  sort: 'created',
  dir: 'desc',
  keys: [{ expr: sql`p.created_at`, dir: 'desc', kind: 'timestamptz' }],
  id: { expr: sql`p.id`, dir: 'desc', kind: 'uuid' },
};

/** The approval queue, longest waiting first (partial index `plans_in_approval_since_idx`, 0016). */
const QUEUE_KEYSET: Keyset = {
  list: 'approvals',
  sort: 'waiting',
  dir: 'asc',
  keys: [{ expr: sql`p.level_since`, dir: 'asc', kind: 'timestamptz' }],
  id: { expr: sql`p.id`, dir: 'asc', kind: 'uuid' },
};

/**
 * A page of plan list rows in the keyset's order, with `total`: the rows the conditions match,
 * counted up to `countCap` (LIST_COUNT_CAP) — a nation's plans are not counted on every page — and
 * `totalAtLeast` when there are more. The conditions are on plans `p` and the plan's school `o`
 * only, so the count reads no student rows; the count ignores the cursor (the same on every page).
 * A plan not left behind by a move is at its student's school (the move marks the old school's
 * plans); the page checks that too, so a row that broke it would be left out, not shown to the
 * student's old school.
 */
async function pagePlans(
  db: Db,
  ks: Keyset,
  conditions: SQL[],
  f: { limit: number; offset: number; cursor?: TCursorPayload; countCap?: number },
): Promise<{ rows: PlanListRow[]; total: number; totalAtLeast: boolean; nextCursor: string | null }> {
  const cap = f.countCap ?? LIST_COUNT_CAP;
  const where = sql.join(conditions, sql` and `);
  const after = f.cursor ? sql` and ${keysetAfter(ks, f.cursor)}` : sql``;
  const counted = sql`(select count(*) from (select 1 from plans p join organisations o on o.id = p.school_id
    where ${where} limit ${cap + 1}) c)::int`;
  // The page's plans first (by index, from plans and their schools alone), then their students,
  // schools and semesters: joining every plan in scope before the top-N sort cost 10× at 80,000 students.
  const order = sql.join(keysetOrder(ks), sql`, `);
  const rows = await queryRows<PlanListRow>(
    db,
    sql`${planListSelect}, ${counted} as total, ${keysetSelect(ks)}
        from (select p.* from plans p join organisations o on o.id = p.school_id where ${where}${after}
          order by ${order} limit ${f.limit + 1} offset ${f.offset}) p
        join students s on s.id = p.student_id join organisations o on o.id = p.school_id
        join semesters sem on sem.id = p.semester_id
        where p.moved_out_at is not null or s.school_id = p.school_id
        order by ${order}`,
  );
  let n = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && (f.cursor || f.offset > 0)) {
    const [count] = await queryRows<{ total: number }>(db, sql`select ${counted} as total`);
    n = Number(count.total);
  }
  const page = keysetPage(ks, rows, f.limit);
  return { rows: page.rows, total: Math.min(n, cap), totalAtLeast: n > cap, nextCursor: page.nextCursor };
}

export interface PlanListRow {
  id: string;
  code: string;
  student_id: string;
  first_name: string;
  last_name: string;
  class_label: string;
  school_name: string;
  school_year: number;
  number: number;
  status: string;
  approval_level: string | null;
  level_since: string | null;
  resubmitted: boolean;
  total: number;
}

const planListSelect = sql`
  select p.id, p.code, p.student_id, s.first_name, s.last_name,
    case when p.moved_out_at is null then s.class_label else coalesce(p.class_label, '') end as class_label, o.name as school_name, sem.school_year, sem.number,
    p.status, p.approval_level, p.level_since, exists (select 1 from plan_events e where e.plan_id = p.id and e.action = 'return') as resubmitted`;

/** Plans waiting at a level the caller approves, oldest first. `scopes` maps each level to the caller's subtrees. */
export async function findQueue(
  db: Db,
  scopes: Record<'director' | 'municipality' | 'expert', string[]>,
  f: { limit: number; offset: number; cursor?: TCursorPayload; countCap?: number },
) {
  const levelConditions = (Object.keys(scopes) as (keyof typeof scopes)[])
    .filter((level) => scopes[level].length > 0)
    .map((level) => sql`(p.approval_level = ${level} and ${pathInScope(sql`o.path`, scopes[level])})`);
  if (levelConditions.length === 0) return { rows: [], total: 0, totalAtLeast: false, nextCursor: null };
  return pagePlans(
    db,
    QUEUE_KEYSET,
    [sql`p.status = 'in_approval'`, sql`(${sql.join(levelConditions, sql` or `)})`],
    f,
  );
}

export async function insertNotifications(
  db: Db,
  rows: (typeof notifications.$inferInsert)[],
): Promise<void> {
  if (rows.length) await db.insert(notifications).values(rows).onConflictDoNothing();
}

/** A "plan waits for you" notice for everyone holding `role` on the school or above it. */
export interface WaitingNotice {
  planId: string;
  role: string;
  schoolPath: string;
  params: Record<string, unknown>;
}

/**
 * Inserts, in ONE statement, the notices to the approvers of each `waiting` plan (active users
 * holding the role on the plan's school or an organisation above it, each once a plan) and the
 * `direct` notifications (to a known user).
 */
export async function insertPlanNotifications(
  db: Db,
  waiting: WaitingNotice[],
  direct: { userId: string; kind: string; planId: string; params: Record<string, unknown> }[],
): Promise<void> {
  if (waiting.length === 0 && direct.length === 0) return;
  await db.execute(sql`insert into notifications (user_id, kind, plan_id, params)
    select * from (
      select distinct g.user_id, 'plan_waiting', w."planId", w.params
        from jsonb_to_recordset(${JSON.stringify(waiting)}::jsonb)
          as w("planId" uuid, role text, "schoolPath" text, params jsonb)
        join role_grants g on g.role = w.role
        join organisations o on o.id = g.org_id
        join users u on u.id = g.user_id
        where u.active and w."schoolPath" like o.path || '%'
      union all
      select d."userId", d.kind, d."planId", d.params
        from jsonb_to_recordset(${JSON.stringify(direct)}::jsonb)
          as d("userId" uuid, kind text, "planId" uuid, params jsonb)
    ) n
    on conflict do nothing`);
}

/**
 * Tells, in ONE statement, every active provider of a live measure of the plan that they are named on
 * it, once a plan and person (the dedupe key), except the caller who saved it.
 */
export async function insertProviderNotifications(db: Db, planId: string, exceptUserId: string | null) {
  await db.execute(sql`insert into notifications (user_id, kind, plan_id, params, dedupe_key)
    select distinct pr.user_id, 'plan_provider', p.id, jsonb_build_object('code', p.code),
        'provider:' || p.id::text || ':' || pr.user_id::text
      from plans p join plan_measure_providers pr on pr.plan_id = p.id
        join plan_measures pm on pm.plan_id = pr.plan_id and pm.id = pr.measure_id
        join users u on u.id = pr.user_id
      where p.id = ${planId} and pm.removed_at is null and u.active
        and pr.user_id is distinct from ${exceptUserId}::uuid
    on conflict do nothing`);
}

export async function findNotifications(db: Db, userId: string) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(50);
}

/** Marks the user's own notification read (the first reading time stays); false when the user has no such notification. */
export async function markNotificationRead(db: Db, userId: string, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** Plans not evaluated two weeks after their semester ended, with their preparers. */
export async function findOverdueEvaluations(db: Db) {
  return queryRows<{ id: string; code: string; preparer_id: string | null }>(
    db,
    sql`select p.id, p.code, p.preparer_id from plans p join semesters s on s.id = p.semester_id
        where p.status in ('approved', 'in_progress', 'paused') and s.ends_on + 14 < ${today()}::date`,
  );
}

/** Staff of a school: users with any role granted on the school itself. */
export async function findSchoolStaffIds(db: Db, schoolId: string): Promise<Set<string>> {
  const rows = await queryRows<{ user_id: string }>(
    db,
    sql`select distinct user_id from role_grants where org_id = ${schoolId}`,
  );
  return new Set(rows.map((r) => r.user_id));
}

/** Names of users by id (providers, supervisor, preparer). */
export async function findUserNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, first_name || ' ' || last_name as name from users where id in ${ids}`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Notifications that still need the user: unread and not answered by a later move of the plan (all of them, not only the newest page). */
export async function countUnreadNotifications(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        sql`${notifications.readAt} is null and ${notifications.doneAt} is null`,
      ),
    );
  return Number(row?.n ?? 0);
}

/** One plan of a set, with every fact the gate and the state machine need (see findPlansWithScope). */
export interface PlanScopeRow {
  id: string;
  school_id: string;
  /** The plan's own school. */
  school_path: string;
  /** The student's school now (differs after a move). */
  student_school_id: string;
  student_school_path: string;
  status: string;
  approval_level: string | null;
  moved_out: boolean;
  semester_ends_on: string;
  has_deliveries: boolean;
  /** The preparer, the supervisor and the providers the plan names. */
  named: (string | null)[];
  /** The staff assigned to the student now. */
  assigned: string[];
}

/**
 * Every plan of `ids` (not deleted) in one statement, with what the gate and the state machine need
 * to decide each id in memory (bulk operations): both schools' paths, the people working with the
 * student through the plan (assigned staff, preparer, supervisor, providers) and the plan's state.
 * Locks nothing.
 */
export async function findPlansWithScope(db: Db, ids: string[]): Promise<PlanScopeRow[]> {
  if (ids.length === 0) return [];
  return queryRows<PlanScopeRow>(
    db,
    sql`select p.id, p.school_id, o.path as school_path, s.school_id as student_school_id,
          so.path as student_school_path, p.status, p.approval_level,
          p.moved_out_at is not null as moved_out, sem.ends_on::text as semester_ends_on,
          (exists (select 1 from session_participants sp where sp.plan_id = p.id)
            or exists (select 1 from economic_payments ep where ep.plan_id = p.id)
            or exists (select 1 from timesheet_entries te where te.plan_id = p.id)) as has_deliveries,
          array[p.preparer_id::text, p.supervisor_id::text]
            || coalesce((select array_agg(pr.user_id::text) from plan_measure_providers pr join plan_measures m on m.plan_id = pr.plan_id and m.id = pr.measure_id
                 where pr.plan_id = p.id and m.removed_at is null), '{}')
            as named,
          coalesce((select array_agg(a.user_id::text) from student_assignments a where a.student_id = p.student_id), '{}')
            as assigned
        from plans p join organisations o on o.id = p.school_id join students s on s.id = p.student_id
          join organisations so on so.id = s.school_id join semesters sem on sem.id = p.semester_id
        where p.id in ${ids} and p.status <> 'deleted'`,
  );
}
