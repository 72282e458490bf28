/** The flag validation report's public module (issue 15): its gate action and the pure figures. */
export { FLAG_VALIDATION_VIEW } from './policy.ts';
export { validateFlags, type ValidationRow } from './compute.ts';
