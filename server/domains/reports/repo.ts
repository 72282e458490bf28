import { type SQL, sql } from 'drizzle-orm';
import { latvianSortKey } from '../../platform/collation.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';

/**
 * The report API's reading (issue 14): organisations, the read model's figures (report_figures,
 * filled by the `reports.refresh` job) and the drill-down's students. The only SQL of the API.
 */

export interface ReportOrgRow {
  id: string;
  name: string;
  type: 'nation' | 'municipality' | 'school';
  path: string;
  parent_id: string | null;
}

/** An organisation a report can be about (the nation, a municipality, a school), or null. */
export async function findReportOrg(db: Db, id: string): Promise<ReportOrgRow | null> {
  const rows = await queryRows<ReportOrgRow>(
    db,
    sql`select id, name, type, path, parent_id from organisations
        where id = ${id} and type in ('nation', 'municipality', 'school')`,
  );
  return rows[0] ?? null;
}

const idList = (ids: string[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** Organisations by id (breadcrumbs, partners' and children's names). */
export async function findOrgsByIds(db: Db, ids: string[]): Promise<ReportOrgRow[]> {
  if (ids.length === 0) return [];
  return queryRows<ReportOrgRow>(
    db,
    sql`select id, name, type, path, parent_id from organisations where id in (${idList(ids)})`,
  );
}

/**
 * The children of the report: the nation's municipalities and the schools directly under it (state
 * vocational schools); a municipality's schools. Inactive ones too: their figures are part of the
 * parent's. Sorted by name (Latvian order).
 */
export async function findChildren(db: Db, parentId: string): Promise<ReportOrgRow[]> {
  return queryRows<ReportOrgRow>(
    db,
    sql`select id, name, type, path, parent_id from organisations
        where parent_id = ${parentId} and type in ('municipality', 'school')
        order by ${latvianSortKey(sql`name`)}, id`,
  );
}

export interface FigureRow {
  period: string;
  org_id: string;
  indicator: string;
  key: string;
  value: number;
  students: number | null;
}

/** The read model's figures of some organisations in some periods (optionally some indicators). */
export async function findFigureRows(
  db: Db,
  periods: string[],
  orgIds: string[],
  indicators?: string[],
): Promise<FigureRow[]> {
  if (periods.length === 0 || orgIds.length === 0) return [];
  const only = indicators
    ? sql`and indicator in (${sql.join(
        indicators.map((i) => sql`${i}`),
        sql`, `,
      )})`
    : sql``;
  const rows = await queryRows<FigureRow>(
    db,
    sql`select period, org_id, indicator, key, value, students from report_figures
        where period in (${sql.join(
          periods.map((p) => sql`${p}`),
          sql`, `,
        )}) and org_id in (${idList(orgIds)}) ${only}
        order by indicator, key`,
  );
  return rows.map((r) => ({
    ...r,
    value: Number(r.value),
    students: r.students === null ? null : Number(r.students),
  }));
}

export interface RefreshRow {
  refreshed_at: string | null;
  requested_at: string | null;
}

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

/** When a period's figures were computed and whether a refresh was asked for. */
export async function findRefresh(db: Db, period: string): Promise<RefreshRow> {
  const rows = await queryRows<RefreshRow>(
    db,
    sql`select refreshed_at, requested_at from report_refreshes where period = ${period}`,
  );
  return { refreshed_at: iso(rows[0]?.refreshed_at), requested_at: iso(rows[0]?.requested_at) };
}

export interface StudentRow {
  id: string;
  first_name: string;
  last_name: string;
  class_label: string;
  flagged: boolean;
  risks: number;
  plan_id: string | null;
  plan_code: string | null;
  plan_status: string | null;
  supported: boolean;
  outcome: string | null;
}

export interface StudentsQuery {
  schoolId: string;
  /** The caller's scope for the drill-down: the school must lie under one of these paths. */
  scope: string[];
  semesterIds: string[];
  schoolYear: number;
  startsOn: string;
  endsOn: string;
  limit: number;
  offset: number;
}

/** The students of one school with a flag, a risk or a plan in the period (the scope in the SQL). */
function studentsBase(q: StudentsQuery): SQL {
  const sem = idList(q.semesterIds);
  return sql`
    select s.id, s.first_name, s.last_name, s.class_label,
      exists (select 1 from student_indicators si
              where si.student_id = s.id and si.semester_id in (${sem}) and si.flag_count > 0) as flagged,
      (select count(*)::int from student_risks r
        where r.student_id = s.id and r.semester_id in (${sem}) and r.removed_at is null) as risks,
      p.id as plan_id, p.code as plan_code, p.status as plan_status,
      (exists (select 1 from session_participants sp join support_sessions ss on ss.id = sp.session_id
               where sp.student_id = s.id and sp.confirmed_at is not null
                 and ss.on_date between ${q.startsOn}::date and ${q.endsOn}::date)
       or exists (select 1 from economic_payments ep
                  where ep.student_id = s.id and ep.semester_id in (${sem}))) as supported,
      (select so.outcome from student_outcomes so
        where so.student_id = s.id and so.school_year = ${q.schoolYear}) as outcome
    from students s
    join organisations o on o.id = s.school_id
    left join lateral (
      select pl.id, pl.code, pl.status from plans pl
      where pl.student_id = s.id and pl.school_id = s.school_id and pl.semester_id in (${sem})
        and pl.status <> 'deleted'
      order by pl.created_at desc limit 1) p on true
    where s.school_id = ${q.schoolId} and ${pathInScope(sql`o.path`, q.scope)}`;
}

const wanted = sql`(x.flagged or x.risks > 0 or x.plan_id is not null)`;

/** One page of the drill-down's students (Latvian order of surname, then name) and how many in all. */
export async function findReportStudents(
  db: Db,
  q: StudentsQuery,
): Promise<{ rows: StudentRow[]; total: number }> {
  const rows = await queryRows<StudentRow>(
    db,
    sql`select * from (${studentsBase(q)}) x where ${wanted}
        order by ${latvianSortKey(sql`x.last_name`)}, ${latvianSortKey(sql`x.first_name`)}, x.id
        limit ${q.limit} offset ${q.offset}`,
  );
  const count = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (${studentsBase(q)}) x where ${wanted}`,
  );
  return {
    rows: rows.map((r) => ({ ...r, risks: Number(r.risks) })),
    total: Number(count[0]?.n ?? 0),
  };
}
