import type { ApprovalLevel, PlanStatus, TPlanContent } from '../../../common/api/plans.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import { writeAuditMany } from '../../platform/audit.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { can } from '../../platform/policy/gate.ts';
import type { findSemester } from '../calendar/index.ts';
import {
  type findStudentById,
  STUDENT_VIEW,
  STUDENT_VIEW_ASSIGNED,
  type StudentResource,
} from '../students/index.ts';
import { findPlanContexts, type PlanContext } from './context-repo.ts';
import * as repo from './repo.ts';
import { allowedList, mayDo, type PlanAction, planAbilities, type WorkflowFacts } from './workflow.ts';

export const today = () => todayInLatvia();

/** A plan with everything the gate and the state machine need. */
export interface LoadedPlan {
  plan: repo.PlanRow;
  content: TPlanContent;
  student: NonNullable<Awaited<ReturnType<typeof findStudentById>>>;
  resource: StudentResource;
  semester: NonNullable<Awaited<ReturnType<typeof findSemester>>>;
  facts: WorkflowFacts;
  schoolUnderNation: boolean;
  /** The name of the plan's own school (not necessarily the student's school now). */
  schoolName: string;
  /**
   * 'current': the caller sees the student where the student is now (the whole history);
   * 'former': the caller is at the school the student left and sees only what it recorded there.
   */
  view: 'current' | 'former';
  /**
   * The organisation an audit row of this access belongs to: the school the caller sees the plan
   * from (the new school's reads of an old plan must not show up in the old school's trail).
   */
  auditOrgId: string;
  /** "First Last" of the people the plan names, as loaded (the plan page shows them). */
  names: Map<string, string>;
  /** Who sets the student's PIN (the coordinators of the student's school), as loaded. */
  pinSetters: string[];
}

/** Where a plan lives and who works with the student through it: what decides who sees it. */
export interface PlanSight {
  studentSchoolPath: string;
  planSchoolPath: string;
  movedOut: boolean;
  /** The people the plan names (preparer, supervisor, providers). */
  named: readonly (string | null)[];
  /** The staff assigned to the student now. */
  assigned: readonly string[];
}

/**
 * Whether and how the caller sees a plan — anyone who sees the student, and for a plan left behind
 * by a move also the school that made it — decided by the gate from facts already loaded (one plan
 * or a whole set). Null: the caller does not see it.
 */
export function planView(
  actor: Actor | null,
  sight: PlanSight,
): { view: 'current' | 'former'; resource: StudentResource } | null {
  const named = sight.named.filter((x): x is string => Boolean(x));
  // A running plan is the student's school's; a plan left behind by a move is seen from the student's
  // school now (the whole history), or by the school that made it, as it was before the move.
  const current: StudentResource = {
    orgPath: sight.studentSchoolPath,
    assignedUserIds: sight.movedOut ? [...sight.assigned] : [...new Set([...sight.assigned, ...named])],
  };
  const former: StudentResource = { orgPath: sight.planSchoolPath, assignedUserIds: [] };
  const sees = (r: StudentResource) => can(actor, STUDENT_VIEW, r) || can(actor, STUDENT_VIEW_ASSIGNED, r);
  if (sees(current)) return { view: 'current', resource: current };
  if (sight.movedOut && sees(former)) return { view: 'former', resource: former };
  return null;
}

/**
 * Loads a plan the caller may see — anyone who sees the student, and for a plan left behind by a
 * move also the school that made it — or answers 404 (audited).
 * `lock` takes a row lock for a transition.
 */
export async function loadPlan(ctx: RequestContext, id: string, tx: Db, lock = false): Promise<LoadedPlan> {
  return (await loadPlans(ctx, [id], tx, lock))[0];
}

/**
 * Loads a set of distinct plans as `loadPlan` loads one, in two statements with `lock` (the rows
 * locked in id order, then their context) and one without, whatever the number of plans. The
 * first id (in the order given) that `loadPlan` would refuse refuses the set with the same error.
 */
export async function loadPlans(
  ctx: RequestContext,
  ids: string[],
  tx: Db,
  lock = false,
): Promise<LoadedPlan[]> {
  if (lock) await repo.lockPlans(tx, ids);
  // The plan, student, assigned staff, school (and its parent's type), semester, deliveries,
  // content and the names of the people it names: one statement for the whole set.
  const contexts = await findPlanContexts(tx, ids);
  return ids.map((id) => assemblePlan(ctx, id, contexts.get(id), lock));
}

/** A loaded plan from its context, after the gate's checks (see `loadPlan`). */
function assemblePlan(
  ctx: RequestContext,
  id: string,
  context: PlanContext | undefined,
  lock: boolean,
): LoadedPlan {
  if (!context || context.plan.status === 'deleted') throw new NotFoundError('plan', id);
  const { plan, student, school, semester } = context;
  // Staff assigned to the student, and the people the plan names (preparer, supervisor, providers),
  // work with the student through this plan and may read it.
  const content = context.content;
  if (!content) throw new NotFoundError('plan', id);
  const named = [plan.preparerId, content.supervisorId, ...content.measures.map((m) => m.providerId)].filter(
    (x): x is string => Boolean(x),
  );
  const assignedNow = context.assignedUserIds;
  if (!school) throw new NotFoundError('plan', id);
  const movedOut = plan.movedOutAt !== null;
  const seen = planView(ctx.actor, {
    studentSchoolPath: student.schoolPath,
    planSchoolPath: school.path,
    movedOut,
    named,
    assigned: assignedNow,
  });
  if (!seen) throw new NotFoundError('plan', id, plan.schoolId);
  const { view, resource } = seen;
  // Nothing changes a plan left behind by a move (its sessions and payments stay as they were).
  if (lock && movedOut) throw new AppError(409, 'plan_moved_away');
  if (!semester) throw new NotFoundError('plan', id);
  return {
    plan,
    content,
    student,
    resource,
    semester,
    schoolUnderNation: school.parentType === 'nation',
    schoolName: school.name,
    view,
    auditOrgId: view === 'current' ? student.schoolId : plan.schoolId,
    names: context.names,
    pinSetters: context.pinSetters,
    facts: {
      status: plan.status as PlanStatus,
      level: plan.approvalLevel as ApprovalLevel | null,
      semesterEndsOn: semester.endsOn,
      today: today(),
      hasDeliveries: context.hasDeliveries,
      movedOut,
    },
  };
}

/** 403 unless the state machine allows `action` for the caller now (409 when the status is wrong for anyone). */
export function requireAction(ctx: RequestContext, loaded: LoadedPlan, action: PlanAction): void {
  if (mayDo(ctx.actor, action, loaded.facts, loaded.resource)) return;
  throw new ForbiddenError('plan', loaded.plan.id, loaded.plan.schoolId, 'plan_action_not_allowed');
}

/** The caller's abilities on the plan now (the plan response's `can`). */
export function planCan(ctx: RequestContext, loaded: LoadedPlan): Record<PlanAction, boolean> {
  return planAbilities(ctx.actor, loaded.facts, loaded.resource);
}

/** Every action the caller may take on the plan now. */
export function allowedActions(ctx: RequestContext, loaded: LoadedPlan): PlanAction[] {
  return allowedList(planCan(ctx, loaded));
}

/** The state facts of a plan of a set, as loadPlan would find them. */
function factsOf(row: repo.PlanScopeRow): WorkflowFacts {
  return {
    status: row.status as PlanStatus,
    level: row.approval_level as ApprovalLevel | null,
    semesterEndsOn: row.semester_ends_on,
    today: today(),
    hasDeliveries: row.has_deliveries,
    movedOut: row.moved_out,
  };
}

/**
 * Checks a whole set of plan ids for `action` before anything is locked or changed (bulk
 * operations): one query loads every id with its scope and state, and the gate decides each id in
 * memory. Any id that does not exist or that the caller may not see refuses the whole set with one
 * 404; each refused id is audited as a denial, with the plan's school when the plan exists (returned,
 * not thrown, so the audit rows commit). A visible plan the caller may not take `action` on refuses
 * the set as a single plan would (thrown: 409 when it was left behind by a move, else 403).
 */
export async function checkPlanSet(
  ctx: RequestContext,
  ids: string[],
  action: PlanAction,
  tx: Db,
): Promise<AppError | null> {
  const rows = await repo.findPlansWithScope(tx, ids);
  const seen = new Map(
    rows.flatMap((r) => {
      const sight = planView(ctx.actor, {
        studentSchoolPath: r.student_school_path,
        planSchoolPath: r.school_path,
        movedOut: r.moved_out,
        named: r.named,
        assigned: r.assigned,
      });
      return sight ? [[r.id, { row: r, resource: sight.resource }] as const] : [];
    }),
  );
  const refused = ids.filter((id) => !seen.has(id));
  if (refused.length > 0) {
    await writeAuditMany(
      tx,
      ctx,
      refused.map((id) => ({
        action: 'plan.access',
        outcome: 'denied' as const,
        entityType: 'plan',
        entityId: id,
        orgId: rows.find((r) => r.id === id)?.school_id ?? null,
      })),
    );
    return new NotFoundError();
  }
  for (const id of ids) {
    const { row, resource } = seen.get(id) as { row: repo.PlanScopeRow; resource: StudentResource };
    if (row.moved_out) throw new AppError(409, 'plan_moved_away');
    if (!mayDo(ctx.actor, action, factsOf(row), resource))
      throw new ForbiddenError('plan', id, row.school_id, 'plan_action_not_allowed');
  }
  return null;
}
