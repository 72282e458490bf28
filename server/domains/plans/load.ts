import type { ApprovalLevel, PlanStatus, TPlanContent } from '../../../common/api/plans.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAuditMany } from '../../platform/audit.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { can } from '../../platform/policy/gate.ts';
import type { findSemester } from '../calendar/index.ts';
import { type findStudentById, STUDENT_VIEW, STUDENT_VIEW_ASSIGNED, type StudentResource } from '../students/index.ts';
import { findContent } from './content-repo.ts';
import { findPlanContext } from './context-repo.ts';
import * as repo from './repo.ts';
import { ALL_ACTIONS, mayDo, type PlanAction, type WorkflowFacts } from './workflow.ts';

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
}

/**
 * Loads a plan the caller may see — anyone who sees the student, and for a plan left behind by a
 * move also the school that made it — or answers 404 (audited).
 * `lock` takes a row lock for a transition.
 */
export async function loadPlan(ctx: RequestContext, id: string, tx: Db, lock = false): Promise<LoadedPlan> {
  const plan = lock ? await repo.lockPlan(tx, id) : await repo.findPlan(tx, id);
  if (!plan || plan.status === 'deleted') throw new NotFoundError('plan', id);
  // The student, assigned staff, school (and its parent's type), semester and deliveries: one statement.
  const context = await findPlanContext(tx, plan);
  if (!context) throw new NotFoundError('plan', id);
  const { student, school, semester } = context;
  // Staff assigned to the student, and the people the plan names (preparer, supervisor, providers),
  // work with the student through this plan and may read it.
  const content = await findContent(tx, plan.id);
  if (!content) throw new NotFoundError('plan', id);
  const named = [plan.preparerId, content.supervisorId, ...content.measures.map((m) => m.providerId)].filter(
    (x): x is string => Boolean(x),
  );
  const assignedNow = context.assignedUserIds;
  if (!school) throw new NotFoundError('plan', id);
  const movedOut = plan.movedOutAt !== null;
  // A running plan is the student's school's; a plan left behind by a move is seen from the student's
  // school now (the whole history), or by the school that made it, as it was before the move.
  const current: StudentResource = {
    orgPath: student.schoolPath,
    assignedUserIds: movedOut ? assignedNow : [...new Set([...assignedNow, ...named])],
  };
  const former: StudentResource = { orgPath: school.path, assignedUserIds: [] };
  const sees = (r: StudentResource) =>
    can(ctx.actor, STUDENT_VIEW, r) || can(ctx.actor, STUDENT_VIEW_ASSIGNED, r);
  const view = sees(current) ? 'current' : movedOut && sees(former) ? 'former' : null;
  if (!view) throw new NotFoundError('plan', id, plan.schoolId);
  // Nothing changes a plan left behind by a move (its sessions and payments stay as they were).
  if (lock && movedOut) throw new AppError(409, 'plan_moved_away');
  const resource = view === 'current' ? current : former;
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

/** Every action the caller may take on the plan now. */
export function allowedActions(ctx: RequestContext, loaded: LoadedPlan): PlanAction[] {
  return ALL_ACTIONS.filter((a) => mayDo(ctx.actor, a, loaded.facts, loaded.resource));
}

/**
 * Checks a whole set of plan ids before anything is locked or changed (bulk operations): one query
 * loads every id with its scope, and any id that does not exist or that the caller may not see
 * refuses the whole set with one 404. Each refused id is audited as a denial, with the plan's
 * school when the plan exists. Returned, not thrown, so the audit rows commit.
 */
export async function checkPlanSet(ctx: RequestContext, ids: string[], tx: Db): Promise<AppError | null> {
  const rows = await repo.findPlansWithScope(tx, ids);
  const visible = new Set(
    rows
      .filter((r) => {
        const resource: StudentResource = {
          orgPath: r.school_path,
          assignedUserIds: r.people.filter((p): p is string => Boolean(p)),
        };
        return can(ctx.actor, STUDENT_VIEW, resource) || can(ctx.actor, STUDENT_VIEW_ASSIGNED, resource);
      })
      .map((r) => r.id),
  );
  const refused = ids.filter((id) => !visible.has(id));
  if (refused.length === 0) return null;
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
