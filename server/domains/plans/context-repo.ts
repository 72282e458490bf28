import { eq, sql } from 'drizzle-orm';
import type { TPlanContent } from '../../../common/api/plans.ts';
import { organisations, students } from '../../db/schema.ts';
import type { Db } from '../../platform/db.ts';
import { assignedUserIdsSql, jsonValue, type StudentRow, summaryColumns } from '../students/index.ts';
import { type ContentRow, contentSelect, toContent } from './content-repo.ts';

export interface PlanContext {
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
}

/**
 * Everything around a plan that the gate and the state machine need, in ONE statement: its student
 * (with the school path and the assigned staff), the plan's school and its parent's type, the
 * semester, and whether anything was delivered under the plan (sessions, payments, timesheets).
 */
export async function findPlanContext(
  db: Db,
  plan: { id: string; studentId: string; schoolId: string; semesterId: string },
): Promise<PlanContext | null> {
  const rows = await db
    .select({
      ...summaryColumns(),
      assignedUserIds: assignedUserIdsSql(),
      school: sql<
        PlanContext['school'] | string
      >`(select json_build_object('id', s.id, 'parentId', s.parent_id,
        'name', s.name, 'path', s.path, 'parentType', p.type)
        from organisations s left join organisations p on p.id = s.parent_id where s.id = ${plan.schoolId})`,
      semester: sql<
        PlanContext['semester'] | string
      >`(select json_build_object('id', m.id, 'schoolYear', m.school_year,
        'number', m.number, 'startsOn', m.starts_on, 'endsOn', m.ends_on) from semesters m where m.id = ${plan.semesterId})`,
      content: sql<
        ContentRow | string | null
      >`(select row_to_json(c) from (${contentSelect(sql`p.id = ${plan.id}`)}) c)`,
      hasDeliveries: sql<boolean>`(exists (select 1 from session_participants where plan_id = ${plan.id})
          or exists (select 1 from economic_payments where plan_id = ${plan.id})
          or exists (select 1 from timesheet_entries where plan_id = ${plan.id}))`,
    })
    .from(students)
    .innerJoin(organisations, eq(organisations.id, students.schoolId))
    .where(eq(students.id, plan.studentId));
  const found = rows[0];
  if (!found) return null;
  const { assignedUserIds, school, semester, hasDeliveries, content, ...student } = found;
  return {
    student: student as StudentRow,
    assignedUserIds: jsonValue(assignedUserIds),
    school: school === null ? null : jsonValue(school),
    semester: semester === null ? null : jsonValue(semester),
    hasDeliveries: hasDeliveries === true,
    content: content === null ? null : toContent(jsonValue(content)),
  };
}
