import { and, asc, eq, inArray, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { TCursorPayload } from '../../../common/api/cursor.ts';
import { organisations, studentAssignments, students, users } from '../../db/schema.ts';
import { now } from '../../platform/clock.ts';
import { latvianSortKey } from '../../platform/collation.ts';
import {
  type KeyKind,
  type Keyset,
  keysetAfter,
  keysetColumns,
  keysetOrder,
  keysetPage,
} from '../../platform/cursor.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { LIST_COUNT_CAP } from '../../platform/list-count.ts';
import { pathInScope } from '../../platform/scope-sql.ts';
import { escapeLike } from '../../platform/sql-text.ts';

/** Who is asking, in SQL terms: whole-school scope paths, assigned-only scope paths and the user. */
export interface StudentScope {
  wholePaths: string[];
  assignedPaths: string[];
  userId: string;
}

/** SQL condition: the student (joined with its school as `organisations`) is visible to the scope. */
export function studentVisible(scope: StudentScope): SQL {
  return or(
    pathInScope(organisations.path, scope.wholePaths),
    and(
      pathInScope(organisations.path, scope.assignedPaths),
      sql`exists (select 1 from ${studentAssignments} where ${studentAssignments.studentId} = ${students.id} and ${studentAssignments.userId} = ${scope.userId})`,
    ),
  ) as SQL;
}

/**
 * SQL condition: the caller provides a live measure (not removed) of a running plan of the student (not
 * deleted, not left behind by a move) at a school under an assigned-only grant — the plan page's rule,
 * so a teacher named on a plan finds its student without being assigned to them.
 */
export function providerOfStudent(scope: StudentScope): SQL {
  if (scope.assignedPaths.length === 0) return sql`false`;
  return and(
    pathInScope(organisations.path, scope.assignedPaths),
    sql`exists (select 1 from plans pp join plan_measure_providers pr on pr.plan_id = pp.id
      join plan_measures pm on pm.plan_id = pr.plan_id and pm.id = pr.measure_id
      where pp.student_id = ${students.id} and pp.status <> 'deleted' and pp.moved_out_at is null
        and pm.removed_at is null and pr.user_id = ${scope.userId})`,
  ) as SQL;
}

/**
 * True when an application is signed and not withdrawn as of today (the Latvian date). `offset 0`
 * keeps it one index probe per row shown: without it the planner, counting the rows before the
 * page's LIMIT, hashed every application in the country (70,000 on the national set) for each page.
 */
export const applicationInForceSql = () => {
  const today = todayInLatvia();
  return sql<boolean>`exists (select 1 from applications a where a.student_id = ${students.id}
  and a.signed_on <= ${today}::date and (a.withdrawn_on is null or a.withdrawn_on > ${today}::date) offset 0)`;
};

/** The columns of a student row; a function because "in force" depends on today's date. */
/** The columns of a StudentRow (students joined with their school as `organisations`). */
export const summaryColumns = () => ({
  id: students.id,
  personalCode: students.personalCode,
  personalCodeWarning: students.personalCodeWarning,
  firstName: students.firstName,
  lastName: students.lastName,
  birthDate: students.birthDate,
  gender: students.gender,
  schoolId: students.schoolId,
  schoolName: organisations.name,
  schoolPath: organisations.path,
  grade: students.grade,
  course: students.course,
  classLabel: students.classLabel,
  status: students.status,
  statusDate: students.statusDate,
  statusReason: students.statusReason,
  applicationInForce: applicationInForceSql(),
  hasPin: sql<boolean>`exists (select 1 from student_pins sp where sp.student_id = ${students.id})`,
  anonymisedAt: students.anonymisedAt,
});
export type StudentRow = {
  id: string;
  personalCode: string;
  personalCodeWarning: boolean;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  gender: string | null;
  schoolId: string;
  schoolName: string;
  schoolPath: string;
  grade: number | null;
  course: number | null;
  classLabel: string;
  status: string;
  statusDate: string | null;
  statusReason: string | null;
  applicationInForce: boolean;
  hasPin: boolean;
  anonymisedAt: Date | string | null;
};

export interface StudentFilter {
  schoolId?: string;
  q?: string;
  grade?: number;
  course?: number;
  classLabel?: string;
  status?: string;
  sort: 'name' | 'class' | 'grade' | 'code';
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** Continue after this cursor's row (keyset) instead of skipping `offset` rows. */
  cursor?: TCursorPayload;
  /** Where the caller may reveal personal codes: only there does a code prefix match. */
  revealScope: StudentScope;
}

/** The search text as a personal code (digits, hyphens and spaces dropped), or null for a name search. */
export function searchedCode(q: string | undefined): string | null {
  if (!q) return null;
  const compact = q.replace(/[\s-]/g, '');
  return /^\d+$/.test(compact) ? compact : null;
}

/**
 * Search: a whole personal code (11 digits) matches exactly for anyone who sees the student; a code
 * prefix matches only students whose code the caller may reveal (else 22 prefix searches would
 * spell out a code); words match the start of first or last name.
 */
function searchCondition(q: string, revealScope: StudentScope): SQL {
  const code = searchedCode(q);
  if (code !== null)
    return code.length === 11
      ? eq(students.personalCode, code)
      : (and(
          sql`${students.personalCode} LIKE ${`${escapeLike(code)}%`}`,
          studentVisible(revealScope),
        ) as SQL);
  const words = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 3);
  return and(
    ...words.map(
      (w) =>
        or(
          sql`lower(${students.lastName}) LIKE ${`${escapeLike(w)}%`}`,
          sql`lower(${students.firstName}) LIKE ${`${escapeLike(w)}%`}`,
        ) as SQL,
    ),
  ) as SQL;
}

function studentConditions(scope: StudentScope, f: StudentFilter): SQL {
  const conditions: SQL[] = [or(studentVisible(scope), providerOfStudent(scope)) as SQL];
  if (f.schoolId) conditions.push(eq(students.schoolId, f.schoolId));
  if (f.q) conditions.push(searchCondition(f.q, f.revealScope));
  if (f.grade) conditions.push(eq(students.grade, f.grade));
  if (f.course) conditions.push(eq(students.course, f.course));
  if (f.classLabel) conditions.push(eq(students.classLabel, f.classLabel));
  if (f.status) conditions.push(eq(students.status, f.status));
  return and(...conditions) as SQL;
}

/** Whether the filter searches by name (not by personal code). */
const nameSearched = (f: StudentFilter) => Boolean(f.q) && searchedCode(f.q) === null;

/**
 * The statement that reads one page (LIMIT pageSize + 1, after the cursor when given), not yet run:
 * `findStudents` runs it, and a test EXPLAINs it to see the planner use the 0016 index.
 */
export function studentPageQuery(db: Db, scope: StudentScope, f: StudentFilter) {
  const where = studentConditions(scope, f);
  const ks = studentKeyset(f.sort, f.dir, nameSearched(f));
  return db
    .select({ ...summaryColumns(), ...keysetColumns(ks) })
    .from(students)
    .innerJoin(organisations, eq(organisations.id, students.schoolId))
    .where(f.cursor ? and(where, keysetAfter(ks, f.cursor)) : where)
    .orderBy(...keysetOrder(ks))
    .limit(f.limit + 1)
    .offset(f.offset);
}

/**
 * A page of the students visible to the scope, filtered and sorted, with the total (exact up to
 * LIST_COUNT_CAP, else the cap and `totalAtLeast`) and the next cursor.
 */
export async function findStudents(
  db: Db,
  scope: StudentScope,
  f: StudentFilter,
): Promise<{ rows: StudentRow[]; total: number; totalAtLeast: boolean; nextCursor: string | null }> {
  const rows = await studentPageQuery(db, scope, f);
  const page = keysetPage(
    studentKeyset(f.sort, f.dir, nameSearched(f)),
    rows as unknown as StudentRow[],
    f.limit,
  );
  // Counting stops after the cap: a municipality's or the nation's count would read every row in scope.
  const capped = db
    .select({ one: sql`1` })
    .from(students)
    .innerJoin(organisations, eq(organisations.id, students.schoolId))
    .where(studentConditions(scope, f))
    .limit(LIST_COUNT_CAP + 1)
    .as('capped');
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(capped);
  const n = Number(total);
  return {
    rows: page.rows,
    total: Math.min(n, LIST_COUNT_CAP),
    totalAtLeast: n > LIST_COUNT_CAP,
    nextCursor: page.nextCursor,
  };
}

/**
 * The list's order for a sort and direction, as keyset keys. Grade and course may be NULL: `coalesce`
 * to 100 sorts them as NULL sorts (last ascending, first descending) and keeps the keys comparable.
 * The name sort is what index `students_school_lv_name_idx` (migration 0016) is built for.
 */
export function studentKeyset(sort: StudentFilter['sort'], dir: 'asc' | 'desc', search = false): Keyset {
  // A name search finds few rows through the prefix indexes (migration 0025) and sorts them; the
  // same key with `|| ''` keeps the planner from walking the name index past every name before the
  // searched one (it sorts the same: the key keeps its C collation).
  const nameKey = (column: SQLWrapper) =>
    search ? sql`(${latvianSortKey(column)} || '')` : latvianSortKey(column);
  const lastKey = nameKey(students.lastName);
  const firstKey = nameKey(students.firstName);
  const key = (expr: SQLWrapper, kind: KeyKind, d: 'asc' | 'desc' = dir) => ({ expr, kind, dir: d });
  const keys = {
    name: [key(lastKey, 'text'), key(firstKey, 'text')],
    class: [key(students.classLabel, 'text'), key(lastKey, 'text', 'asc'), key(firstKey, 'text', 'asc')],
    grade: [
      key(sql`coalesce(${students.grade}, 100)`, 'int'),
      key(sql`coalesce(${students.course}, 100)`, 'int'),
      key(students.classLabel, 'text', 'asc'),
      key(lastKey, 'text', 'asc'),
    ],
    code: [key(students.personalCode, 'text')],
  }[sort];
  // Ties are broken by id in the direction of the sort where every key follows it (an index scans it
  // either way), else ascending as before.
  const idDir = sort === 'name' || sort === 'code' ? dir : 'asc';
  return { list: 'students', sort, dir, keys, id: key(students.id, 'uuid', idDir) };
}

/** One student with the school's path, regardless of scope (the service checks it). */
export async function findStudentById(db: Db, id: string): Promise<StudentRow | null> {
  const rows = await db
    .select(summaryColumns())
    .from(students)
    .innerJoin(organisations, eq(organisations.id, students.schoolId))
    .where(eq(students.id, id));
  return (rows[0] as StudentRow | undefined) ?? null;
}

/** Ids of the staff assigned to the student of the outer query's row, as a JSON array. */
export const assignedUserIdsSql = () =>
  sql<
    string[] | string
  >`coalesce((select json_agg(sa.user_id) from student_assignments sa where sa.student_id = ${students.id}), '[]'::json)`;

/** Ids of the providers of live measures of the outer row's running plans (see providerOfStudent), as a JSON array. */
const providerUserIdsSql = () =>
  sql<string[] | string>`coalesce((select json_agg(distinct pr.user_id) from plans pp
    join plan_measure_providers pr on pr.plan_id = pp.id
    join plan_measures pm on pm.plan_id = pr.plan_id and pm.id = pr.measure_id
    where pp.student_id = ${students.id} and pp.status <> 'deleted' and pp.moved_out_at is null
      and pm.removed_at is null), '[]'::json)`;

/** A JSON column as a value: PGlite and node-postgres parse json, a driver that answers text is parsed here. */
export function jsonValue<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/** A student with the ids of the staff assigned to them, in one statement (the gate needs both). */
export async function findStudentWithAssigned(
  db: Db,
  id: string,
): Promise<{ row: StudentRow; assignedUserIds: string[]; providerUserIds: string[] } | null> {
  const rows = await db
    .select({
      ...summaryColumns(),
      assignedUserIds: assignedUserIdsSql(),
      providerUserIds: providerUserIdsSql(),
    })
    .from(students)
    .innerJoin(organisations, eq(organisations.id, students.schoolId))
    .where(eq(students.id, id));
  const found = rows[0];
  if (!found) return null;
  const { assignedUserIds, providerUserIds, ...row } = found;
  return {
    row: row as StudentRow,
    assignedUserIds: jsonValue(assignedUserIds),
    providerUserIds: jsonValue(providerUserIds),
  };
}

/**
 * The student page's relations in one statement: guardians (oldest first), moves (newest first) and
 * the assigned staff (by surname) with the role each holds at `schoolPath` (their first grant, by
 * organisation path and role, whose organisation contains the school; null when none does).
 */
export async function findStudentRelations(db: Db, studentId: string, schoolPath: string) {
  const [row] = await queryRows<{ guardians: unknown; moves: unknown; staff: unknown }>(
    db,
    sql`select
      coalesce((select json_agg(json_build_object('id', g.id, 'firstName', g.first_name, 'lastName', g.last_name,
        'relation', g.relation, 'phone', g.phone, 'email', g.email, 'language', g.language) order by g.created_at)
        from guardians g where g.student_id = ${studentId}), '[]'::json) as guardians,
      coalesce((select json_agg(json_build_object('id', m.id, 'movedOn', m.moved_on, 'fromSchoolName', f.name,
        'toSchoolName', t.name) order by m.moved_on desc)
        from student_moves m join organisations f on f.id = m.from_school_id join organisations t on t.id = m.to_school_id
        where m.student_id = ${studentId}), '[]'::json) as moves,
      coalesce((select json_agg(json_build_object('userId', u.id, 'firstName', u.first_name, 'lastName', u.last_name,
        'role', (select rg.role from role_grants rg join organisations o on o.id = rg.org_id
                 where rg.user_id = u.id and starts_with(${schoolPath}::text, o.path)
                 order by o.path, rg.role limit 1)) order by u.last_name)
        from student_assignments sa join users u on u.id = sa.user_id where sa.student_id = ${studentId}), '[]'::json) as staff`,
  );
  return {
    guardians: jsonValue(row.guardians as string) as unknown as {
      id: string;
      firstName: string;
      lastName: string;
      relation: string;
      phone: string | null;
      email: string | null;
      language: string;
    }[],
    moves: jsonValue(row.moves as string) as unknown as {
      id: string;
      movedOn: string;
      fromSchoolName: string;
      toSchoolName: string;
    }[],
    staff: jsonValue(row.staff as string) as unknown as {
      userId: string;
      firstName: string;
      lastName: string;
      role: string | null;
    }[],
  };
}

export async function findStudentIdByCode(
  db: Db,
  personalCode: string,
): Promise<{ id: string; schoolId: string } | null> {
  const rows = await db
    .select({ id: students.id, schoolId: students.schoolId })
    .from(students)
    .where(eq(students.personalCode, personalCode));
  return rows[0] ?? null;
}

/** Existing students by personal code (for imports), any school. */
export async function findStudentsByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .select({
      id: students.id,
      personalCode: students.personalCode,
      schoolId: students.schoolId,
      firstName: students.firstName,
      lastName: students.lastName,
      birthDate: students.birthDate,
      gender: students.gender,
      grade: students.grade,
      course: students.course,
      classLabel: students.classLabel,
    })
    .from(students)
    .where(inArray(students.personalCode, codes));
}

export type NewStudent = {
  personalCode: string;
  personalCodeWarning: boolean;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  gender: string | null;
  schoolId: string;
  grade: number | null;
  course: number | null;
  classLabel: string;
};

export async function insertStudent(db: Db, values: NewStudent): Promise<string> {
  const [row] = await db.insert(students).values(values).returning({ id: students.id });
  return row.id;
}

/** Inserts many students at once; returns their ids in order. */
export async function insertStudents(db: Db, values: NewStudent[]): Promise<string[]> {
  if (values.length === 0) return [];
  const rows = await db.insert(students).values(values).returning({ id: students.id });
  return rows.map((r) => r.id);
}

export async function updateStudent(
  db: Db,
  id: string,
  patch: Partial<Omit<NewStudent, 'personalCode'>> & {
    status?: string;
    statusDate?: string | null;
    statusReason?: string | null;
  },
): Promise<void> {
  await db
    .update(students)
    .set({ ...patch, updatedAt: now() })
    .where(eq(students.id, id));
}

/** The ids of staff assigned to each of the given students. */
export async function findAssignedUserIds(db: Db, studentIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (studentIds.length === 0) return map;
  const rows = await db
    .select({ studentId: studentAssignments.studentId, userId: studentAssignments.userId })
    .from(studentAssignments)
    .where(inArray(studentAssignments.studentId, studentIds));
  for (const r of rows) map.set(r.studentId, [...(map.get(r.studentId) ?? []), r.userId]);
  return map;
}

export async function findAssignedStaff(db: Db, studentId: string) {
  return db
    .select({ userId: users.id, firstName: users.firstName, lastName: users.lastName })
    .from(studentAssignments)
    .innerJoin(users, eq(users.id, studentAssignments.userId))
    .where(eq(studentAssignments.studentId, studentId))
    .orderBy(asc(users.lastName));
}

export async function insertAssignment(
  db: Db,
  studentId: string,
  userId: string,
  createdBy: string | null,
): Promise<boolean> {
  const rows = await db
    .insert(studentAssignments)
    .values({ studentId, userId, createdBy })
    .onConflictDoNothing()
    .returning({ id: studentAssignments.id });
  return rows.length > 0;
}

export async function deleteAssignment(db: Db, studentId: string, userId: string): Promise<void> {
  await db
    .delete(studentAssignments)
    .where(and(eq(studentAssignments.studentId, studentId), eq(studentAssignments.userId, userId)));
}

/** Removes every assignment of a student (on a move, the old school's staff lose access). */
export async function deleteAssignmentsOfStudent(db: Db, studentId: string): Promise<void> {
  await db.delete(studentAssignments).where(eq(studentAssignments.studentId, studentId));
}
