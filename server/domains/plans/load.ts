import type { ApprovalLevel, PlanStatus, TPlanContent } from '../../../common/api/plans.ts';
import { ZPlanContent } from '../../../common/api/plans.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { can } from '../../platform/policy/gate.ts';
import { findOrganisationById } from '../organisations/repo.ts';
import { findSemester } from '../risks/repo.ts';
import { STUDENT_VIEW, STUDENT_VIEW_ASSIGNED, type StudentResource } from '../students/policy.ts';
import { findAssignedUserIds, findStudentById } from '../students/repo.ts';
import { planHasDeliveries } from '../support/repo.ts';
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
}

/**
 * Loads a plan the caller may see — anyone who sees the student — or answers 404 (audited).
 * `lock` takes a row lock for a transition.
 */
export async function loadPlan(ctx: RequestContext, id: string, tx: Db, lock = false): Promise<LoadedPlan> {
  const plan = lock ? await repo.lockPlan(tx, id) : await repo.findPlan(tx, id);
  if (!plan || plan.status === 'deleted') throw new NotFoundError('plan', id);
  const student = await findStudentById(tx, plan.studentId);
  if (!student) throw new NotFoundError('plan', id);
  // Staff assigned to the student, and the people the plan names (preparer, supervisor, providers),
  // work with the student through this plan and may read it.
  const content = ZPlanContent.parse(plan.content);
  const named = [plan.preparerId, content.supervisorId, ...content.measures.map((m) => m.providerId)].filter(
    (x): x is string => Boolean(x),
  );
  const assigned = [
    ...new Set([...((await findAssignedUserIds(tx, [student.id])).get(student.id) ?? []), ...named]),
  ];
  // The plan belongs to the school that made it; a student who moved takes the record, not the plan.
  const school = await findOrganisationById(tx, plan.schoolId);
  if (!school) throw new NotFoundError('plan', id);
  const resource: StudentResource = { orgPath: school.path, assignedUserIds: assigned };
  if (!can(ctx.actor, STUDENT_VIEW, resource) && !can(ctx.actor, STUDENT_VIEW_ASSIGNED, resource))
    throw new NotFoundError('plan', id, plan.schoolId);
  const semester = await findSemester(tx, plan.semesterId);
  if (!semester) throw new NotFoundError('plan', id);
  const parent = school.parentId ? await findOrganisationById(tx, school.parentId) : null;
  return {
    plan,
    content,
    student,
    resource,
    semester,
    schoolUnderNation: parent?.type === 'nation',
    facts: {
      status: plan.status as PlanStatus,
      level: plan.approvalLevel as ApprovalLevel | null,
      semesterEndsOn: semester.endsOn,
      today: today(),
      hasDeliveries: await planHasDeliveries(tx, plan.id),
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
