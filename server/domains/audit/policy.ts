import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

export const AUDIT_VIEW = 'audit.view';

definePolicies<OrgResource>({
  [AUDIT_VIEW]: {
    // The auditor reads the log of its whole grant (the nation: the whole country), with pseudonyms for students.
    roles: ['national_admin', 'municipal_coordinator', 'school_director', 'school_coordinator', 'auditor'],
  },
});

defineAbilities('navigation', { viewAudit: AUDIT_VIEW });
