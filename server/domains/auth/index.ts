/**
 * Sign-in's public module: what the composition root and other domains may use of auth.
 * Other domains import auth only from here.
 */
/** Housekeeping: forgets old failed sign-ins. */
export { deleteLoginAttemptsBefore } from './repo.ts';
/** Housekeeping: forgets password reset requests and spent or expired reset tokens. */
export { deleteResetRecordsBefore } from './reset-repo.ts';
/** The demo enrols its accounts of mandatory roles with published secrets; housekeeping forgets old attempts. */
export { deleteSecondFactorAttemptsBefore } from './second-factor-repo.ts';
export { enrolDemoSecondFactor } from './second-factor-service.ts';
export { demoTotpSecret, totpCode } from './totp.ts';
