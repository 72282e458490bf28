/**
 * The organisations' public module: the tree of nation, municipalities, schools and partners as
 * other domains read it, and the actions they check. Other domains import organisations only from here.
 */

export { ORG_CREATE, ORG_DIRECTORY, ORG_UPDATE, ORG_VIEW } from './policy.ts';
export {
  findOrganisationByCode,
  findOrganisationById,
  findOrganisationsInScope,
  findRoot,
  insertOrganisation,
  type OrgRow,
} from './repo.ts';
export { loadOwnSchoolFor } from './service.ts';
