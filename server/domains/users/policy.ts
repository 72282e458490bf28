import { ROLES, type Role } from '../../../common/roles.ts';
import { can, defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

export const USER_VIEW = 'user.view';
export const USER_MANAGE = 'user.manage';
export const USER_GRANT = 'user.grant';
/** Change an existing account (profile, active flag, password). */
export const USER_EDIT = 'user.edit';

/** Which roles a manager may hand out, within the subtree of the manager's own grant. */
export const GRANTABLE: Partial<Record<Role, readonly Role[]>> = {
  national_admin: ROLES,
  municipal_coordinator: [
    'municipal_coordinator',
    'school_director',
    'school_coordinator',
    'plan_preparer',
    'specialist',
    'teacher',
    'partner',
  ],
  school_director: ['school_coordinator', 'plan_preparer', 'specialist', 'teacher'],
  school_coordinator: ['plan_preparer', 'specialist', 'teacher'],
};

const MANAGERS = [
  'national_admin',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
] as const;

/** A role on an organisation, as the subject of a grant decision. */
export interface GrantResource extends OrgResource {
  role: Role;
}

definePolicies<OrgResource>({
  [USER_VIEW]: { roles: MANAGERS },
  [USER_MANAGE]: { roles: MANAGERS },
});

definePolicies<GrantResource>({
  [USER_GRANT]: {
    roles: MANAGERS,
    when: (grant, resource) => GRANTABLE[grant.role]?.includes(resource.role) ?? false,
  },
});

/** An existing account as the gate sees it: its home organisation and every grant it holds. */
export interface UserResource extends OrgResource {
  grants: readonly GrantResource[];
}

definePolicies<UserResource>({
  // A manager changes an account at home in the subtree only when the manager could have granted
  // every role it holds: a school coordinator cannot reset a director's password.
  [USER_EDIT]: {
    roles: MANAGERS,
    when: (_grant, resource, actor) => resource.grants.every((g) => can(actor, USER_GRANT, g)),
  },
});

defineAbilities('navigation', { manageUsers: USER_MANAGE });
