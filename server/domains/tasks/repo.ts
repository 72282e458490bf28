import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';
import type { SystemTaskCandidate, SystemTaskFilter } from './system-types.ts';

// Tasks: made by hand and by the system; the SQL of the tasks domain lives here only.

/** A task with its organisation's path and its assignee, as the gate sees it. */
export interface TaskGateRow {
  id: string;
  org_id: string;
  org_path: string;
  assignee_user_id: string | null;
  assignee_role: string | null;
  created_by: string | null;
  status: string;
  kind: string | null;
  student_id: string | null;
}

/** A task as the lists show it. */
export interface TaskRow extends TaskGateRow {
  title: string | null;
  params: Record<string, string | number> | string;
  due_on: string;
  done_at: string | Date | null;
  done_automatically: boolean;
  done_by_name: string | null;
  assignee_name: string | null;
  org_name: string;
  plan_id: string | null;
  plan_code: string | null;
  student_name: string | null;
}

/** SQL condition on `t`: a task assigned to the user or to one of the (role, organisation) pairs. */
export function assignedTo(filter: SystemTaskFilter): SQL {
  const parts: SQL[] = [];
  if (filter.assigneeUserId) parts.push(sql`t.assignee_user_id = ${filter.assigneeUserId}`);
  for (const g of filter.grants ?? [])
    parts.push(sql`(t.assignee_role = ${g.role} and t.org_id = ${g.orgId})`);
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** Creates a task made by hand; returns its id. */
export async function insertTask(
  db: Db,
  v: {
    orgId: string;
    assigneeUserId: string;
    title: string;
    studentId: string | null;
    planId: string | null;
    dueOn: string;
    createdBy: string;
    createdAt: Date;
  },
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`insert into tasks (org_id, assignee_user_id, title, student_id, plan_id, due_on, created_by, created_at)
        values (${v.orgId}, ${v.assigneeUserId}, ${v.title}, ${v.studentId}, ${v.planId}, ${v.dueOn}, ${v.createdBy}, ${v.createdAt})
        returning id`,
  );
  return row.id;
}

/** One task with what the gate needs, or null. */
export async function findTaskForGate(db: Db, id: string): Promise<TaskGateRow | null> {
  const [row] = await queryRows<TaskGateRow>(
    db,
    sql`select t.id, t.org_id, o.path as org_path, t.assignee_user_id, t.assignee_role, t.created_by, t.status,
          t.kind, t.student_id
        from tasks t join organisations o on o.id = t.org_id where t.id = ${id}`,
  );
  return row ?? null;
}

/**
 * Tasks for a list, with names: the student's name and the plan's code only where `studentSeen`
 * (an SQL condition on `students` and `organisations`, the caller's student scope) holds.
 */
export async function findTasks(
  db: Db,
  where: SQL,
  studentSeen: SQL,
  order: SQL,
  limit = 200,
): Promise<TaskRow[]> {
  return queryRows<TaskRow>(
    db,
    sql`select t.id, t.org_id, tog.path as org_path, tog.name as org_name, t.assignee_user_id, t.assignee_role,
          t.created_by, t.status, t.kind, t.title, t.params, to_char(t.due_on, 'YYYY-MM-DD') as due_on, t.done_at,
          t.done_automatically, t.student_id, t.plan_id,
          case when db.id is null then null else db.first_name || ' ' || db.last_name end as done_by_name,
          case when au.id is null then null else au.first_name || ' ' || au.last_name end as assignee_name,
          case when students.id is not null and (${studentSeen}) then students.first_name || ' ' || students.last_name end as student_name,
          case when p.id is not null and (t.student_id is null or (${studentSeen})) then p.code end as plan_code
        from tasks t
          join organisations tog on tog.id = t.org_id
          left join users au on au.id = t.assignee_user_id
          left join users db on db.id = t.done_by
          left join students on students.id = t.student_id
          left join organisations on organisations.id = students.school_id
          left join plans p on p.id = t.plan_id
        where ${where}
        order by ${order}
        limit ${limit}`,
  );
}

/** Open and overdue tasks matching `where`. */
export async function countTasks(
  db: Db,
  where: SQL,
  today: string,
): Promise<{ open: number; overdue: number }> {
  const [row] = await queryRows<{ open: number; overdue: number }>(
    db,
    sql`select count(*)::int as open, count(*) filter (where t.due_on < ${today}::date)::int as overdue
        from tasks t where t.status = 'open' and ${where}`,
  );
  return { open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0) };
}

/** Marks a task done (by a person) or open again; returns whether it changed. */
export async function setTaskStatus(
  db: Db,
  id: string,
  to: 'open' | 'done',
  by: string,
  at: Date,
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    to === 'done'
      ? sql`update tasks set status = 'done', done_at = ${at}, done_by = ${by}, done_automatically = false
            where id = ${id} and status = 'open' returning id`
      : sql`update tasks set status = 'open', done_at = null, done_by = null, done_automatically = false
            where id = ${id} and status = 'done' and system_key is null returning id`,
  );
  return rows.length > 0;
}

const UPSERT_CHUNK = 500;

/**
 * One open task per candidate (by system key): a new one, or the open one brought up to date. A
 * condition whose task someone closed by hand gets no new one (the person dismissed it). Two
 * reconciliations at once cannot both insert: the unique index on open keys lets one win.
 */
export async function upsertSystemTasks(
  db: Db,
  kind: string,
  candidates: SystemTaskCandidate[],
): Promise<void> {
  for (let i = 0; i < candidates.length; i += UPSERT_CHUNK) {
    const rows = candidates.slice(i, i + UPSERT_CHUNK).map(
      (c) =>
        sql`(${c.orgId}::uuid, ${c.assigneeUserId}::uuid, ${c.assigneeRole}::text, ${JSON.stringify(c.params)}::jsonb,
            ${c.studentId}::uuid, ${c.planId}::uuid, ${c.dueDate}::date, ${c.systemKey}::text)`,
    );
    await db.execute(
      sql`insert into tasks (org_id, assignee_user_id, assignee_role, kind, params, student_id, plan_id, due_on, system_key)
          select v.org_id, v.assignee_user_id, v.assignee_role, ${kind}, v.params, v.student_id, v.plan_id, v.due_on, v.system_key
          from (values ${sql.join(rows, sql`, `)})
            as v(org_id, assignee_user_id, assignee_role, params, student_id, plan_id, due_on, system_key)
          where not exists (select 1 from tasks d where d.system_key = v.system_key and d.status = 'done' and d.done_by is not null)
          on conflict (system_key) where status = 'open' do update set
            org_id = excluded.org_id, assignee_user_id = excluded.assignee_user_id, assignee_role = excluded.assignee_role,
            params = excluded.params, student_id = excluded.student_id, plan_id = excluded.plan_id, due_on = excluded.due_on
          where (tasks.org_id, tasks.assignee_user_id, tasks.assignee_role, tasks.params, tasks.student_id, tasks.plan_id, tasks.due_on)
            is distinct from (excluded.org_id, excluded.assignee_user_id, excluded.assignee_role, excluded.params,
              excluded.student_id, excluded.plan_id, excluded.due_on)`,
    );
  }
}

/** Marks done automatically (done_by null) the open tasks of `kind` in `filter` whose key is not in `keys`. */
export async function closeSystemTasksNotIn(
  db: Db,
  kind: string,
  keys: string[],
  filter: SystemTaskFilter,
  at: Date,
): Promise<number> {
  const scoped = filter.assigneeUserId || filter.grants ? assignedTo(filter) : sql`true`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update tasks t set status = 'done', done_at = ${at}, done_by = null, done_automatically = true
        where t.kind = ${kind} and t.status = 'open' and t.system_key is not null and ${scoped}
          ${
            // One JSON parameter, not one per key: a national run may hold more keys than the
            // 65,535 parameters a statement may have.
            keys.length > 0
              ? sql`and t.system_key not in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`
              : sql``
          }
        returning t.id`,
  );
  return rows.length;
}
