/**
 * The tasks' public module: the system-task port (domains above tasks register their sources in
 * server/wiring.ts), the reconciliation the hourly job runs, and the tasks' actions.
 */
import './sources.ts';

export { TASK_CREATE, TASK_OVERSEE, TASK_WORK } from './policy.ts';
export { reconcileSystemTasks, registerSystemTaskSource, systemTaskKinds } from './system.ts';
export type { SystemTaskCandidate, SystemTaskFilter, SystemTaskSource } from './system-types.ts';
