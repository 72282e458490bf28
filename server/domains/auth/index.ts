/**
 * Sign-in's public module: what the composition root and other domains may use of auth.
 * Other domains import auth only from here.
 */
/** Housekeeping: forgets old failed sign-ins. */
export { deleteLoginAttemptsBefore } from './repo.ts';
