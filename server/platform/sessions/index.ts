import type { Actor } from '../actor.ts';
import { now } from '../clock.ts';
import type { Database, Db } from '../db.ts';
import { hashToken, newToken } from '../tokens.ts';
import * as repo from './repo.ts';

export { deleteSessionsExpiredBefore, deleteSessionsOfUser, loadActor } from './repo.ts';

/** Marks the session of `token` as past its second factor (and stepped up until `stepUpUntil`). */
export async function completeSecondFactor(
  tx: Db,
  token: string,
  at: Date,
  stepUpUntil: Date | null,
): Promise<void> {
  await repo.markSecondFactor(tx, hashToken(token), at, stepUpUntil);
}

/** Sets until when the session of `token` may do step-up actions. */
export async function stepUpSession(tx: Db, token: string, until: Date | null): Promise<void> {
  await repo.setStepUpUntil(tx, hashToken(token), until);
}

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
}

/**
 * Writing the idle clock on every request is wasted work: it is written only when it is older than
 * this. The slack shortens nothing: a session still ends `idleMinutes` after the last write.
 */
export const TOUCH_AFTER_MS = 60_000;

/**
 * The actor behind a session token, or null when the session is unknown, past its absolute
 * expiry, idle for too long, or its user is deactivated. A live session's idle clock restarts.
 * One statement for a live session (no transaction); ending one costs a second.
 */
export async function resumeSession(
  database: Database,
  token: string,
  settings: SessionSettings,
): Promise<Actor | null> {
  const id = hashToken(token);
  const at = now();
  const idleSince = new Date(at.getTime() - settings.idleMinutes * 60_000);
  const touchBefore = new Date(at.getTime() - TOUCH_AFTER_MS);
  const found = await database.read((db) => repo.lookUpSession(db, id, at, idleSince, touchBefore));
  if (found.state === 'live') return found.actor;
  if (found.state === 'ended') await database.read((db) => repo.deleteSession(db, id));
  return null;
}

/** Starts a session for `userId` at `at`; returns the token for the cookie (only its hash is stored). */
export async function startSession(
  tx: Db,
  userId: string,
  at: Date,
  settings: SessionSettings,
): Promise<string> {
  const token = newToken();
  const expiresAt = new Date(at.getTime() + settings.absoluteHours * 3_600_000);
  await repo.insertSession(tx, hashToken(token), userId, at, expiresAt);
  return token;
}

/** Ends the session of `token`. */
export async function endSession(tx: Db, token: string): Promise<void> {
  await repo.deleteSession(tx, hashToken(token));
}
