import { defineAbilities } from '../../platform/policy/gate.ts';

/*
 * The dashboards' entries of /api/me's `can` (kind 'navigation'), from the report domain's policy
 * actions (policy.ts: 'report.view' for every report role, the auditor too; 'report.refresh' for
 * REPORT_REFRESH_ROLES). An action not (yet) in the policy table is denied, so until the routes'
 * policy is registered both are false.
 */
defineAbilities('navigation', { viewReports: 'report.view', refreshReports: 'report.refresh' });
