import { bindCursor } from '../../../common/api/cursor.ts';
import type {
  TCreateGrantBody,
  TCreateUserBody,
  TUpdateUserBody,
  TUserAbilities,
  TUserDetail,
  TUserListQuery,
  TUserSummary,
} from '../../../common/api/users.ts';
import { type Language, type OrgType, ROLE_ORG_TYPES, ROLES, type Role } from '../../../common/roles.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { pageOffset } from '../../platform/cursor.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, conflict, NotFoundError } from '../../platform/errors.ts';
import { assertPasswordNotGuessable } from '../../platform/password-strength.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { can, scopePaths } from '../../platform/policy/gate.ts';
import { deleteSessionsOfUser } from '../../platform/sessions/index.ts';
import { findOrganisationById } from '../organisations/index.ts';
import { USER_EDIT, USER_GRANT, USER_MANAGE, USER_VIEW, type UserResource } from './policy.ts';
import * as repo from './repo.ts';

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;
type GrantRow = Awaited<ReturnType<typeof repo.findGrantsOfUsers>>[number];

function summary(row: UserRow, grants: GrantRow[]): TUserSummary {
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    active: row.active,
    homeOrganisationId: row.homeOrganisationId,
    homeOrganisationName: row.homeOrganisationName,
    roles: [...new Set(grants.map((g) => g.role as Role))],
  };
}

/** The account as the gate sees it when deciding a change: home and every grant it holds. */
function userResource(row: UserRow, grants: GrantRow[]): UserResource {
  return {
    orgPath: row.homeOrganisationPath,
    grants: grants.map((g) => ({ orgPath: g.organisationPath, role: g.role as Role })),
  };
}

/** The roles the caller may grant on some organisation in the caller's scope. */
function grantableRoles(ctx: RequestContext): Role[] {
  const paths = ctx.actor?.grants.map((g) => g.orgPath) ?? [];
  return ROLES.filter((role) => paths.some((orgPath) => can(ctx.actor, USER_GRANT, { orgPath, role })));
}

function abilitiesOnUser(
  ctx: RequestContext,
  row: UserRow,
  all: GrantRow[],
  shown: GrantRow[],
): TUserAbilities {
  const grantRoles = grantableRoles(ctx);
  const edit = can(ctx.actor, USER_EDIT, userResource(row, all));
  return {
    edit,
    addGrant: grantRoles.length > 0,
    grantRoles,
    removeGrant: Object.fromEntries(
      shown.map((g) => [
        g.id,
        can(ctx.actor, USER_GRANT, { orgPath: g.organisationPath, role: g.role as Role }),
      ]),
    ),
    resetSecondFactor: edit && row.id !== ctx.actor?.userId,
  };
}

function detail(
  ctx: RequestContext,
  user: { row: UserRow; grants: GrantRow[]; shown: GrantRow[]; secondFactorEnabled: boolean },
): TUserDetail {
  const { row, shown: grants } = user;
  return {
    ...summary(row, grants),
    language: row.language as Language,
    employeeId: row.employeeId ?? null,
    position: row.position ?? null,
    createdAt: new Date(row.createdAt).toISOString(),
    secondFactorEnabled: user.secondFactorEnabled,
    grants: grants.map((g) => ({
      id: g.id,
      role: g.role as Role,
      organisationId: g.organisationId,
      organisationName: g.organisationName,
      organisationType: g.organisationType as OrgType,
    })),
    can: abilitiesOnUser(ctx, row, user.grants, grants),
  };
}

/** The grants the caller may see: only those on organisations inside the caller's own subtrees. */
function grantsInScope(ctx: RequestContext, grants: GrantRow[]): GrantRow[] {
  return grants.filter((g) => can(ctx.actor, USER_VIEW, { orgPath: g.organisationPath }));
}

/**
 * Loads a user the caller may see (home or a grant in scope); 404 otherwise. `grants` are all of
 * them (for decisions: who may manage the user), `shown` only those in the caller's scope.
 */
async function loadVisibleUser(ctx: RequestContext, id: string, tx: Db) {
  const row = await repo.findUserById(tx, id);
  const grants = row ? await repo.findGrantsOfUsers(tx, [id]) : [];
  const shown = grantsInScope(ctx, grants);
  const visible =
    row !== null && (can(ctx.actor, USER_VIEW, { orgPath: row.homeOrganisationPath }) || shown.length > 0);
  if (!row || !visible) throw new NotFoundError('user', id);
  return { row, grants, shown, secondFactorEnabled: await repo.hasEnabledSecondFactor(tx, id) };
}

/** 403 unless the caller may change the account (the gate's user.edit: home in scope, every role grantable). */
function assertCanManage(ctx: RequestContext, row: UserRow, grants: GrantRow[]): void {
  if (!can(ctx.actor, USER_EDIT, userResource(row, grants))) throw new AppError(403, 'forbidden');
}

/**
 * An account the caller may change (the same gate as editing it: 404 outside the caller's scope,
 * 403 without the right to every role it holds), for other domains' actions on an account: the
 * administrator's reset of a lost second factor (auth).
 */
export async function findUserToManage(ctx: RequestContext, id: string, tx: Db) {
  const { row, grants } = await loadVisibleUser(ctx, id, tx);
  assertCanManage(ctx, row, grants);
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    language: row.language,
    homeOrganisationId: row.homeOrganisationId,
  };
}

/** Users in the caller's scope, a page at a time. */
export async function listUsers(ctx: RequestContext, query: TUserListQuery, tx: Db) {
  const { rows, total, nextCursor } = await repo.findUsers(tx, scopePaths(ctx.actor, USER_VIEW), {
    q: query.q,
    organisationId: query.organisationId,
    limit: query.pageSize,
    offset: pageOffset(query),
    cursor: query.cursor,
  });
  const grants = grantsInScope(
    ctx,
    await repo.findGrantsOfUsers(
      tx,
      rows.map((r) => r.id),
    ),
  );
  await writeAudit(tx, ctx, { action: 'user.list', entityType: 'user' });
  return {
    items: rows.map((r) =>
      summary(
        r,
        grants.filter((g) => g.userId === r.id),
      ),
    ),
    total,
    nextCursor: bindCursor(nextCursor, query),
  };
}

/** One user's record; the read is audited. */
export async function getUser(ctx: RequestContext, id: string, tx: Db): Promise<TUserDetail> {
  const user = await loadVisibleUser(ctx, id, tx);
  const { row } = user;
  await writeAudit(tx, ctx, {
    action: 'user.read',
    entityType: 'user',
    entityId: id,
    orgId: row.homeOrganisationId,
  });
  return detail(ctx, user);
}

/** Creates a staff account in an organisation in the caller's scope. */
export async function createUser(ctx: RequestContext, input: TCreateUserBody, tx: Db): Promise<TUserDetail> {
  const home = await findOrganisationById(tx, input.homeOrganisationId);
  if (!home || !can(ctx.actor, USER_VIEW, { orgPath: home.path }))
    throw new NotFoundError('organisation', input.homeOrganisationId);
  if (!can(ctx.actor, USER_MANAGE, { orgPath: home.path })) throw new AppError(403, 'forbidden');
  if (await repo.emailExists(tx, input.email)) throw conflict('email_taken', 'email');
  await assertPasswordNotGuessable(input.password, [input.email, input.firstName, input.lastName]);
  const id = await repo.insertUser(tx, {
    email: input.email.toLowerCase(),
    passwordHash: await hashPassword(input.password),
    firstName: input.firstName,
    lastName: input.lastName,
    language: input.language,
    homeOrgId: home.id,
  });
  await writeAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: id, orgId: home.id });
  return detail(ctx, await loadVisibleUser(ctx, id, tx));
}

/** Edits names, language, active flag or password. Deactivation and a new password end the user's sessions. */
export async function updateUser(
  ctx: RequestContext,
  id: string,
  input: TUpdateUserBody,
  tx: Db,
): Promise<TUserDetail> {
  const { row, grants } = await loadVisibleUser(ctx, id, tx);
  assertCanManage(ctx, row, grants);
  if (input.active === false && id === ctx.actor?.userId)
    throw badRequest('cannot_deactivate_self', 'active');
  const { password, ...rest } = input;
  if (password)
    await assertPasswordNotGuessable(password, [
      row.email,
      input.firstName ?? row.firstName,
      input.lastName ?? row.lastName,
    ]);
  await repo.updateUser(tx, id, {
    ...rest,
    ...(password ? { passwordHash: await hashPassword(password) } : {}),
  });
  if (input.active === false || password) await deleteSessionsOfUser(tx, id);
  await writeAudit(tx, ctx, {
    action: password ? 'user.update_password' : 'user.update',
    entityType: 'user',
    entityId: id,
    orgId: row.homeOrganisationId,
  });
  const after = await loadVisibleUser(ctx, id, tx);
  return detail(ctx, after);
}

/** Gives a user a role on an organisation; both must be in the caller's scope. */
export async function addGrant(
  ctx: RequestContext,
  userId: string,
  input: TCreateGrantBody,
  tx: Db,
): Promise<TUserDetail> {
  const { row } = await loadVisibleUser(ctx, userId, tx);
  const org = await findOrganisationById(tx, input.organisationId);
  if (!org || !can(ctx.actor, USER_VIEW, { orgPath: org.path }))
    throw new NotFoundError('organisation', input.organisationId);
  if (!ROLE_ORG_TYPES[input.role].includes(org.type as OrgType))
    throw badRequest('role_org_mismatch', 'role');
  if (!can(ctx.actor, USER_GRANT, { orgPath: org.path, role: input.role }))
    throw new AppError(403, 'forbidden');
  const grantId = await repo.insertGrant(tx, {
    userId,
    role: input.role,
    orgId: org.id,
    createdBy: ctx.actor?.userId ?? null,
  });
  if (!grantId) throw conflict('grant_exists', 'role');
  await writeAudit(tx, ctx, {
    action: 'user.grant_add',
    entityType: 'role_grant',
    entityId: grantId,
    orgId: org.id,
  });
  const after = await loadVisibleUser(ctx, row.id, tx);
  return detail(ctx, after);
}

/** Removes one grant; the caller must be able to grant that role there. */
export async function removeGrant(
  ctx: RequestContext,
  userId: string,
  grantId: string,
  tx: Db,
): Promise<TUserDetail> {
  const { shown } = await loadVisibleUser(ctx, userId, tx);
  const grant = shown.find((g) => g.id === grantId);
  if (!grant) throw new NotFoundError('role_grant', grantId);
  if (!can(ctx.actor, USER_GRANT, { orgPath: grant.organisationPath, role: grant.role as Role }))
    throw new AppError(403, 'forbidden');
  await repo.deleteGrant(tx, userId, grantId);
  await writeAudit(tx, ctx, {
    action: 'user.grant_remove',
    entityType: 'role_grant',
    entityId: grantId,
    orgId: grant.organisationId,
  });
  const after = await loadVisibleUser(ctx, userId, tx);
  return detail(ctx, after);
}
