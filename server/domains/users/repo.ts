import { and, asc, count, eq, ilike, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TCursorPayload } from '../../../common/api/cursor.ts';
import { organisations, roleGrants, userSecondFactors, users } from '../../db/schema.ts';
import { now } from '../../platform/clock.ts';
import { latvianSortKey } from '../../platform/collation.ts';
import { type Keyset, keysetAfter, keysetColumns, keysetOrder, keysetPage } from '../../platform/cursor.ts';
import type { Db } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';
import { escapeLike } from '../../platform/sql-text.ts';

const homeOrg = alias(organisations, 'home_org');
const grantOrg = alias(organisations, 'grant_org');

/** SQL condition: the user's home organisation, or one of the user's grants, lies in scope. */
function userInScope(scope: string[]): SQL {
  return or(
    pathInScope(homeOrg.path, scope),
    sql`exists (select 1 from ${roleGrants} join ${organisations} grant_org on grant_org.id = ${roleGrants.orgId}
          where ${roleGrants.userId} = ${users.id} and ${pathInScope(sql`grant_org.path`, scope)})`,
  ) as SQL;
}

const summaryColumns = {
  id: users.id,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  active: users.active,
  language: users.language,
  employeeId: users.employeeId,
  position: users.position,
  createdAt: users.createdAt,
  homeOrganisationId: users.homeOrgId,
  homeOrganisationName: homeOrg.name,
  homeOrganisationPath: homeOrg.path,
};

/** Users sort by last and first name in Latvian order, then id: index `users_lv_name_idx` (0016). */
const USER_KEYSET: Keyset = {
  list: 'users',
  sort: 'name',
  dir: 'asc',
  keys: [
    { expr: latvianSortKey(users.lastName), dir: 'asc', kind: 'text' },
    { expr: latvianSortKey(users.firstName), dir: 'asc', kind: 'text' },
  ],
  id: { expr: users.id, dir: 'asc', kind: 'uuid' },
};

/** A page of users in scope, with optional text search and organisation filter. */
export async function findUsers(
  db: Db,
  scope: string[],
  filter: { q?: string; organisationId?: string; limit: number; offset: number; cursor?: TCursorPayload },
) {
  const conditions: SQL[] = [userInScope(scope)];
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    conditions.push(
      or(ilike(users.firstName, like), ilike(users.lastName, like), ilike(users.email, like)) as SQL,
    );
  }
  if (filter.organisationId) {
    // Only a home or a grant inside the scope matches: filtering by an organisation elsewhere must
    // not reveal who holds a role there.
    conditions.push(
      or(
        and(eq(users.homeOrgId, filter.organisationId), pathInScope(homeOrg.path, scope)),
        sql`exists (select 1 from ${roleGrants} join ${organisations} grant_org on grant_org.id = ${roleGrants.orgId}
              where ${roleGrants.userId} = ${users.id} and ${roleGrants.orgId} = ${filter.organisationId}
                and ${pathInScope(sql`grant_org.path`, scope)})`,
      ) as SQL,
    );
  }
  const where = and(...conditions);
  const rows = await db
    .select({ ...summaryColumns, ...keysetColumns(USER_KEYSET) })
    .from(users)
    .innerJoin(homeOrg, eq(homeOrg.id, users.homeOrgId))
    .where(filter.cursor ? and(where, keysetAfter(USER_KEYSET, filter.cursor)) : where)
    .orderBy(...keysetOrder(USER_KEYSET))
    .limit(filter.limit + 1)
    .offset(filter.offset);
  const page = keysetPage(USER_KEYSET, rows, filter.limit);
  const [{ total }] = await db
    .select({ total: count() })
    .from(users)
    .innerJoin(homeOrg, eq(homeOrg.id, users.homeOrgId))
    .where(where);
  return { rows: page.rows, total: Number(total), nextCursor: page.nextCursor };
}

/** One user with the home organisation's path, regardless of scope (the service checks it). */
export async function findUserById(db: Db, id: string) {
  const rows = await db
    .select(summaryColumns)
    .from(users)
    .innerJoin(homeOrg, eq(homeOrg.id, users.homeOrgId))
    .where(eq(users.id, id));
  return rows[0] ?? null;
}

/** Whether the user has a confirmed authenticator (the user page shows it; issue 16). */
export async function hasEnabledSecondFactor(db: Db, id: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: userSecondFactors.userId })
    .from(userSecondFactors)
    .where(and(eq(userSecondFactors.userId, id), isNotNull(userSecondFactors.enabledAt)));
  return row !== undefined;
}

/** The grants of the given users, with organisation names and paths. */
export async function findGrantsOfUsers(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      organisationId: grantOrg.id,
      organisationName: grantOrg.name,
      organisationType: grantOrg.type,
      organisationPath: grantOrg.path,
    })
    .from(roleGrants)
    .innerJoin(grantOrg, eq(grantOrg.id, roleGrants.orgId))
    .where(inArray(roleGrants.userId, userIds))
    .orderBy(asc(grantOrg.path), asc(roleGrants.role));
}

export async function emailExists(db: Db, email: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return rows.length > 0;
}

export async function insertUser(
  db: Db,
  values: {
    email: string;
    passwordHash: string;
    firstName: string;
    lastName: string;
    language: string;
    homeOrgId: string;
  },
): Promise<string> {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  return row.id;
}

export async function updateUser(
  db: Db,
  id: string,
  patch: Partial<{
    firstName: string;
    lastName: string;
    language: string;
    active: boolean;
    passwordHash: string;
    employeeId: string | null;
    position: string | null;
  }>,
): Promise<void> {
  await db
    .update(users)
    .set({ ...patch, updatedAt: now() })
    .where(eq(users.id, id));
}

export async function insertGrant(
  db: Db,
  values: { userId: string; role: string; orgId: string; createdBy: string | null },
) {
  const rows = await db
    .insert(roleGrants)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: roleGrants.id });
  return rows[0]?.id ?? null;
}

export async function deleteGrant(db: Db, userId: string, grantId: string): Promise<void> {
  await db.delete(roleGrants).where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId)));
}
