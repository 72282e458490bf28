import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { findPayments } from '../budgets/index.ts';
import { loadPlan } from '../plans/index.ts';
import * as repo from './repo.ts';
import { findScheduledOfPlan } from './schedule-repo.ts';

/** Planned (in the plan) against scheduled and delivered per measure of a plan: confirmed hours count, unconfirmed are shown apart. */
export async function planProgress(ctx: RequestContext, planId: string, tx: Db) {
  const loaded = await loadPlan(ctx, planId, tx);
  await writeAudit(tx, ctx, {
    action: 'plan.progress',
    entityType: 'plan',
    entityId: planId,
    orgId: loaded.plan.schoolId,
  });
  const delivered = await repo.findDeliveredHours(tx, [planId]);
  const payments = await findPayments(tx, planId);
  const scheduled = await findScheduledOfPlan(tx, planId);
  const measures = loaded.content.measures.map((m) => {
    const d = delivered.find((x) => x.measure_id === m.id);
    const sch = scheduled.find((x) => x.measure_id === m.id);
    return {
      measureId: m.id,
      kind: m.kind,
      plannedHours: m.plannedHours,
      deliveredHours: Number(Number(d?.delivered ?? 0).toFixed(2)),
      unconfirmedHours: Number(Number(d?.unconfirmed ?? 0).toFixed(2)),
      deliveredSessions: Number(d?.sessions ?? 0),
      scheduledHours: Number((Number(sch?.minutes ?? 0) / 60).toFixed(2)),
      scheduledSessions: Number(sch?.sessions ?? 0),
      plannedCents: m.plannedCents,
      spentCents: payments
        .filter((p) => p.measure_id === m.id)
        .reduce((a, p) => a + Number(p.amount_cents), 0),
    };
  });
  const consultations = measures.filter((m) => m.kind === 'consultation');
  return {
    measures,
    economicCents: {
      planned: measures.reduce((a, m) => a + (m.kind === 'economic' ? (m.plannedCents ?? 0) : 0), 0),
      spent: measures.reduce((a, m) => a + m.spentCents, 0),
    },
    consultationHours: {
      planned: consultations.reduce((a, m) => a + (m.plannedHours ?? 0), 0),
      delivered: Number(consultations.reduce((a, m) => a + m.deliveredHours, 0).toFixed(2)),
    },
  };
}
