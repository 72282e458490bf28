import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';

/** A student's plan with what decides who sees it (see `planView`) and its semester. */
export interface PlanHistoryPlan {
  id: string;
  code: string;
  status: string;
  school_path: string;
  moved_out: boolean;
  school_year: number;
  number: number;
  /** The people the plan names: preparer, supervisor, the live measures' providers. */
  named: string[];
}

/** One transition of a plan (plan_events), with who took it. */
export interface PlanHistoryEvent {
  id: number;
  plan_id: string;
  at: string | Date;
  action: string;
  to_status: string;
  level: string | null;
  version: number | null;
  comment: string | null;
  actor_name: string | null;
}

/** Every plan of a student (deleted ones left out) with its transitions, newest first: two statements. */
export async function findStudentPlanHistory(
  db: Db,
  studentId: string,
): Promise<{ plans: PlanHistoryPlan[]; events: PlanHistoryEvent[] }> {
  const plans = await queryRows<PlanHistoryPlan>(
    db,
    sql`select p.id, p.code, p.status, o.path as school_path, p.moved_out_at is not null as moved_out,
          s.school_year, s.number,
          array_remove(array[p.preparer_id, p.supervisor_id] || coalesce((select array_agg(mp.user_id)
            from plan_measure_providers mp join plan_measures m on m.plan_id = mp.plan_id and m.id = mp.measure_id
            where mp.plan_id = p.id and m.removed_at is null), '{}'), null)::text[] as named
        from plans p
          join organisations o on o.id = p.school_id
          join semesters s on s.id = p.semester_id
        where p.student_id = ${studentId} and p.status <> 'deleted'`,
  );
  if (plans.length === 0) return { plans, events: [] };
  const events = await queryRows<PlanHistoryEvent>(
    db,
    sql`select e.id::int as id, e.plan_id, e.at, e.action, e.to_status, e.level, e.version, e.comment,
          u.first_name || ' ' || u.last_name as actor_name
        from plan_events e
          join plans p on p.id = e.plan_id
          left join users u on u.id = e.actor_id
        where p.student_id = ${studentId} and p.status <> 'deleted'
        order by e.at desc, e.id desc
        limit 5000`,
  );
  return { plans, events };
}
