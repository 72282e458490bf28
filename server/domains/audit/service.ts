import type { TAuditEvent, TAuditQuery } from '../../../common/api/audit.ts';
import type { RequestContext } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { scopePaths } from '../../platform/policy/gate.ts';
import { AUDIT_VIEW } from './policy.ts';
import * as repo from './repo.ts';

/** The audit log filtered to the caller's scope; only national scope sees events with no organisation. */
export async function listAuditEvents(ctx: RequestContext, query: TAuditQuery, tx: Db) {
  const scope = scopePaths(ctx.actor, AUDIT_VIEW);
  if (scope.length === 0) throw new AppError(403, 'forbidden');
  const national =
    ctx.actor?.grants.some((g) => g.orgType === 'nation' && scope.includes(g.orgPath)) ?? false;
  const { rows, total } = await repo.findAuditEvents(tx, scope, national, {
    ...query,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const items: TAuditEvent[] = rows.map((r) => ({
    ...r,
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    outcome: r.outcome as TAuditEvent['outcome'],
  }));
  return { items, total };
}
