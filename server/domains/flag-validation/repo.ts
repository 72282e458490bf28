import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';

export interface ValidationOrgRow {
  id: string;
  name: string;
  type: 'nation' | 'municipality';
  path: string;
}

/** A municipality or the nation by id; null for anything else (a school, a partner, unknown). */
export async function findValidationOrg(db: Db, id: string): Promise<ValidationOrgRow | null> {
  const rows = await queryRows<ValidationOrgRow>(
    db,
    sql`select id, name, type, path from organisations where id = ${id} and type in ('nation', 'municipality')`,
  );
  return rows[0] ?? null;
}

/**
 * For each semester ended before `today`: the students with indicators in it at a school under
 * `path` that have an outcome recorded for its school year.
 */
export async function countKnownOutcomes(db: Db, path: string, today: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ semester_id: string; known: number }>(
    db,
    sql`select sem.id as semester_id, count(so.student_id)::int as known
      from semesters sem
        left join student_indicators i on i.semester_id = sem.id
          and exists (select 1 from organisations o where o.id = i.school_id and ${pathInScope(sql`o.path`, [path])})
        left join student_outcomes so on so.student_id = i.student_id and so.school_year = sem.school_year
      where sem.ends_on < ${today}
      group by sem.id`,
  );
  return new Map(rows.map((r) => [r.semester_id, Number(r.known)]));
}

/** The nation and municipalities under the caller's scope paths, the nation first, then by name. */
export async function findValidationOrgs(db: Db, scope: string[]): Promise<ValidationOrgRow[]> {
  return queryRows<ValidationOrgRow>(
    db,
    sql`select id, name, type, path from organisations
      where type in ('nation', 'municipality') and ${pathInScope(sql`path`, scope)}
      order by type = 'nation' desc, name`,
  );
}
