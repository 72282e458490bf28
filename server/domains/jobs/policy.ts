import { MANAGER_ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

/** See background jobs (imports, recomputations) of the organisations under the grant. */
export const JOB_VIEW = 'job.view';

definePolicies<OrgResource>({
  [JOB_VIEW]: { roles: MANAGER_ROLES },
});

defineAbilities('navigation', { viewJobs: JOB_VIEW });
