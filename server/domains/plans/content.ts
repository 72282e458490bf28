import type { TGoal, TMeasure, TPlanContent } from '../../../common/api/plans.ts';
import { badRequest } from '../../platform/errors.ts';

/** Planned totals per measure type: consultation hours, economic support in cents, other measures. */
export function planTotals(content: TPlanContent) {
  let consultationHours = 0;
  let economicCents = 0;
  let otherMeasures = 0;
  for (const m of content.measures) {
    if (m.kind === 'consultation') consultationHours += m.plannedHours ?? 0;
    else if (m.kind === 'economic') economicCents += m.plannedCents ?? 0;
    else otherMeasures += 1;
  }
  return { consultationHours, economicCents, otherMeasures };
}

/**
 * Checks the content against the student's records: risks must be the student's own, each measure's
 * risks must be among the plan's, ids unique, providers and supervisor staff of the school.
 */
export function checkContent(
  content: TPlanContent,
  studentRiskIds: Set<string>,
  staffIds: Set<string>,
): void {
  for (const id of content.riskIds)
    if (!studentRiskIds.has(id)) throw badRequest('plan_risk_unknown', 'riskIds');
  if (new Set(content.riskIds).size !== content.riskIds.length) throw badRequest('duplicate_row', 'riskIds');
  const planRisks = new Set(content.riskIds);
  const ids = new Set<string>();
  content.goals.forEach((g, i) => {
    if (ids.has(g.id)) throw badRequest('duplicate_row', `goals.${i}.id`);
    ids.add(g.id);
  });
  content.measures.forEach((m, i) => {
    if (ids.has(m.id)) throw badRequest('duplicate_row', `measures.${i}.id`);
    ids.add(m.id);
    if (new Set(m.riskIds).size !== m.riskIds.length)
      throw badRequest('duplicate_row', `measures.${i}.riskIds`);
    for (const r of m.riskIds)
      if (!planRisks.has(r)) throw badRequest('measure_risk_not_in_plan', `measures.${i}.riskIds`);
    if (m.providerId && !staffIds.has(m.providerId))
      throw badRequest('not_school_staff', `measures.${i}.providerId`);
  });
  if (content.supervisorId && !staffIds.has(content.supervisorId))
    throw badRequest('not_school_staff', 'supervisorId');
}

const MEASURE_FIELDS: (keyof TMeasure)[] = [
  'kind',
  'consultationType',
  'subject',
  'providerId',
  'plannedHours',
  'economicCategory',
  'plannedCents',
  'otherType',
  'description',
  'riskIds',
  'justification',
];

/** The difference between two versions of a plan, by goal and measure id. */
export function diffContent(before: TPlanContent, after: TPlanContent) {
  const goalsBefore = new Map(before.goals.map((g) => [g.id, g]));
  const goalsAfter = new Map(after.goals.map((g) => [g.id, g]));
  const changedGoals: { before: TGoal; after: TGoal }[] = [];
  for (const [id, g] of goalsAfter) {
    const b = goalsBefore.get(id);
    if (b && (b.text !== g.text || b.criterion !== g.criterion)) changedGoals.push({ before: b, after: g });
  }
  const measuresBefore = new Map(before.measures.map((m) => [m.id, m]));
  const measuresAfter = new Map(after.measures.map((m) => [m.id, m]));
  const changedMeasures: { before: TMeasure; after: TMeasure; fields: string[] }[] = [];
  for (const [id, m] of measuresAfter) {
    const b = measuresBefore.get(id);
    if (!b) continue;
    const fields = MEASURE_FIELDS.filter(
      (f) => JSON.stringify(b[f] ?? null) !== JSON.stringify(m[f] ?? null),
    );
    if (fields.length) changedMeasures.push({ before: b, after: m, fields });
  }
  return {
    risks: {
      added: after.riskIds.filter((r) => !before.riskIds.includes(r)),
      removed: before.riskIds.filter((r) => !after.riskIds.includes(r)),
    },
    goals: {
      added: after.goals.filter((g) => !goalsBefore.has(g.id)),
      removed: before.goals.filter((g) => !goalsAfter.has(g.id)),
      changed: changedGoals,
    },
    measures: {
      added: after.measures.filter((m) => !measuresBefore.has(m.id)),
      removed: before.measures.filter((m) => !measuresAfter.has(m.id)),
      changed: changedMeasures,
    },
    supervisorChanged: before.supervisorId !== after.supervisorId,
  };
}
