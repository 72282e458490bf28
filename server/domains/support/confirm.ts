import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now, nowMs } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, NotFoundError } from '../../platform/errors.ts';
import { verifyPassword } from '../../platform/passwords.ts';
import { can } from '../../platform/policy/gate.ts';
import { hashToken } from '../../platform/tokens.ts';
import * as confirmRepo from './confirm-repo.ts';
import { inPersonConfirmationOpen, remoteConfirmationOpen } from './confirmation.ts';
import { SUPPORT_SESSION_CONFIRM } from './policy.ts';
import * as repo from './repo.ts';
import { publicSession } from './service.ts';
import { assertMonthOpen } from './timesheets.ts';

/** Wrong PINs in a row that lock a student's PIN until the school sets a new one. */
export const MAX_PIN_FAILURES = 5;
/** Failed remote confirmations allowed per address and per link within the window. */
export const CONFIRM_WINDOW_MINUTES = 15;
export const CONFIRM_MAX_FAILURES_PER_IP = 10;
export const CONFIRM_MAX_FAILURES_PER_LINK = 20;

type Session = NonNullable<Awaited<ReturnType<typeof repo.findSessionByTokenHash>>>;

/**
 * The one answer for "wrong PIN" and "this student is not in the session": telling them apart
 * would let anyone holding a link (or any provider) learn and lock the PIN of any student.
 */
const wrongPin = () => new AppError(400, 'pin_wrong', [{ path: 'pin', message: 'pin_wrong' }]);

/**
 * Checks a participant's PIN. Answers that must commit (the failure count, the audit rows) are
 * returned rather than thrown; the route throws them after the transaction.
 */
async function checkPin(
  tx: Db,
  ctx: RequestContext,
  session: Session,
  participant: { studentId: string; schoolId: string },
  pin: string,
): Promise<AppError | null> {
  const audit = (action: string, outcome: 'failed' | 'denied') =>
    writeAudit(tx, ctx, {
      action,
      outcome,
      entityType: 'support_session',
      entityId: session.id,
      orgId: participant.schoolId,
    });
  const stored = await confirmRepo.findPinForUpdate(tx, participant.studentId);
  if (!stored) return new AppError(409, 'pin_not_set');
  if (stored.failedAttempts >= MAX_PIN_FAILURES) {
    await audit('support.pin_locked', 'denied');
    return new AppError(423, 'pin_locked');
  }
  if (!(await verifyPassword(stored.pinHash, pin))) {
    const failures = stored.failedAttempts + 1;
    await repo.setPinFailures(tx, participant.studentId, failures);
    await audit('support.pin_wrong', 'failed');
    if (failures >= MAX_PIN_FAILURES) await audit('support.pin_locked', 'denied');
    return wrongPin();
  }
  if (stored.failedAttempts > 0) await repo.setPinFailures(tx, participant.studentId, 0);
  return null;
}

/** Participation first, then the PIN, then the confirmation itself (once). */
async function confirmParticipant(
  tx: Db,
  ctx: RequestContext,
  session: Session,
  studentId: string,
  pin: string,
  via: 'pin' | 'remote',
): Promise<AppError | null> {
  const participant = await confirmRepo.findParticipant(tx, session.id, studentId);
  if (!participant) {
    await writeAudit(tx, ctx, {
      action: via === 'pin' ? 'support.confirm' : 'support.confirm_remote',
      outcome: 'denied',
      entityType: 'support_session',
      entityId: session.id,
      orgId: session.schoolId,
    });
    return wrongPin();
  }
  await assertMonthOpen(tx, session.schoolId, session.onDate);
  const refused = await checkPin(tx, ctx, session, participant, pin);
  if (refused) return refused;
  if (!(await repo.confirmParticipant(tx, session.id, studentId, via)))
    throw new AppError(409, 'session_confirmed');
  await writeAudit(tx, ctx, {
    action: via === 'pin' ? 'support.confirm' : 'support.confirm_remote',
    entityType: 'student',
    entityId: studentId,
    orgId: session.schoolId,
  });
  return null;
}

/** In person: the student types the PIN on the provider's device, right after the session. */
export async function confirmInPerson(
  ctx: RequestContext,
  sessionId: string,
  studentId: string,
  pin: string,
  tx: Db,
): Promise<AppError | null> {
  const session = await repo.findSession(tx, sessionId);
  if (
    !session ||
    !can(ctx.actor, SUPPORT_SESSION_CONFIRM, { orgPath: session.schoolPath, providerId: session.providerId })
  )
    throw new NotFoundError('support_session', sessionId);
  if (session.mode !== 'in_person') throw new AppError(409, 'session_remote');
  if (!inPersonConfirmationOpen(session.createdAt)) throw new AppError(409, 'session_in_person_closed');
  return confirmParticipant(tx, ctx, session, studentId, pin, 'pin');
}

function retryAfterSeconds(oldest: Date | null): string {
  const until = (oldest?.getTime() ?? nowMs()) + CONFIRM_WINDOW_MINUTES * 60_000;
  return String(Math.max(1, Math.ceil((until - nowMs()) / 1000)));
}

/**
 * The public link's rate limit: takes the address's and the link's locks, and answers 429 with
 * Retry-After (audited) once either has too many recent failures.
 */
async function limitPublicLink(
  tx: Db,
  ctx: RequestContext,
  tokenHash: string,
): Promise<{ ip: string; session: Session | null; refused: AppError | null }> {
  const ip = ctx.ip ?? 'unknown';
  await confirmRepo.lockConfirmationKeys(tx, ip, tokenHash);
  const since = new Date(nowMs() - CONFIRM_WINDOW_MINUTES * 60_000);
  const failures = await confirmRepo.countConfirmationFailures(tx, ip, tokenHash, since);
  const session = await repo.findSessionByTokenHash(tx, tokenHash);
  const byIp = failures.byIp >= CONFIRM_MAX_FAILURES_PER_IP;
  if (!byIp && failures.byToken < CONFIRM_MAX_FAILURES_PER_LINK) return { ip, session, refused: null };
  await writeAudit(tx, ctx, {
    action: 'support.confirm_remote',
    outcome: 'denied',
    entityType: 'support_session',
    entityId: session?.id ?? null,
    orgId: session?.schoolId ?? null,
    actorId: null,
  });
  const refused = new AppError(429, 'too_many_confirmations', undefined, {
    'retry-after': retryAfterSeconds(byIp ? failures.oldestIp : failures.oldestToken),
  });
  return { ip, session, refused };
}

/** An unknown link: counted against the address (and that link), answered 404. */
async function unknownLink(tx: Db, ctx: RequestContext, ip: string, tokenHash: string): Promise<AppError> {
  await writeAudit(tx, ctx, {
    action: 'support.confirm_remote',
    outcome: 'denied',
    entityType: 'support_session',
    actorId: null,
  });
  await confirmRepo.recordConfirmationFailure(tx, ip, tokenHash, now());
  return new NotFoundError();
}

/**
 * The public confirmation page of a remote session, behind the same rate limit as confirming:
 * unknown links count as failures. An error is returned (not thrown) so the count commits.
 */
export async function viewRemoteSession(
  ctx: RequestContext,
  token: string,
  tx: Db,
): Promise<Awaited<ReturnType<typeof publicSession>> | AppError> {
  const tokenHash = hashToken(token);
  const { ip, session, refused } = await limitPublicLink(tx, ctx, tokenHash);
  if (refused) return refused;
  if (!session) return unknownLink(tx, ctx, ip, tokenHash);
  return publicSession(ctx, token, tx);
}

/**
 * Remote: the student confirms with the PIN through the session's link, on the day or the day
 * after. The link works without an account, so failures (unknown link, not a participant, wrong
 * or locked PIN) are counted per address and per link in the database — every app instance sees
 * them — and past the limit the answer is 429 with Retry-After.
 */
export async function confirmRemote(
  ctx: RequestContext,
  token: string,
  studentId: string,
  pin: string,
  tx: Db,
): Promise<AppError | null> {
  const tokenHash = hashToken(token);
  const { ip, session, refused: limited } = await limitPublicLink(tx, ctx, tokenHash);
  if (limited) return limited;
  if (!session) return unknownLink(tx, ctx, ip, tokenHash);
  if (!remoteConfirmationOpen(session.onDate)) throw new AppError(409, 'session_confirmation_closed');
  const refused = await confirmParticipant(tx, { ...ctx, actor: null }, session, studentId, pin, 'remote');
  if (refused) await confirmRepo.recordConfirmationFailure(tx, ip, tokenHash, now());
  return refused;
}
