import type { TAuditEvent, TAuditQuery } from '../../../common/api/audit.ts';
import { bindCursor } from '../../../common/api/cursor.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { pageOffset } from '../../platform/cursor.ts';
import type { Db } from '../../platform/db.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { scopePaths } from '../../platform/policy/gate.ts';
import { labelEntities } from './labels.ts';
import { AUDIT_VIEW, AUDIT_VIEW_NATIONAL } from './policy.ts';
import * as repo from './repo.ts';

/**
 * The audit log filtered to the caller's scope; only national scope sees events with no organisation.
 * Records are labelled (student name, plan code) only for those who may see them; reading the log is
 * itself audited.
 */
export async function listAuditEvents(ctx: RequestContext, query: TAuditQuery, tx: Db) {
  const scope = scopePaths(ctx.actor, AUDIT_VIEW);
  if (scope.length === 0) throw new ForbiddenError('audit');
  const national = scopePaths(ctx.actor, AUDIT_VIEW_NATIONAL).length > 0;
  const { rows, total, nextCursor } = await repo.findAuditEvents(tx, scope, national, {
    ...query,
    limit: query.pageSize,
    offset: pageOffset(query),
  });
  const labels = await labelEntities(ctx, rows, tx);
  await writeAudit(tx, ctx, { action: 'audit.list', entityType: 'audit' });
  const items: TAuditEvent[] = rows.map(({ organisationPath: _path, ...r }, i) => ({
    ...r,
    ...labels[i],
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    outcome: r.outcome as TAuditEvent['outcome'],
  }));
  return { items, total, nextCursor: bindCursor(nextCursor, query) };
}
