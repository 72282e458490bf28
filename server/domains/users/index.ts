/**
 * The users' public module: the actions on accounts, the grant reads other domains make, and the
 * session-revocation port. Other domains import users only from here.
 */
export { USER_GRANT, USER_MANAGE, USER_VIEW } from './policy.ts';
export { findGrantsOfUsers, findUserById } from './repo.ts';
export { registerSessionRevoker, type SessionRevoker } from './session-revocation.ts';
