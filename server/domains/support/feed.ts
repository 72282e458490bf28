import ical from 'ical-generator';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now, nowMs } from '../../platform/clock.ts';
import { addDays, todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { tOr } from '../../platform/i18n/index.ts';
import { canAnywhere } from '../../platform/policy/gate.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import { CONFIRM_MAX_FAILURES_PER_IP, CONFIRM_WINDOW_MINUTES } from './confirm.ts';
import * as confirmRepo from './confirm-repo.ts';
import { SUPPORT_RECORD } from './policy.ts';
import { fromRiga } from './riga-time.ts';
import { measureLabel } from './schedule.ts';
import * as repo from './schedule-repo.ts';

/** The feed lists planned sessions from this many days back on. */
const FEED_DAYS_BACK = 14;

/**
 * Makes (or replaces) the caller's calendar feed token; only its SHA-256 is stored, so the address
 * is shown once. Replacing it stops the old address.
 */
export async function rotateFeed(ctx: RequestContext, tx: Db): Promise<{ path: string }> {
  const actor = ctx.actor;
  if (!actor || !canAnywhere(actor, SUPPORT_RECORD)) throw new ForbiddenError();
  const token = newToken(24);
  await repo.upsertFeed(tx, actor.userId, hashToken(token), now());
  await writeAudit(tx, ctx, { action: 'calendar_feed.rotate', entityType: 'user', entityId: actor.userId });
  return { path: `/api/calendar-feed/${token}.ics` };
}

/**
 * The provider's planned sessions as iCalendar, by the secret token (no session cookie). The
 * summary names the student by first name and last initial and the measure: no personal codes.
 * Unknown tokens count as failures per address (the confirmation link's window and limit); past
 * the limit: 429. Errors are returned, not thrown, so the failure count commits.
 */
export async function readFeed(ctx: RequestContext, token: string, tx: Db): Promise<string | AppError> {
  const tokenHash = hashToken(token);
  const ip = `feed:${ctx.ip ?? 'unknown'}`;
  const key = `feed:${tokenHash}`;
  await confirmRepo.lockConfirmationKeys(tx, ip, key);
  const since = new Date(nowMs() - CONFIRM_WINDOW_MINUTES * 60_000);
  const failures = await confirmRepo.countConfirmationFailures(tx, ip, key, since);
  if (failures.byIp >= CONFIRM_MAX_FAILURES_PER_IP)
    return new AppError(429, 'too_many_feed_requests', undefined, {
      'retry-after': String(CONFIRM_WINDOW_MINUTES * 60),
    });
  const owner = await repo.findFeedOwner(tx, tokenHash);
  if (!owner) {
    await confirmRepo.recordConfirmationFailure(tx, ip, key, now());
    await writeAudit(tx, ctx, {
      action: 'calendar_feed.read',
      outcome: 'denied',
      entityType: 'user',
      actorId: null,
    });
    return new NotFoundError();
  }
  const rows = await repo.findFeedSessions(
    tx,
    owner,
    fromRiga(addDays(todayInLatvia(), -FEED_DAYS_BACK), '00:00'),
  );
  await writeAudit(tx, ctx, {
    action: 'calendar_feed.read',
    entityType: 'user',
    entityId: owner,
    actorId: owner,
  });
  const cal = ical({ name: 'Pumpurs', prodId: { company: 'Pumpurs', product: 'planned-sessions' } });
  for (const r of rows) {
    const start = new Date(r.starts_at);
    // A subject measure by its subject, the others by the specialist in words ("psihologs"), not the code.
    const label =
      r.consultation_type === 'subject' || !r.consultation_type
        ? measureLabel(r)
        : tOr('lv', `measureWords.${r.consultation_type}`, r.consultation_type);
    cal.createEvent({
      id: r.id,
      start,
      end: new Date(start.getTime() + r.minutes * 60_000),
      summary: `${r.first_name} ${r.last_name.slice(0, 1)}. — ${label}`,
      location: r.mode === 'remote' ? 'Attālināti / Remote' : (r.room ?? ''),
    });
  }
  return cal.toString();
}
