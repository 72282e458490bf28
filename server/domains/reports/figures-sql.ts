import { type SQL, sql } from 'drizzle-orm';
import type { IndicatorCode } from '../../../common/api/reports.ts';

/**
 * The read model's SQL frame: every indicator is a query of "facts" (one row per record behind the
 * figure) and an aggregate over them, computed for every organisation level at once with
 * `GROUP BY GROUPING SETS ((school), (municipality), ())`, so a distinct count is right at each
 * level (a student who moved between two schools of one municipality is one student there).
 */

/** The period a refresh computes: its code, semesters and dates, and today's date (Latvia). */
export interface PeriodScope {
  code: string;
  schoolYear: number;
  semesterIds: string[];
  startsOn: string;
  endsOn: string;
  today: string;
}

/**
 * One indicator: `facts` selects exactly the columns
 * `school_id uuid, key text, student_id uuid, item text, n numeric, first boolean` (null where
 * unused); `value` aggregates them (over `f`); `students` is the distinct students behind it.
 */
export interface FigureSpec {
  code: IndicatorCode;
  facts: SQL;
  value: SQL;
  students?: SQL;
}

/** The period's semester ids as a uuid[] parameter. */
export const semesterIdsOf = (p: PeriodScope): SQL => sql`${`{${p.semesterIds.join(',')}}`}::uuid[]`;

/** Aggregates over `f`. */
export const DISTINCT_STUDENTS = sql`count(distinct f.student_id)`;
export const DISTINCT_ITEMS = sql`count(distinct f.item)`;
export const SUM = sql`sum(f.n)`;
export const MEAN = sql`avg(f.n)`;
export const MEDIAN = sql`percentile_cont(0.5) within group (order by f.n)`;
/** Minutes counted once per (session, key) (the `first` row), as hours. */
export const HOURS_ONCE = sql`coalesce(sum(f.n) filter (where f.first), 0) / 60.0`;
export const NO_STUDENTS = sql`null::int`;

/**
 * The INSERT of one indicator's rows for every level. The organisation of a row: the school; its
 * parent when the parent is a municipality (a state vocational school has none: its rows count
 * only under the nation); the nation.
 */
export function insertFigures(period: string, spec: FigureSpec): SQL {
  return sql`insert into report_figures (period, org_id, indicator, key, value, students)
    select ${period}::text,
      case when grouping(f.school_id) = 0 then f.school_id
           when grouping(f.muni_id) = 0 then f.muni_id
           else (select id from organisations where type = 'nation' order by created_at limit 1) end,
      ${spec.code}::text, coalesce(f.key, ''), round(coalesce((${spec.value})::numeric, 0), 2),
      (${spec.students ?? DISTINCT_STUDENTS})::int
    from (select x.school_id, x.key, x.student_id, x.item, x.n, x.first,
            case when par.type = 'municipality' then par.id end as muni_id
          from (${spec.facts}) x (school_id, key, student_id, item, n, first)
          join organisations s on s.id = x.school_id
          left join organisations par on par.id = s.parent_id) f
    group by grouping sets ((f.school_id, f.key), (f.muni_id, f.key), (f.key))
    having grouping(f.muni_id) = 1 or f.muni_id is not null`;
}
