import type { TPasswordResetCompleteBody } from '../../../common/api/account.ts';
import { LANGUAGES, type Language } from '../../../common/roles.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, badRequest } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail.ts';
import { assertPasswordNotGuessable } from '../../platform/password-strength.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { deleteSessionsOfUser } from '../../platform/sessions/index.ts';
import { hashToken, newToken } from '../../platform/tokens.ts';
import * as repo from './reset-repo.ts';

/** How long an e-mailed reset link works. */
export const RESET_TOKEN_TTL_MS = 30 * 60_000;
/** The window the request limits count in. */
export const RESET_WINDOW_MS = 15 * 60_000;
/** Requests per e-mail in the window: enough for "it did not arrive, send again", not for mail-bombing. */
export const RESET_MAX_PER_EMAIL = 3;
/** Requests per client address in the window (a school's shared address included). */
export const RESET_MAX_PER_ADDRESS = 20;
/** A second request within this time sends no second e-mail while the first link is unused (double submits). */
export const RESET_RESEND_AFTER_MS = 60_000;

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** The stored key of an e-mail for the limits: its SHA-256, so no address of a non-user is kept. */
function emailKey(email: string): string {
  return hashToken(`password-reset:${email}`);
}

/** The e-mail with the reset link, in the user's language. The token is in the fragment. */
export function resetMessage(
  user: { email: string; firstName: string; lastName: string; language: string },
  link: string,
): MailMessage {
  const lang: Language = (LANGUAGES as readonly string[]).includes(user.language)
    ? (user.language as Language)
    : 'lv';
  return {
    to: user.email,
    subject: t(lang, 'passwordReset.subject'),
    text: t(lang, 'passwordReset.body', { name: `${user.firstName} ${user.lastName}`, link }),
    attachments: [],
  };
}

type RequestOutcome = { ok: true; mail: MailMessage | null } | { ok: false; error: AppError };

/**
 * "Forgot password": the same answer and about the same work whether or not the e-mail belongs to
 * an active account (a token is made and hashed, one look-up or insert runs, one audit row is
 * written). Only for an active account is the token stored (its hash) and the link e-mailed; the
 * returned message is sent by the caller after the commit, so sending takes no time of the answer.
 * Requests are limited per e-mail and per address; a refusal is the same 429 for every e-mail.
 */
export async function requestPasswordReset(
  database: Database,
  ctx: RequestContext,
  input: { email: string },
  publicUrl: string | null,
): Promise<MailMessage | null> {
  const email = input.email.trim().toLowerCase();
  const ip = ctx.ip ?? 'unknown';
  const emailHash = emailKey(email);
  const outcome = await database.withTx(async (tx): Promise<RequestOutcome> => {
    await repo.lockResetRequests(tx, emailHash);
    const at = now();
    const recent = await repo.countRecentResetRequests(
      tx,
      emailHash,
      ip,
      new Date(at.getTime() - RESET_WINDOW_MS),
    );
    const oldest =
      recent.address >= RESET_MAX_PER_ADDRESS
        ? recent.addressOldest
        : recent.email >= RESET_MAX_PER_EMAIL
          ? recent.emailOldest
          : undefined;
    if (oldest !== undefined) {
      await writeAudit(tx, ctx, {
        action: 'auth.password_reset_request',
        outcome: 'denied',
        entityType: 'user',
      });
      const wait = (oldest?.getTime() ?? at.getTime()) + RESET_WINDOW_MS - at.getTime();
      return {
        ok: false,
        error: new AppError(429, 'too_many_attempts', undefined, { 'retry-after': String(seconds(wait)) }),
      };
    }
    await repo.recordResetRequest(tx, { emailHash, ip, at });
    const user = await repo.findUserForReset(tx, email);
    const token = newToken();
    const tokenHash = hashToken(token);
    let mail: MailMessage | null = null;
    if (
      user?.active &&
      !(await repo.hasFreshResetToken(tx, user.id, new Date(at.getTime() - RESET_RESEND_AFTER_MS), at))
    ) {
      await repo.insertResetToken(tx, {
        userId: user.id,
        tokenHash,
        createdAt: at,
        expiresAt: new Date(at.getTime() + RESET_TOKEN_TTL_MS),
      });
      if (publicUrl) mail = resetMessage(user, `${publicUrl}/reset-password#token=${token}`);
    } else {
      // The same kind of statement the other path runs; it changes nothing.
      await repo.findResetToken(tx, tokenHash);
    }
    await writeAudit(tx, ctx, {
      action: 'auth.password_reset_request',
      entityType: 'user',
      entityId: user?.id ?? null,
      actorId: null,
      orgId: user?.homeOrgId ?? null,
    });
    return { ok: true, mail };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.mail;
}

/** A refused completion: audited in its own transaction, answered with the one 400 for every bad token. */
async function refuseToken(database: Database, ctx: RequestContext, userId: string | null): Promise<never> {
  await database.withTx((tx) =>
    writeAudit(tx, ctx, {
      action: 'auth.password_reset',
      outcome: 'failed',
      entityType: 'user',
      entityId: userId,
      actorId: userId,
    }),
  );
  throw badRequest('reset_token_invalid', 'token');
}

/**
 * Sets a new password with an e-mailed token: the password rules of the users domain (length by
 * the schema, not guessable here), then in one transaction the token is spent (a conditional
 * update: of two clicks one wins, the other gets the 400), the password set, the user's other
 * links retired and every session of the user ended. Unknown, used and expired tokens and tokens
 * of a deactivated user all get the same 400.
 */
export async function completePasswordReset(
  database: Database,
  ctx: RequestContext,
  input: TPasswordResetCompleteBody,
): Promise<{ userId: string }> {
  const tokenHash = hashToken(input.token);
  const found = await database.read((db) => repo.findResetToken(db, tokenHash));
  const live = found && !found.usedAt && found.expiresAt.getTime() > now().getTime();
  const user = live ? await database.read((db) => repo.findActiveUser(db, found.userId)) : null;
  if (!user) return refuseToken(database, ctx, found?.userId ?? null);
  await assertPasswordNotGuessable(input.password, [user.email, user.firstName, user.lastName]);
  const passwordHash = await hashPassword(input.password);
  const done = await database.withTx(async (tx) => {
    const at = now();
    const userId = await repo.consumeResetToken(tx, tokenHash, at);
    if (userId !== user.id) return false;
    await repo.setUserPassword(tx, userId, passwordHash, at);
    await repo.retireOtherResetTokens(tx, userId, tokenHash, at);
    await deleteSessionsOfUser(tx, userId);
    await writeAudit(tx, ctx, {
      action: 'auth.password_reset',
      entityType: 'user',
      entityId: userId,
      actorId: userId,
      orgId: user.homeOrgId,
    });
    return true;
  });
  if (!done) return refuseToken(database, ctx, user.id);
  return { userId: user.id };
}
