import { createHash } from 'node:crypto';
import type { RequestContext } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { can } from '../../platform/policy/gate.ts';
import { STUDENT_VIEW } from '../students/index.ts';
import { USER_VIEW } from '../users/index.ts';
import * as repo from './repo.ts';

/** Entity types whose ids lead to a student: shown only to those who may see the student. */
export const STUDENT_LINKED_TYPES = new Set([
  'student',
  'plan',
  'guardian',
  'letter',
  'note',
  'application',
  'payment',
  'student_risk',
  'student_assignment',
  'support_session',
  'import',
  'task',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stable stand-in for an id: the same record always gets the same one, and it leads nowhere. */
export function pseudonym(entityType: string, entityId: string): string {
  return `#${createHash('sha256').update(`${entityType}:${entityId}`).digest('hex').slice(0, 10)}`;
}

interface Row {
  entityType: string | null;
  entityId: string | null;
  organisationPath: string | null;
}

/**
 * What the viewer may show of each row's record: a student's name or a plan's code to those who may
 * see that student now (the gate's student view on the record's school), a pseudonym to everyone
 * else — the auditor sees the whole country's log without a single name or personal code.
 */
export async function labelEntities(
  ctx: RequestContext,
  rows: Row[],
  tx: Db,
): Promise<{ entityId: string | null; entityLabel: string | null }[]> {
  const idsOf = (type: string) => [
    ...new Set(
      rows
        .filter((r) => r.entityType === type && r.entityId && UUID.test(r.entityId))
        .map((r) => r.entityId as string),
    ),
  ];
  const studentsById = new Map((await repo.findStudentLabels(tx, idsOf('student'))).map((s) => [s.id, s]));
  const plansById = new Map((await repo.findPlanLabels(tx, idsOf('plan'))).map((p) => [p.id, p]));
  const usersById = new Map((await repo.findUserLabels(tx, idsOf('user'))).map((u) => [u.id, u]));
  const mayView = (orgPath: string | null | undefined) =>
    Boolean(orgPath) && can(ctx.actor, STUDENT_VIEW, { orgPath: orgPath as string, assignedUserIds: [] });
  return rows.map((r) => {
    if (!r.entityType || !r.entityId) return { entityId: r.entityId, entityLabel: null };
    if (r.entityType === 'student') {
      const s = studentsById.get(r.entityId);
      if (s && mayView(s.schoolPath))
        return { entityId: r.entityId, entityLabel: `${s.firstName} ${s.lastName}` };
    } else if (r.entityType === 'plan') {
      const p = plansById.get(r.entityId);
      if (p && mayView(p.schoolPath)) return { entityId: r.entityId, entityLabel: p.code };
    } else if (r.entityType === 'user') {
      // A staff account by its email, for those who manage users where it belongs; else its id.
      const u = usersById.get(r.entityId);
      const label = u && can(ctx.actor, USER_VIEW, { orgPath: u.homePath }) ? u.email : null;
      return { entityId: r.entityId, entityLabel: label };
    } else if (!STUDENT_LINKED_TYPES.has(r.entityType) || mayView(r.organisationPath)) {
      return { entityId: r.entityId, entityLabel: null };
    }
    const alias = pseudonym(r.entityType, r.entityId);
    return { entityId: alias, entityLabel: alias };
  });
}
