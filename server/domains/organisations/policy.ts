import { MANAGER_ROLES, type OrgType, ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

/** A new organisation: the parent's path and the type to be created under it. */
export interface NewOrgResource extends OrgResource {
  type: OrgType;
}

/** An existing organisation; `strictlyBelow` is checked against the grant's own organisation. */
export interface OrgTarget extends OrgResource {
  id: string;
}

export const ORG_VIEW = 'organisation.view';
export const ORG_CREATE = 'organisation.create';
export const ORG_UPDATE = 'organisation.update';
/** The national school directory (names only): for those who register or move students. */
export const ORG_DIRECTORY = 'organisation.directory';
/** Works in the organisation (any role on it or above): decides 404 against 403 for per-school uploads. */
export const ORG_MEMBER = 'organisation.member';

definePolicies<OrgResource>({
  [ORG_VIEW]: {
    roles: [
      'national_admin',
      'expert',
      'municipal_coordinator',
      'school_director',
      'school_coordinator',
      'auditor',
    ],
  },
});

definePolicies<OrgResource>({
  // The same roles as student.manage: those who register students and move them between schools.
  [ORG_DIRECTORY]: { roles: MANAGER_ROLES },
  [ORG_MEMBER]: { roles: ROLES },
});

definePolicies<NewOrgResource>({
  [ORG_CREATE]: {
    roles: ['national_admin', 'municipal_coordinator'],
    // Only the national admin creates municipalities and state vocational schools.
    when: (grant, resource) =>
      grant.role === 'national_admin' || resource.type === 'school' || resource.type === 'partner',
  },
});

definePolicies<OrgTarget>({
  [ORG_UPDATE]: {
    roles: ['national_admin', 'municipal_coordinator'],
    // A municipal coordinator edits the schools and partners of the municipality, not the municipality itself.
    when: (grant, resource) => grant.role === 'national_admin' || resource.id !== grant.orgId,
  },
});

defineAbilities('organisation', { edit: ORG_UPDATE });

defineAbilities('navigation', { manageOrganisations: [ORG_CREATE, ORG_UPDATE] });
