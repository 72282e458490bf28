import { NATIONAL_ADMIN_ROLES, RISK_MODEL_ROLES, WATCH_LIST_ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

/** Refit the national risk score now (a background job). */
export const RISK_SCORE_REFIT = 'risk_score.refit';
/** Read the model card: how the fit was made and how well it did (no student data). */
export const RISK_MODEL_VIEW = 'risk_score.model';
/** Read a school's ranks on the watch list: the watch list's own roles and scope. */
export const RISK_RANKS_VIEW = 'risk_score.ranks';

definePolicies<OrgResource>({
  // The model is national: only the nation's admin refits it.
  [RISK_SCORE_REFIT]: { roles: NATIONAL_ADMIN_ROLES },
  [RISK_MODEL_VIEW]: { roles: RISK_MODEL_ROLES },
  [RISK_RANKS_VIEW]: { roles: WATCH_LIST_ROLES },
});

defineAbilities('navigation', { viewRiskModel: RISK_MODEL_VIEW, refitRiskScore: RISK_SCORE_REFIT });
