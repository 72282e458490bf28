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

/** The longest user agent a session keeps. */
export const USER_AGENT_MAX = 200;

/**
 * A user agent fit to store and show: control characters and bidirectional overrides removed,
 * whitespace collapsed, at most USER_AGENT_MAX characters (never half a surrogate pair); null when empty.
 */
export function cleanUserAgent(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const cleaned = raw
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = Array.from(cleaned).slice(0, USER_AGENT_MAX).join('');
  return cut === '' ? null : cut;
}

/** Where a session was started from: the client's address and user agent (cleaned here). */
export interface SessionClient {
  ip?: string | null;
  userAgent?: string | null;
}

/** Starts a session for `userId` at `at`; returns the token for the cookie (only its hash is stored). */
export async function startSession(
  tx: Db,
  userId: string,
  at: Date,
  settings: SessionSettings,
  client: SessionClient = {},
): Promise<string> {
  const token = newToken();
  const expiresAt = new Date(at.getTime() + settings.absoluteHours * 3_600_000);
  await repo.insertSession(tx, hashToken(token), userId, at, expiresAt, {
    ip: client.ip ?? null,
    userAgent: cleanUserAgent(client.userAgent),
  });
  return token;
}

/** Ends the session of `token`. */
export async function endSession(tx: Db, token: string): Promise<void> {
  await repo.deleteSession(tx, hashToken(token));
}
