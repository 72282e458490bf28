import { type SQL, sql } from 'drizzle-orm';
import type {
  TCreateTaskBody,
  TTask,
  TTaskAssignees,
  TTaskCounts,
  TTaskList,
  TTaskListQuery,
} from '../../../common/api/tasks.ts';
import { TASK_ROLES } from '../../../common/roles.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now, today } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { conflict, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { can, canAnywhere, scopePaths } from '../../platform/policy/gate.ts';
import { pathInScope } from '../../platform/scope-sql.ts';
import { loadPlan } from '../plans/index.ts';
import { loadVisibleStudent, providerOfStudent, studentScope, studentVisible } from '../students/index.ts';
import { findStaffInScope } from '../users/index.ts';
import { TASK_CREATE, TASK_OVERSEE, TASK_WORK, type TaskResource } from './policy.ts';
import * as repo from './repo.ts';
import './sources.ts';
import { reconcileSystemTasks } from './system.ts';
import type { SystemTaskFilter } from './system-types.ts';

/** 403 unless the caller has tasks at all (partners and auditors have none). */
function requireTasks(ctx: RequestContext): Actor {
  if (!ctx.actor || !canAnywhere(ctx.actor, TASK_CREATE)) throw new ForbiddenError('task');
  return ctx.actor;
}

/** The caller as a reconciliation filter: the caller's own tasks and those of the caller's roles. */
function callerFilter(actor: Actor): SystemTaskFilter {
  return {
    assigneeUserId: actor.userId,
    grants: actor.grants.map((g) => ({ role: g.role, orgId: g.orgId })),
  };
}

/** SQL on the joined `students`/`organisations`: the caller may see this student (names shown only then). */
function studentSeen(ctx: RequestContext): SQL {
  const scope = studentScope(ctx);
  return sql`(${studentVisible(scope)} or ${providerOfStudent(scope)})`;
}

/** SQL on `t`: tasks the caller may see — assigned to the caller or the caller's role, made by the caller, or overseen. */
function visibleToCaller(actor: Actor): SQL {
  return sql`(${repo.assignedTo(callerFilter(actor))} or t.created_by = ${actor.userId}
    or t.org_id in (select o.id from organisations o where ${pathInScope(sql`o.path`, scopePaths(actor, TASK_OVERSEE))}))`;
}

function resourceOf(row: repo.TaskGateRow): TaskResource {
  return {
    orgPath: row.org_path,
    orgId: row.org_id,
    assigneeUserId: row.assignee_user_id,
    assigneeRole: row.assignee_role,
    createdBy: row.created_by,
  };
}

function mayWork(ctx: RequestContext, r: TaskResource): boolean {
  return can(ctx.actor, TASK_WORK, r) || can(ctx.actor, TASK_OVERSEE, r);
}

function present(ctx: RequestContext, r: repo.TaskRow, day: string): TTask {
  const work = mayWork(ctx, resourceOf(r));
  const params = typeof r.params === 'string' ? JSON.parse(r.params) : r.params;
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    params: params ?? {},
    dueOn: r.due_on,
    status: r.status === 'done' ? 'done' : 'open',
    overdue: r.status === 'open' && r.due_on < day,
    doneAt: r.done_at ? new Date(r.done_at).toISOString() : null,
    doneByName: r.done_by_name,
    doneAutomatically: Boolean(r.done_automatically),
    assigneeName: r.assignee_name,
    assigneeRole: r.assignee_role,
    organisationName: r.org_name,
    student: r.student_id ? { id: r.student_id, name: r.student_name } : null,
    plan: r.plan_id ? { id: r.plan_id, code: r.plan_code } : null,
    can: { complete: work && r.status === 'open', reopen: work && r.status === 'done' && !r.kind },
  };
}

const OPEN_ORDER = sql`t.due_on asc, t.created_at asc, t.id`;
const DONE_ORDER = sql`t.done_at desc, t.id`;

/** The caller's tasks (own and the caller's roles'), after bringing the system tasks up to date; audited. */
export async function listMyTasks(ctx: RequestContext, query: TTaskListQuery, tx: Db): Promise<TTaskList> {
  const actor = requireTasks(ctx);
  const day = today();
  await reconcileSystemTasks(tx, day, callerFilter(actor));
  const mine = repo.assignedTo(callerFilter(actor));
  const rows = await repo.findTasks(
    tx,
    sql`t.status = ${query.status} and ${mine}`,
    studentSeen(ctx),
    query.status === 'open' ? OPEN_ORDER : DONE_ORDER,
  );
  await writeAudit(tx, ctx, { action: 'task.list', entityType: 'task', entityId: null, orgId: null });
  return { items: rows.map((r) => present(ctx, r, day)), counts: await repo.countTasks(tx, mine, day) };
}

/** The start page's counter: the caller's open and overdue tasks (system tasks brought up to date first). */
export async function myTaskCounts(ctx: RequestContext, tx: Db): Promise<TTaskCounts> {
  const actor = requireTasks(ctx);
  const day = today();
  await reconcileSystemTasks(tx, day, callerFilter(actor));
  return repo.countTasks(tx, repo.assignedTo(callerFilter(actor)), day);
}

/** The tasks about a student that the caller may see (open first); 404 for a student out of sight; audited. */
export async function listStudentTasks(ctx: RequestContext, studentId: string, tx: Db): Promise<TTaskList> {
  const { row } = await loadVisibleStudent(ctx, studentId, tx);
  const day = today();
  const actor = ctx.actor as Actor;
  const where = sql`t.student_id = ${studentId} and ${visibleToCaller(actor)}`;
  const rows = await repo.findTasks(
    tx,
    where,
    studentSeen(ctx),
    sql`case when t.status = 'open' then 0 else 1 end, t.due_on asc, t.done_at desc, t.id`,
  );
  await writeAudit(tx, ctx, {
    action: 'task.list',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  return { items: rows.map((r) => present(ctx, r, day)), counts: await repo.countTasks(tx, where, day) };
}

/** The colleagues in the caller's scope a task may be given to, the caller first. */
export async function listAssignees(ctx: RequestContext, tx: Db): Promise<TTaskAssignees> {
  const actor = requireTasks(ctx);
  const rows = await findStaffInScope(tx, scopePaths(actor, TASK_CREATE), TASK_ROLES);
  const seen = new Set<string>();
  const items = rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ id: r.id, name: r.name, organisationName: r.org_name }));
  items.sort((a, b) => Number(b.id === actor.userId) - Number(a.id === actor.userId));
  // Staff names only, but a colleague may share a name with a student: recorded like other lists.
  await writeAudit(tx, ctx, { action: 'task.assignees', entityType: 'task', entityId: null, orgId: null });
  return { items };
}

/** Where a new task belongs: the linked student's school (a plan leads to its student), checked against the caller's sight. */
async function taskTarget(ctx: RequestContext, input: TCreateTaskBody, tx: Db) {
  let studentId = input.studentId ?? null;
  let planId: string | null = null;
  if (input.planId) {
    const loaded = await loadPlan(ctx, input.planId, tx);
    if (studentId && loaded.plan.studentId !== studentId) throw new NotFoundError('plan', input.planId);
    studentId = loaded.plan.studentId;
    planId = loaded.plan.id;
  }
  if (!studentId) return { studentId: null, planId: null, school: null };
  const { row } = await loadVisibleStudent(ctx, studentId, tx);
  return { studentId, planId, school: { id: row.schoolId, path: row.schoolPath } };
}

/**
 * Makes a task by hand for the caller or a colleague in the caller's scope (another school's user
 * or student is a 404), linked to a student and/or plan the caller may see; audited. A double click
 * sends the same idempotency key, so it makes one task.
 */
export async function createTask(ctx: RequestContext, input: TCreateTaskBody, tx: Db): Promise<TTask> {
  const actor = requireTasks(ctx);
  const target = await taskTarget(ctx, input, tx);
  const assigneeId = input.assigneeUserId ?? actor.userId;
  const staff = await findStaffInScope(tx, scopePaths(actor, TASK_CREATE), TASK_ROLES, assigneeId);
  // The assignee must work where the task belongs: at the student's school or above it.
  const place = target.school
    ? staff.find((s) => (target.school?.path ?? '').startsWith(s.org_path))
    : staff.sort((a, b) => b.org_path.length - a.org_path.length)[0];
  if (!place) throw new NotFoundError('user', assigneeId);
  const orgId = target.school?.id ?? place.org_id;
  const id = await repo.insertTask(tx, {
    orgId,
    assigneeUserId: assigneeId,
    title: input.title.trim(),
    studentId: target.studentId,
    planId: target.planId,
    dueOn: input.dueOn,
    createdBy: actor.userId,
    createdAt: now(),
  });
  await writeAudit(tx, ctx, { action: 'task.create', entityType: 'task', entityId: id, orgId });
  return oneTask(ctx, id, tx);
}

async function oneTask(ctx: RequestContext, id: string, tx: Db): Promise<TTask> {
  const [row] = await repo.findTasks(tx, sql`t.id = ${id}`, studentSeen(ctx), sql`t.id`, 1);
  return present(ctx, row, today());
}

/** A task the caller may work on; 404 (audited under its organisation) otherwise. */
async function taskFor(ctx: RequestContext, id: string, tx: Db): Promise<repo.TaskGateRow> {
  requireTasks(ctx);
  const row = await repo.findTaskForGate(tx, id);
  if (!row) throw new NotFoundError('task', id);
  if (!mayWork(ctx, resourceOf(row))) throw new NotFoundError('task', id, row.org_id);
  return row;
}

/** Marks a task done by hand (a repeat changes nothing); audited. */
export async function completeTask(ctx: RequestContext, id: string, tx: Db): Promise<TTask> {
  const row = await taskFor(ctx, id, tx);
  if (await repo.setTaskStatus(tx, id, 'done', ctx.actor?.userId as string, now()))
    await writeAudit(tx, ctx, {
      action: 'task.complete',
      entityType: 'task',
      entityId: id,
      orgId: row.org_id,
    });
  return oneTask(ctx, id, tx);
}

/** Opens a task made by hand again (a system task cannot be: 409); audited. */
export async function reopenTask(ctx: RequestContext, id: string, tx: Db): Promise<TTask> {
  const row = await taskFor(ctx, id, tx);
  if (row.kind) throw conflict('task_system_reopen');
  if (await repo.setTaskStatus(tx, id, 'open', ctx.actor?.userId as string, now()))
    await writeAudit(tx, ctx, { action: 'task.reopen', entityType: 'task', entityId: id, orgId: row.org_id });
  return oneTask(ctx, id, tx);
}
