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

/** The approvers of `level` over `schoolPath` are told that the plan waits for them. */
export interface ApproversNotice {
  plan: { id: string; code: string };
  schoolPath: string;
  level: ApprovalLevel;
}

/** The preparer is told what happened to the plan (returned, approved at a level, approved). */
export interface PreparerNotice {
  plan: { id: string; code: string; preparerId: string | null };
  kind: 'plan_returned' | 'plan_level_approved' | 'plan_approved';
  level: ApprovalLevel | null;
}

/** Sends the notices of any number of transitions in one statement (none when there is nothing to send). */
export async function notifyMany(
  tx: Db,
  approvers: ApproversNotice[],
  preparers: PreparerNotice[],
): Promise<void> {
  await repo.insertPlanNotifications(
    tx,
    approvers.map((n) => ({
      planId: n.plan.id,
      role: ROLE_OF_LEVEL[n.level],
      schoolPath: n.schoolPath,
      params: { code: n.plan.code, level: n.level },
    })),
    preparers.flatMap((n) =>
      n.plan.preparerId
        ? [
            {
              userId: n.plan.preparerId,
              kind: n.kind,
              planId: n.plan.id,
              params: { code: n.plan.code, level: n.level },
            },
          ]
        : [],
    ),
  );
}

/** Tells the approvers of `level` that a plan waits for them. */
export function notifyApprovers(
  tx: Db,
  plan: { id: string; code: string },
  schoolPath: string,
  level: ApprovalLevel,
): Promise<void> {
  return notifyMany(tx, [{ plan, schoolPath, level }], []);
}

/** Tells the preparer what happened to the plan (returned, approved at a level, approved). */
export function notifyPreparer(
  tx: Db,
  plan: { id: string; code: string; preparerId: string | null },
  kind: PreparerNotice['kind'],
  level: ApprovalLevel | null,
): Promise<void> {
  return notifyMany(tx, [], [{ plan, kind, level }]);
}

/** Tells the providers newly named on a live measure of the plan that it is theirs to deliver (once each). */
export function notifyNewProviders(tx: Db, planId: string, savedBy: string | null): Promise<void> {
  return repo.insertProviderNotifications(tx, planId, savedBy);
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
