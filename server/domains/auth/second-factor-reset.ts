import { LANGUAGES, type Language } from '../../../common/roles.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail.ts';
import { deleteSessionsOfUser } from '../../platform/sessions/index.ts';
import { findUserToManage } from '../users/index.ts';
import * as repo from './second-factor-repo.ts';

/** The e-mail telling a user that an administrator reset their second factor; no secret in it. */
export function secondFactorResetMessage(user: {
  email: string;
  firstName: string;
  lastName: string;
  language: string;
}): MailMessage {
  const lang: Language = (LANGUAGES as readonly string[]).includes(user.language)
    ? (user.language as Language)
    : 'lv';
  return {
    to: user.email,
    subject: t(lang, 'secondFactorReset.subject'),
    text: t(lang, 'secondFactorReset.body', { name: `${user.firstName} ${user.lastName}` }),
    attachments: [],
  };
}

/**
 * A lost authenticator (issue 16): whoever may manage the account (the users domain's gate for
 * changing it) removes its second factor and recovery codes and ends all its sessions, in one
 * transaction. At the next sign-in a mandatory role enrols again; an optional one uses the password.
 * Nobody resets their own this way. A repeat (a double click) finds nothing to remove and answers
 * the same; the e-mail to the user is returned only when something was removed.
 */
export async function resetUserSecondFactor(
  ctx: RequestContext,
  userId: string,
  tx: Db,
): Promise<{ mail: MailMessage | null }> {
  if (!ctx.actor) throw new AppError(401, 'unauthenticated');
  const user = await findUserToManage(ctx, userId, tx);
  if (user.id === ctx.actor.userId) throw badRequest('cannot_reset_own_second_factor');
  const factor = await repo.findSecondFactor(tx, user.id);
  await repo.deleteSecondFactor(tx, user.id);
  await deleteSessionsOfUser(tx, user.id);
  await writeAudit(tx, ctx, {
    action: 'user.second_factor_reset',
    entityType: 'user',
    entityId: user.id,
    orgId: user.homeOrganisationId,
  });
  return { mail: factor?.enabledAt ? secondFactorResetMessage(user) : null };
}
