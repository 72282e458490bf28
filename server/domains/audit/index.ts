/** The audit viewer's public module: its action. Other domains import audit only from here. */
export { AUDIT_VIEW } from './policy.ts';
