/**
 * The users' public module: the actions on accounts and the grant reads other domains make.
 * Other domains import users only from here.
 */
export { USER_GRANT, USER_MANAGE, USER_VIEW } from './policy.ts';
/**
 * The grant reads other domains make; emailExists, insertUser and insertGrant are for the composition
 * roots (CLI, demo seed) that create accounts without a request.
 */
export { emailExists, findGrantsOfUsers, findUserById, insertGrant, insertUser } from './repo.ts';
/** For auth: an account the caller may manage (the reset of a lost second factor). */
export { findUserToManage } from './service.ts';
/** For tasks: the colleagues in a caller's scope a task may be given to. */
export { findStaffInScope } from './staff-repo.ts';
