import type { RequestContext } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { can } from '../../platform/policy/gate.ts';
import { REFERRAL_INBOX, REFERRAL_VIEW } from './policy.ts';
import { schoolResource } from './present.ts';
import * as repo from './repo.ts';

/** A referral and the side the caller reads it from. */
export interface LoadedReferral {
  row: repo.ReferralRow;
  /** The caller works at the institution it is addressed to (else: at the student's school side). */
  asPartner: boolean;
}

/**
 * A referral the caller may see: addressed to the caller's partner institution, or of a student the
 * caller sees at the school side. Anything else is a 404, audited under the student's school.
 */
export async function loadReferral(ctx: RequestContext, id: string, tx: Db): Promise<LoadedReferral> {
  const row = await repo.findReferral(tx, id);
  if (!row) throw new NotFoundError('referral', id);
  if (can(ctx.actor, REFERRAL_INBOX, { orgPath: row.partner_path })) return { row, asPartner: true };
  if (can(ctx.actor, REFERRAL_VIEW, schoolResource(row))) return { row, asPartner: false };
  throw new NotFoundError('referral', id, row.school_id);
}
