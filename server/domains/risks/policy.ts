import { NATIONAL_ADMIN_ROLES, ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';
import type { StudentResource } from '../students/index.ts';

export const CATALOGUE_VIEW = 'risk_catalogue.view';
export const CATALOGUE_MANAGE = 'risk_catalogue.manage';
export const SEMESTER_MANAGE = 'semester.manage';
export const STUDENT_RISKS_RECORD = 'student_risks.record';
export const STUDENT_RISKS_SENSITIVE = 'student_risks.sensitive';

const assignedOrWhole = (g: { role: string }, r: StudentResource, actor: { userId: string }) =>
  (g.role !== 'plan_preparer' && g.role !== 'specialist') || r.assignedUserIds.includes(actor.userId);

definePolicies<OrgResource>({
  // Reference data: every role may read the catalogue (auditors need the types for statistics).
  [CATALOGUE_VIEW]: { roles: ROLES },
  [CATALOGUE_MANAGE]: { roles: NATIONAL_ADMIN_ROLES },
  [SEMESTER_MANAGE]: { roles: NATIONAL_ADMIN_ROLES },
});

definePolicies<StudentResource>({
  // The school team records risks; preparers and specialists for the students they work with.
  [STUDENT_RISKS_RECORD]: {
    roles: ['school_director', 'school_coordinator', 'plan_preparer', 'specialist'],
    when: assignedOrWhole,
    listScope: { grant: (g) => g.role !== 'plan_preparer' && g.role !== 'specialist' },
  },
  // The detail of family and health risks: only the roles that need it (issue 4).
  [STUDENT_RISKS_SENSITIVE]: {
    roles: ['school_director', 'school_coordinator', 'plan_preparer', 'specialist'],
    when: assignedOrWhole,
    listScope: { grant: (g) => g.role !== 'plan_preparer' && g.role !== 'specialist' },
  },
});

defineAbilities('student', {
  recordRisks: STUDENT_RISKS_RECORD,
  viewSensitiveRisks: STUDENT_RISKS_SENSITIVE,
});

defineAbilities('navigation', { manageRiskCatalogue: CATALOGUE_MANAGE });
