import { definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

export const EJOURNAL_IMPORT = 'ejournal.import';
export const EJOURNAL_ENTER = 'ejournal.enter';
export const WATCH_LIST_VIEW = 'watch_list.view';
export const THRESHOLDS_MANAGE = 'thresholds.manage';
export const LEGAL_DUTY_RECORD = 'legal_duty.record';

definePolicies<OrgResource>({
  [EJOURNAL_IMPORT]: {
    roles: ['national_admin', 'municipal_coordinator', 'school_director', 'school_coordinator'],
  },
  // Entry by hand, for small schools without an e-journal export.
  [EJOURNAL_ENTER]: {
    roles: ['national_admin', 'municipal_coordinator', 'school_director', 'school_coordinator'],
  },
  [WATCH_LIST_VIEW]: {
    roles: ['national_admin', 'expert', 'municipal_coordinator', 'school_director', 'school_coordinator'],
  },
  // The nation's thresholds by the national admin; a municipality's by its coordinator.
  [THRESHOLDS_MANAGE]: { roles: ['national_admin', 'municipal_coordinator'] },
  // The school records that it informed the municipality (Cabinet Regulation No. 89).
  [LEGAL_DUTY_RECORD]: { roles: ['national_admin', 'school_director', 'school_coordinator'] },
});
