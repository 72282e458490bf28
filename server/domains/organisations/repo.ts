import { and, asc, eq, sql } from 'drizzle-orm';
import { organisations } from '../../db/schema.ts';
import type { Db } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';

const columns = {
  id: organisations.id,
  parentId: organisations.parentId,
  type: organisations.type,
  schoolType: organisations.schoolType,
  partnerKind: organisations.partnerKind,
  name: organisations.name,
  code: organisations.code,
  path: organisations.path,
  active: organisations.active,
};

export type OrgRow = {
  id: string;
  parentId: string | null;
  type: string;
  schoolType: string | null;
  partnerKind: string | null;
  name: string;
  code: string | null;
  path: string;
  active: boolean;
};

/** Every organisation under the given scope paths, in tree order. */
export async function findOrganisationsInScope(db: Db, scope: string[]): Promise<OrgRow[]> {
  return db
    .select(columns)
    .from(organisations)
    .where(pathInScope(organisations.path, scope))
    .orderBy(asc(organisations.path));
}

export async function findOrganisationById(db: Db, id: string): Promise<OrgRow | null> {
  const rows = await db.select(columns).from(organisations).where(eq(organisations.id, id));
  return rows[0] ?? null;
}

export async function findOrganisationByCode(db: Db, code: string): Promise<OrgRow | null> {
  const rows = await db.select(columns).from(organisations).where(eq(organisations.code, code));
  return rows[0] ?? null;
}

/** Inserts an organisation under a parent and sets its path from the parent's. */
export async function insertOrganisation(
  db: Db,
  values: {
    id?: string;
    parentId: string | null;
    parentPath: string;
    type: string;
    schoolType: string | null;
    partnerKind?: string | null;
    name: string;
    code: string | null;
  },
): Promise<OrgRow> {
  const id = values.id ?? crypto.randomUUID();
  const [row] = await db
    .insert(organisations)
    .values({
      id,
      parentId: values.parentId,
      type: values.type,
      schoolType: values.schoolType,
      partnerKind: values.type === 'partner' ? (values.partnerKind ?? 'other') : null,
      name: values.name,
      code: values.code,
      path: `${values.parentPath}${id}/`,
    })
    .returning(columns);
  return row;
}

export async function updateOrganisation(
  db: Db,
  id: string,
  patch: Partial<{
    name: string;
    code: string | null;
    schoolType: string | null;
    partnerKind: string | null;
    active: boolean;
  }>,
): Promise<OrgRow> {
  const [row] = await db.update(organisations).set(patch).where(eq(organisations.id, id)).returning(columns);
  return row;
}

/** The nation (root) organisation. */
export async function findRoot(db: Db): Promise<OrgRow | null> {
  const rows = await db
    .select(columns)
    .from(organisations)
    .where(and(eq(organisations.type, 'nation')));
  return rows[0] ?? null;
}

/** Every active school with the name of its municipality (null for state vocational schools). */
export async function findSchoolDirectory(db: Db) {
  const rows = await db.execute(sql`
    select s.id, s.name, s.school_type as "schoolType", m.name as "municipalityName"
    from ${organisations} s left join ${organisations} m on m.id = s.parent_id and m.type = 'municipality'
    where s.type = 'school' and s.active
    order by m.name nulls last, s.name`);
  return (
    rows as unknown as {
      rows: { id: string; name: string; schoolType: string | null; municipalityName: string | null }[];
    }
  ).rows;
}
