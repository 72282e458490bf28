import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

export const AUDIT_VIEW = 'audit.view';
/** Read the events that belong to no organisation (sign-ins, national changes): national scope only. */
export const AUDIT_VIEW_NATIONAL = 'audit.view_national';

const AUDIT_ROLES = [
  'national_admin',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
  'auditor',
] as const;

definePolicies<OrgResource>({
  // The auditor reads the log of its whole grant (the nation: the whole country), with pseudonyms for students.
  [AUDIT_VIEW]: { roles: AUDIT_ROLES },
  [AUDIT_VIEW_NATIONAL]: {
    roles: AUDIT_ROLES,
    when: (grant) => grant.orgType === 'nation',
    listScope: { grant: (grant) => grant.orgType === 'nation' },
  },
});

defineAbilities('navigation', { viewAudit: AUDIT_VIEW });
