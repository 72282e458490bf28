/**
 * The plans' public module: loading a plan with the caller's rights, the plan locks support and
 * budgets take, the move handler, and the delivery-facts port that support and budgets fill.
 * Plans import neither support nor budgets. Other domains import plans only from here.
 */

/** For a student's chronology: the plans with their transitions, and who sees each plan. */
export { findStudentPlanHistory, type PlanHistoryEvent, type PlanHistoryPlan } from './chronology-repo.ts';
export { findMeasure } from './content-repo.ts';
export { type DeliveryFacts, registerDeliveryFacts } from './delivery-facts.ts';
/** For tasks: plans due for evaluation (the plan_evaluate system task). */
export { EVALUATION_TASK_DAYS_BEFORE_END, findPlansDueForEvaluation } from './evaluation-due-repo.ts';
/** For letters to guardians: a loaded plan as its page shows it, and a measure in words. */
export { measureLabel } from './labels.ts';
export { type LoadedPlan, loadPlan, type PlanSight, planView } from './load.ts';
export { endPlansOnMove } from './moved.ts';
export { remindOverdueEvaluations } from './notify.ts';
export { findSchoolStaffIds, lockPlan } from './repo.ts';
/** For the demo seed (plans through every state) and the daily job. */
export { createPlan, presentPlan, updatePlanContent } from './service.ts';
export { approvePlan, evaluatePlan, movePlan, pausePlan, returnPlan, submitPlan } from './transitions.ts';
