import type {
  PartnerKind,
  TCreateOrganisationBody,
  TOrganisation,
  TOrganisationAbilities,
  TUpdateOrganisationBody,
} from '../../../common/api/organisations.ts';
import type { OrgType, SchoolType } from '../../../common/roles.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, conflict, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { abilitiesOn, can, canAnywhere, scopePaths } from '../../platform/policy/gate.ts';
import { ORG_CREATE, ORG_DIRECTORY, ORG_MEMBER, ORG_UPDATE, ORG_VIEW } from './policy.ts';
import * as repo from './repo.ts';

/** Which kinds of organisation may sit directly under each kind (the placement rule of checkPlacement). */
const CHILD_TYPES: Record<string, TOrganisationAbilities['create']> = {
  nation: ['municipality', 'school', 'partner'],
  municipality: ['school', 'partner'],
};

/** The caller's abilities on an organisation: the registered ones, and what may be created under it. */
function organisationAbilities(ctx: RequestContext, row: repo.OrgRow): TOrganisationAbilities {
  const resource = { orgPath: row.path, id: row.id };
  return {
    ...(abilitiesOn(ctx.actor, 'organisation', resource) as Omit<TOrganisationAbilities, 'create'>),
    create: (CHILD_TYPES[row.type] ?? []).filter((type) =>
      can(ctx.actor, ORG_CREATE, { orgPath: row.path, type }),
    ),
  };
}

/** The API shape of an organisation row, with the caller's abilities on it. */
export function presentOrganisation(ctx: RequestContext, row: repo.OrgRow): TOrganisation {
  return {
    id: row.id,
    parentId: row.parentId,
    type: row.type as OrgType,
    schoolType: (row.schoolType as SchoolType | null) ?? null,
    partnerKind: (row.partnerKind as PartnerKind | null) ?? null,
    name: row.name,
    code: row.code,
    active: row.active,
    can: organisationAbilities(ctx, row),
  };
}

/** Which types may sit under which; a state vocational school is the one school under the nation. */
function checkPlacement(parentType: string, type: string, schoolType: SchoolType | null | undefined): void {
  if (type === 'municipality' && parentType !== 'nation') throw badRequest('invalid_parent', 'parentId');
  if (type === 'partner' && parentType !== 'municipality' && parentType !== 'nation')
    throw badRequest('invalid_parent', 'parentId');
  if (type === 'school') {
    if (!schoolType) throw badRequest('school_type_required', 'schoolType');
    const underNation = schoolType === 'state_vocational';
    if (underNation ? parentType !== 'nation' : parentType !== 'municipality')
      throw badRequest('invalid_parent', 'parentId');
  } else if (schoolType) {
    throw badRequest('validation', 'schoolType');
  }
}

/** Organisations the caller may see, flat, in tree order. */
export async function listOrganisations(ctx: RequestContext, tx: Db): Promise<TOrganisation[]> {
  const rows = await repo.findOrganisationsInScope(tx, scopePaths(ctx.actor, ORG_VIEW));
  return rows.map((row) => presentOrganisation(ctx, row));
}

/** The national school directory (names only), for those who register or move students. */
export async function listSchoolDirectory(ctx: RequestContext, tx: Db) {
  if (!canAnywhere(ctx.actor, ORG_DIRECTORY)) throw new AppError(403, 'forbidden');
  const rows = await repo.findSchoolDirectory(tx);
  return rows.map((r) => ({ ...r, schoolType: (r.schoolType as SchoolType | null) ?? null }));
}

/** One organisation, or 404 outside the caller's scope. */
export async function getOrganisation(ctx: RequestContext, id: string, tx: Db): Promise<TOrganisation> {
  const row = await repo.findOrganisationById(tx, id);
  if (!row || !can(ctx.actor, ORG_VIEW, { orgPath: row.path })) throw new NotFoundError('organisation', id);
  return presentOrganisation(ctx, row);
}

/** Creates a municipality, school or partner institution under a parent in scope. */
export async function createOrganisation(
  ctx: RequestContext,
  input: TCreateOrganisationBody,
  tx: Db,
): Promise<TOrganisation> {
  const parent = await repo.findOrganisationById(tx, input.parentId);
  if (!parent || !can(ctx.actor, ORG_VIEW, { orgPath: parent.path }))
    throw new NotFoundError('organisation', input.parentId);
  if (!can(ctx.actor, ORG_CREATE, { orgPath: parent.path, type: input.type }))
    throw new AppError(403, 'forbidden');
  checkPlacement(parent.type, input.type, input.schoolType);
  if (input.partnerKind && input.type !== 'partner') throw badRequest('validation', 'partnerKind');
  if (input.code && (await repo.findOrganisationByCode(tx, input.code))) throw conflict('code_taken', 'code');
  const row = await repo.insertOrganisation(tx, {
    parentId: parent.id,
    parentPath: parent.path,
    type: input.type,
    schoolType: input.type === 'school' ? (input.schoolType ?? null) : null,
    partnerKind: input.type === 'partner' ? (input.partnerKind ?? 'other') : null,
    name: input.name,
    code: input.code || null,
  });
  await writeAudit(tx, ctx, {
    action: 'organisation.create',
    entityType: 'organisation',
    entityId: row.id,
    orgId: row.id,
  });
  return presentOrganisation(ctx, row);
}

/** Renames, recodes, retypes (within the same placement) or (de)activates an organisation. */
export async function updateOrganisation(
  ctx: RequestContext,
  id: string,
  input: TUpdateOrganisationBody,
  tx: Db,
): Promise<TOrganisation> {
  const row = await repo.findOrganisationById(tx, id);
  if (!row || !can(ctx.actor, ORG_VIEW, { orgPath: row.path })) throw new NotFoundError('organisation', id);
  if (!can(ctx.actor, ORG_UPDATE, { orgPath: row.path, id: row.id })) throw new AppError(403, 'forbidden');
  if (row.type === 'nation' && input.active === false) throw new AppError(403, 'forbidden');
  if (input.schoolType !== undefined) {
    const parent = row.parentId ? await repo.findOrganisationById(tx, row.parentId) : null;
    checkPlacement(parent?.type ?? 'none', row.type, input.schoolType);
  }
  // Only a partner institution has a kind, and it always has one.
  if (input.partnerKind !== undefined && (row.type !== 'partner' || input.partnerKind === null))
    throw badRequest('validation', 'partnerKind');
  if (input.code && input.code !== row.code) {
    const other = await repo.findOrganisationByCode(tx, input.code);
    if (other && other.id !== id) throw conflict('code_taken', 'code');
  }
  const patch: Parameters<typeof repo.updateOrganisation>[2] = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.code !== undefined) patch.code = input.code || null;
  if (input.schoolType !== undefined) patch.schoolType = input.schoolType;
  if (input.partnerKind) patch.partnerKind = input.partnerKind;
  if (input.active !== undefined) patch.active = input.active;
  const updated = await repo.updateOrganisation(tx, id, patch);
  await writeAudit(tx, ctx, {
    action: 'organisation.update',
    entityType: 'organisation',
    entityId: id,
    orgId: id,
  });
  return presentOrganisation(ctx, updated);
}

/**
 * A school the caller works in, for an upload that needs `action` there: 404 when it is not one of
 * the caller's schools (nothing reveals it exists), 403 for its staff without the right.
 */
export async function loadOwnSchoolFor(ctx: RequestContext, schoolId: string, action: string, tx: Db) {
  const school = await repo.findOrganisationById(tx, schoolId);
  const ownSchool = school !== null && can(ctx.actor, ORG_MEMBER, { orgPath: school.path });
  if (school?.type !== 'school' || !ownSchool) throw new NotFoundError('organisation', schoolId, school?.id);
  if (!can(ctx.actor, action, { orgPath: school.path }))
    throw new ForbiddenError('organisation', school.id, school.id);
  return school;
}
