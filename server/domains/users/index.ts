/**
 * The users' public module: the actions on accounts and the grant reads other domains make.
 * Other domains import users only from here.
 */
export { USER_GRANT, USER_MANAGE, USER_VIEW } from './policy.ts';
export { findGrantsOfUsers, findUserById } from './repo.ts';
