import { LEGAL_DUTY_ROLES, MANAGER_ROLES, THRESHOLD_ROLES, WATCH_LIST_ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

export const EJOURNAL_IMPORT = 'ejournal.import';
export const EJOURNAL_ENTER = 'ejournal.enter';
export const WATCH_LIST_VIEW = 'watch_list.view';
export const THRESHOLDS_MANAGE = 'thresholds.manage';
export const LEGAL_DUTY_RECORD = 'legal_duty.record';
/** Start a recomputation of student indicators (a background job) for an organisation's schools. */
export const INDICATORS_RECOMPUTE = 'indicators.recompute';

definePolicies<OrgResource>({
  [EJOURNAL_IMPORT]: { roles: MANAGER_ROLES },
  // Entry by hand, for small schools without an e-journal export.
  [EJOURNAL_ENTER]: { roles: MANAGER_ROLES },
  [WATCH_LIST_VIEW]: { roles: WATCH_LIST_ROLES },
  // The nation's thresholds by the national admin; a municipality's by its coordinator.
  [THRESHOLDS_MANAGE]: { roles: THRESHOLD_ROLES },
  // The school records that it informed the municipality (Cabinet Regulation No. 89).
  [LEGAL_DUTY_RECORD]: { roles: LEGAL_DUTY_ROLES },
  [INDICATORS_RECOMPUTE]: { roles: MANAGER_ROLES },
});

defineAbilities('student', { enterEjournal: EJOURNAL_ENTER, recordLegalDuty: LEGAL_DUTY_RECORD });

defineAbilities('organisation', {
  manageThresholds: THRESHOLDS_MANAGE,
  recomputeIndicators: INDICATORS_RECOMPUTE,
});

defineAbilities('navigation', {
  viewWatchList: WATCH_LIST_VIEW,
  manageThresholds: THRESHOLDS_MANAGE,
  importEjournal: EJOURNAL_IMPORT,
});
