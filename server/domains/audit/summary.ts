import type { TAuditSummary } from '../../../common/api/audit-summary.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { today } from '../../platform/clock.ts';
import { addDays } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { scopePaths } from '../../platform/policy/gate.ts';
import { AUDIT_VIEW, AUDIT_VIEW_NATIONAL } from './policy.ts';
import { countAuditEventsSince } from './summary-repo.ts';

/** Days the start page's audit counts cover (today and the six before). */
export const AUDIT_SUMMARY_DAYS = 7;

/**
 * The start page's entry to the audit log: how many events, denials and sign-ins the caller's audit
 * scope holds for the last 7 days. Counts only — no record, name or pseudonym — so it is not itself
 * an audit read.
 */
export async function auditSummary(ctx: RequestContext, tx: Db): Promise<TAuditSummary> {
  const scope = scopePaths(ctx.actor, AUDIT_VIEW);
  if (scope.length === 0) throw new ForbiddenError('audit');
  const national = scopePaths(ctx.actor, AUDIT_VIEW_NATIONAL).length > 0;
  const from = addDays(today(), -(AUDIT_SUMMARY_DAYS - 1));
  const counts = await countAuditEventsSince(tx, scope, national, AUDIT_SUMMARY_DAYS);
  return { from, events: counts.events, denied: counts.denied, signIns: national ? counts.signIns : null };
}
