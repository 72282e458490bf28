/**
 * The budgets' public module: the consultation limits support checks when a session is recorded,
 * and a plan's payments (progress, and plans' delivery-facts port). Other domains import budgets
 * only from here.
 */
export { findPayments, upsertBudget } from './budget-repo.ts';
export { checkConsultationLimits } from './budgets.ts';
