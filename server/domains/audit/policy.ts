import { definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

export const AUDIT_VIEW = 'audit.view';

definePolicies<OrgResource>({
  [AUDIT_VIEW]: {
    roles: ['national_admin', 'municipal_coordinator', 'school_director', 'school_coordinator'],
  },
});
