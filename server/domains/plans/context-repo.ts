import { eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { TPlanContent } from '../../../common/api/plans.ts';
import { organisations, plans, students } from '../../db/schema.ts';
import type { Db } from '../../platform/db.ts';
import { assignedUserIdsSql, jsonValue, type StudentRow, summaryColumns } from '../students/index.ts';
import { type ContentRow, contentSelect, toContent } from './content-repo.ts';
import type { PlanRow } from './repo.ts';

export interface PlanContext {
  /** The plan row itself (deleted plans included: the caller decides). */
  plan: PlanRow;
  student: StudentRow;
  assignedUserIds: string[];
  /** The plan's own school, with its parent's type; null when it is gone. */
  school: {
    id: string;
    parentId: string | null;
    name: string;
    path: string;
    parentType: string | null;
  } | null;
  semester: { id: string; schoolYear: number; number: number; startsOn: string; endsOn: string } | null;
  hasDeliveries: boolean;
  /** The plan's live content (goals, measures, links), assembled in the same statement. */
  content: TPlanContent | null;
  /** "First Last" of the people the plan names (preparer, supervisor, live measures' providers), by id. */
  names: Map<string, string>;
  /** "First Last" of the active coordinators of the student's school (who set the student's PIN). */
  pinSetters: string[];
}

/**
 * Everything about a set of plans that the gate, the state machine and the plan page need, in ONE
 * statement whatever the number of plans: each plan row, its student (with the school path and the
 * assigned staff), the plan's school and its parent's type, the semester, whether anything was
 * delivered under the plan (sessions, payments, timesheets), its live content and the names of the
 * people it names. Plans that do not exist are missing from the map. Locks nothing: a transition
 * locks the rows first (`lockPlans`), so this statement reads them as they are under the lock.
 */
export async function findPlanContexts(db: Db, ids: string[]): Promise<Map<string, PlanContext>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      plan: getTableColumns(plans),
      student: summaryColumns(),
      assignedUserIds: assignedUserIdsSql(),
      school: sql<
        PlanContext['school'] | string
      >`(select json_build_object('id', s.id, 'parentId', s.parent_id,
        'name', s.name, 'path', s.path, 'parentType', p.type)
        from organisations s left join organisations p on p.id = s.parent_id where s.id = ${plans.schoolId})`,
      semester: sql<
        PlanContext['semester'] | string
      >`(select json_build_object('id', m.id, 'schoolYear', m.school_year,
        'number', m.number, 'startsOn', m.starts_on, 'endsOn', m.ends_on) from semesters m where m.id = ${plans.semesterId})`,
      content: sql<
        ContentRow | string | null
      >`(select row_to_json(c) from (${contentSelect(sql`p.id = ${plans.id}`)}) c)`,
      hasDeliveries: sql<boolean>`(exists (select 1 from session_participants where plan_id = ${plans.id})
          or exists (select 1 from economic_payments where plan_id = ${plans.id})
          or exists (select 1 from timesheet_entries where plan_id = ${plans.id}))`,
      // The same people as the content names: one provider a live measure (the smallest id, as
      // contentSelect picks it), the supervisor and the preparer.
      names: sql<
        Record<string, string> | string | null
      >`(select json_object_agg(u.id, u.first_name || ' ' || u.last_name)
        from users u where u.id = ${plans.preparerId} or u.id = ${plans.supervisorId}
          or u.id::text in (select (select min(pr.user_id::text) from plan_measure_providers pr
              where pr.plan_id = m.plan_id and pr.measure_id = m.id)
            from plan_measures m where m.plan_id = ${plans.id} and m.removed_at is null))`,
      pinSetters: sql<string[] | string>`(select coalesce(json_agg(u.first_name || ' ' || u.last_name
          order by u.last_name, u.first_name), '[]'::json)
        from users u where u.active and exists (select 1 from role_grants g
          where g.user_id = u.id and g.org_id = ${students.schoolId} and g.role = 'school_coordinator'))`,
    })
    .from(plans)
    .innerJoin(students, eq(students.id, plans.studentId))
    .innerJoin(organisations, eq(organisations.id, students.schoolId))
    .where(inArray(plans.id, ids));
  return new Map(
    rows.map((found) => [
      found.plan.id,
      {
        plan: found.plan,
        student: found.student as StudentRow,
        assignedUserIds: jsonValue(found.assignedUserIds),
        school: found.school === null ? null : jsonValue(found.school),
        semester: found.semester === null ? null : jsonValue(found.semester),
        hasDeliveries: found.hasDeliveries === true,
        content: found.content === null ? null : toContent(jsonValue(found.content)),
        names: new Map(Object.entries(found.names === null ? {} : jsonValue(found.names))),
        pinSetters: jsonValue(found.pinSetters),
      },
    ]),
  );
}
