import type { TOrganisation } from '../../../common/api/organisations.ts';
import { MANAGER_ROLES } from '../../../common/roles.ts';
import { useCurrentUser } from '../auth/use-session.ts';
import { useOrganisations } from '../organisations/use-organisations.ts';

function byName(a: TOrganisation, b: TOrganisation): number {
  return a.name.localeCompare(b.name, 'lv');
}

/**
 * The schools the user sees (for the list filter) and those under a manager grant (for registering
 * and importing). A teacher has no organisation access: both lists are empty and no filter shows.
 */
export function useStudentSchools() {
  const me = useCurrentUser();
  const organisations = useOrganisations();
  const items = organisations.data ?? [];
  const byId = new Map(items.map((item) => [item.id, item]));
  const managedRoots = new Set(
    me.grants
      .filter((grant) => (MANAGER_ROLES as readonly string[]).includes(grant.role))
      .map((grant) => grant.organisationId),
  );
  const isManaged = (school: TOrganisation) => {
    for (let node: TOrganisation | undefined = school; node; node = byId.get(node.parentId ?? '')) {
      if (managedRoots.has(node.id)) return true;
    }
    return false;
  };
  const schools = items.filter((item) => item.type === 'school').sort(byName);
  return {
    isPending: organisations.isPending,
    schools,
    managedSchools: schools.filter((school) => school.active && isManaged(school)),
  };
}
