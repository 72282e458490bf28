import { type SQL, sql } from 'drizzle-orm';
import type { TGoal, TMeasure, TPlanContent } from '../../../common/api/plans.ts';
import { type Db, queryRows } from '../../platform/db.ts';

/**
 * The live content of plans, kept in plan_risks, plan_goals, plan_measures, plan_measure_providers
 * and plan_measure_risks (keyed by plan and id), and assembled here into the API's `TPlanContent`.
 * Submitted versions stay frozen as JSON in plan_versions.
 */

export interface ContentRow {
  id: string;
  supervisor_id: string | null;
  risk_ids: string[];
  goals: TGoal[];
  measures: (Omit<TMeasure, 'plannedHours'> & { plannedHours: number | string | null })[];
}

/** One query: each plan's risks, goals and measures (with providers and risks) as JSON, in order. */
export const contentSelect = (where: SQL) => sql`
  select p.id, p.supervisor_id,
    coalesce((select json_agg(r.student_risk_id order by r.position) from plan_risks r where r.plan_id = p.id), '[]') as risk_ids,
    coalesce((select json_agg(json_build_object('id', g.id, 'text', g.text, 'criterion', g.criterion) order by g.position)
      from plan_goals g where g.plan_id = p.id), '[]') as goals,
    coalesce((select json_agg(json_build_object(
        'id', m.id, 'kind', m.kind, 'consultationType', m.consultation_type, 'subject', m.subject,
        'providerId', (select min(pr.user_id::text) from plan_measure_providers pr where pr.plan_id = m.plan_id and pr.measure_id = m.id),
        'plannedHours', m.planned_hours, 'economicCategory', m.economic_category, 'plannedCents', m.planned_cents,
        'otherType', m.other_type, 'description', m.description,
        'riskIds', coalesce((select json_agg(mr.student_risk_id order by mr.position) from plan_measure_risks mr
          where mr.plan_id = m.plan_id and mr.measure_id = m.id), '[]'),
        'justification', m.justification) order by m.position)
      from plan_measures m where m.plan_id = p.id and m.removed_at is null), '[]') as measures
  from plans p where ${where}`;

export function toContent(r: ContentRow): TPlanContent {
  return {
    riskIds: r.risk_ids,
    goals: r.goals.map((g) => ({ id: g.id, text: g.text, criterion: g.criterion })),
    measures: r.measures.map((m) => ({
      id: m.id,
      kind: m.kind,
      consultationType: m.consultationType,
      subject: m.subject,
      providerId: m.providerId,
      plannedHours: m.plannedHours === null ? null : Number(m.plannedHours),
      economicCategory: m.economicCategory,
      plannedCents: m.plannedCents,
      otherType: m.otherType,
      description: m.description,
      riskIds: m.riskIds,
      justification: m.justification,
    })),
    supervisorId: r.supervisor_id,
  };
}

/** The live content of one plan (one query); null when there is no such plan. */
export async function findContent(db: Db, planId: string): Promise<TPlanContent | null> {
  const rows = await queryRows<ContentRow>(db, contentSelect(sql`p.id = ${planId}`));
  return rows[0] ? toContent(rows[0]) : null;
}

/** The live content of several plans (one query), by plan id. */
export async function findContents(db: Db, planIds: string[]): Promise<Map<string, TPlanContent>> {
  if (planIds.length === 0) return new Map();
  const rows = await queryRows<ContentRow>(db, contentSelect(sql`p.id in ${planIds}`));
  return new Map(rows.map((r) => [r.id, toContent(r)]));
}

const jsonParam = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/**
 * Replaces a plan's content with `content` (call inside the caller's transaction; the plan row
 * should be locked). Goals, plan risks and live measures are rewritten in order; measure ids stay
 * the same so sessions, payments and return comments keep pointing at their rows. A measure the new
 * content drops is deleted, unless something points at it: then it stays, marked removed (as
 * before, when the JSON content simply lost it while the sessions and payments kept its id).
 */
export async function saveContent(db: Db, planId: string, content: TPlanContent, at: Date): Promise<void> {
  const measureIds = content.measures.map((m) => m.id);
  const riskIds = content.riskIds;
  await db.execute(sql`update plans set supervisor_id = ${content.supervisorId} where id = ${planId}`);
  // Goals: nothing points at them.
  await db.execute(sql`delete from plan_goals where plan_id = ${planId}`);
  if (content.goals.length)
    await db.execute(sql`insert into plan_goals (plan_id, id, position, text, criterion)
      select ${planId}::uuid, (g->>'id')::uuid, (o - 1)::int, g->>'text', g->>'criterion'
      from jsonb_array_elements(${jsonParam(content.goals)}) with ordinality as x(g, o)`);
  // Measures the content no longer holds: deleted when nothing points at them, else marked removed.
  const kept = measureIds.length ? sql`id not in ${measureIds}` : sql`true`;
  await db.execute(sql`delete from plan_measures m where m.plan_id = ${planId} and ${kept}
    and not exists (select 1 from session_participants sp where sp.plan_id = m.plan_id and sp.measure_id = m.id)
    and not exists (select 1 from economic_payments ep where ep.plan_id = m.plan_id and ep.measure_id = m.id)
    and not exists (select 1 from plan_event_measure_comments c where c.plan_id = m.plan_id and c.measure_id = m.id)`);
  await db.execute(sql`update plan_measures set removed_at = ${at.toISOString()}::timestamptz, position = null
    where plan_id = ${planId} and removed_at is null and ${kept}`);
  // Links are rewritten whole (providers and risks of every measure of the plan, removed ones too).
  await db.execute(sql`delete from plan_measure_risks where plan_id = ${planId}`);
  await db.execute(sql`delete from plan_measure_providers where plan_id = ${planId}`);
  await db.execute(sql`delete from plan_risks where plan_id = ${planId}`);
  if (riskIds.length)
    await db.execute(sql`insert into plan_risks (plan_id, student_risk_id, position)
      select ${planId}::uuid, r::uuid, (o - 1)::int from jsonb_array_elements_text(${jsonParam(riskIds)}) with ordinality as x(r, o)`);
  if (content.measures.length) {
    const measures = content.measures.map((m, i) => ({ ...m, position: i }));
    await db.execute(sql`insert into plan_measures (plan_id, id, position, kind, consultation_type, subject, planned_hours,
        economic_category, planned_cents, other_type, description, justification, removed_at)
      select ${planId}::uuid, (m->>'id')::uuid, (m->>'position')::int, m->>'kind', m->>'consultationType', m->>'subject',
        (m->>'plannedHours')::numeric, m->>'economicCategory', (m->>'plannedCents')::int, m->>'otherType',
        m->>'description', m->>'justification', null
      from jsonb_array_elements(${jsonParam(measures)}) as x(m)
      on conflict (plan_id, id) do update set position = excluded.position, kind = excluded.kind,
        consultation_type = excluded.consultation_type, subject = excluded.subject, planned_hours = excluded.planned_hours,
        economic_category = excluded.economic_category, planned_cents = excluded.planned_cents,
        other_type = excluded.other_type, description = excluded.description, justification = excluded.justification,
        removed_at = null`);
    await db.execute(sql`insert into plan_measure_providers (plan_id, measure_id, user_id)
      select ${planId}::uuid, (m->>'id')::uuid, (m->>'providerId')::uuid
      from jsonb_array_elements(${jsonParam(content.measures)}) as x(m) where m->>'providerId' is not null`);
    await db.execute(sql`insert into plan_measure_risks (plan_id, measure_id, student_risk_id, position)
      select ${planId}::uuid, (m->>'id')::uuid, r::uuid, (o - 1)::int
      from jsonb_array_elements(${jsonParam(content.measures)}) as x(m),
        jsonb_array_elements_text(m->'riskIds') with ordinality as y(r, o)`);
  }
}

/** A live measure of a plan (kind, provider, economic category), or null. */
export async function findMeasure(
  db: Db,
  planId: string,
  measureId: string,
): Promise<{ kind: string; providerIds: string[]; economicCategory: string | null } | null> {
  const rows = await queryRows<{ kind: string; provider_ids: string[]; economic_category: string | null }>(
    db,
    sql`select m.kind, m.economic_category,
          coalesce((select array_agg(pr.user_id::text) from plan_measure_providers pr where pr.plan_id = m.plan_id and pr.measure_id = m.id), '{}') as provider_ids
        from plan_measures m where m.plan_id = ${planId} and m.id = ${measureId} and m.removed_at is null`,
  );
  const r = rows[0];
  return r ? { kind: r.kind, providerIds: r.provider_ids, economicCategory: r.economic_category } : null;
}

/** Records a return's comments on single measures, in order. */
export async function insertMeasureComments(
  db: Db,
  eventId: number,
  planId: string,
  comments: { measureId: string; comment: string }[],
): Promise<void> {
  if (comments.length === 0) return;
  await db.execute(sql`insert into plan_event_measure_comments (event_id, position, plan_id, measure_id, comment)
    select ${eventId}::bigint, (o - 1)::int, ${planId}::uuid, (c->>'measureId')::uuid, c->>'comment'
    from jsonb_array_elements(${jsonParam(comments)}) with ordinality as x(c, o)`);
}
