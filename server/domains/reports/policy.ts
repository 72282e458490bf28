import { REPORT_REFRESH_ROLES, REPORT_ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

/** Read an organisation's report figures (the auditor too, suppressed). */
export const REPORT_VIEW = 'report.view';
/** Read the figures unsuppressed: every report role but the auditor. */
export const REPORT_VIEW_FULL = 'report.view_full';
/** Open the list of a school's students behind the figures (never the auditor). */
export const REPORT_STUDENTS = 'report.students';
/** Ask for a period's figures to be recomputed now. */
export const REPORT_REFRESH = 'report.refresh';

const FULL_ROLES = REPORT_ROLES.filter((r) => r !== 'auditor');

definePolicies<OrgResource>({
  [REPORT_VIEW]: { roles: REPORT_ROLES },
  [REPORT_VIEW_FULL]: { roles: FULL_ROLES },
  [REPORT_STUDENTS]: { roles: FULL_ROLES },
  [REPORT_REFRESH]: { roles: REPORT_REFRESH_ROLES },
});

// The dashboards' entries of /api/me's `can`: the navigation entry and the refresh button.
defineAbilities('navigation', { viewReports: REPORT_VIEW, refreshReports: REPORT_REFRESH });
