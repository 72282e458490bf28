/** The jobs' public module: the action that guards reading them. */
export { JOB_VIEW } from './policy.ts';
