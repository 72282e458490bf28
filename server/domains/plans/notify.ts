import type { ApprovalLevel } from '../../../common/api/plans.ts';
import type { Language } from '../../../common/roles.ts';
import type { Db } from '../../platform/db.ts';
import { tOr } from '../../platform/i18n/index.ts';
import * as repo from './repo.ts';

const ROLE_OF_LEVEL: Record<ApprovalLevel, string> = {
  director: 'school_director',
  municipality: 'municipal_coordinator',
  expert: 'expert',
};

/** Tells the approvers of `level` that a plan waits for them. */
export async function notifyApprovers(
  tx: Db,
  plan: { id: string; code: string },
  schoolPath: string,
  level: ApprovalLevel,
): Promise<void> {
  const userIds = await repo.findUsersWithRoleOver(tx, ROLE_OF_LEVEL[level], schoolPath);
  await repo.insertNotifications(
    tx,
    userIds.map((userId) => ({
      userId,
      kind: 'plan_waiting',
      planId: plan.id,
      params: { code: plan.code, level },
    })),
  );
}

/** Tells the preparer what happened to the plan (returned, approved at a level, approved). */
export async function notifyPreparer(
  tx: Db,
  plan: { id: string; code: string; preparerId: string | null },
  kind: 'plan_returned' | 'plan_level_approved' | 'plan_approved',
  level: ApprovalLevel | null,
): Promise<void> {
  if (!plan.preparerId) return;
  await repo.insertNotifications(tx, [
    { userId: plan.preparerId, kind, planId: plan.id, params: { code: plan.code, level } },
  ]);
}

/** Reminds preparers of plans not evaluated two weeks after the semester ended; once per plan. */
export async function remindOverdueEvaluations(tx: Db): Promise<number> {
  const overdue = await repo.findOverdueEvaluations(tx);
  await repo.insertNotifications(
    tx,
    overdue
      .filter((p) => p.preparer_id)
      .map((p) => ({
        userId: p.preparer_id as string,
        kind: 'plan_evaluation_due',
        planId: p.id,
        params: { code: p.code },
        dedupeKey: `evaluation_due:${p.id}`,
      })),
  );
  return overdue.length;
}

/** A notification as a sentence in the user's language. */
export function notificationText(
  kind: string,
  params: { code?: string; level?: string | null },
  lang: Language,
): string {
  const code = params.code ?? '';
  const level = params.level ? tOr(lang, `notifications.levels.${params.level}`, '') : '';
  return tOr(lang, `notifications.${kind}`, code, { code, level });
}
