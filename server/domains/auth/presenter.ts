import type { TMe, TNavigationAbilities } from '../../../common/api/auth.ts';
import type { Actor } from '../../platform/actor.ts';
import { abilitiesAnywhereOn, canAnywhere } from '../../platform/policy/gate.ts';
import { secondFactorMandatory, secondFactorPending } from '../../platform/step-up.ts';
import { AUDIT_VIEW } from '../audit/index.ts';
import { ORG_CREATE, ORG_UPDATE } from '../organisations/index.ts';
import { STUDENT_MANAGE, STUDENT_VIEW, STUDENT_VIEW_ASSIGNED } from '../students/index.ts';
import { USER_MANAGE } from '../users/index.ts';

/** The signed-in user as the client sees it, with what the navigation should offer. */
export function presentMe(actor: Actor): TMe {
  return {
    id: actor.userId,
    email: actor.email,
    firstName: actor.firstName,
    lastName: actor.lastName,
    language: actor.language,
    grants: actor.grants.map((g) => ({
      id: g.id,
      role: g.role,
      organisationId: g.orgId,
      organisationName: g.orgName,
      organisationType: g.orgType,
    })),
    permissions: {
      manageOrganisations: canAnywhere(actor, ORG_CREATE) || canAnywhere(actor, ORG_UPDATE),
      manageUsers: canAnywhere(actor, USER_MANAGE),
      viewAudit: canAnywhere(actor, AUDIT_VIEW),
      viewStudents: canAnywhere(actor, STUDENT_VIEW) || canAnywhere(actor, STUDENT_VIEW_ASSIGNED),
      manageStudents: canAnywhere(actor, STUDENT_MANAGE),
    },
    // Each domain registers its navigation abilities in its policy.ts (kind 'navigation').
    can: abilitiesAnywhereOn(actor, 'navigation') as TNavigationAbilities,
    secondFactor: {
      pending: secondFactorPending(actor),
      enabled: actor.session?.secondFactorEnabled ?? false,
      mandatory: secondFactorMandatory(actor),
      stepUpUntil: actor.session?.stepUpUntil?.toISOString() ?? null,
    },
  };
}
