import type { TOrganisation } from '../../../common/api/organisations.ts';
import { useOrganisations } from '../organisations/use-organisations.ts';

function byName(a: TOrganisation, b: TOrganisation): number {
  return a.name.localeCompare(b.name, 'lv');
}

/**
 * The schools the user sees (for the list filter) and those where the server says the user may manage
 * students (`can.manageStudents`: registering and importing). A teacher has no organisation access:
 * both lists are empty and no filter shows.
 */
export function useStudentSchools() {
  const organisations = useOrganisations();
  const items = organisations.data ?? [];
  const schools = items.filter((item) => item.type === 'school').sort(byName);
  return {
    isPending: organisations.isPending,
    schools,
    managedSchools: schools.filter((school) => school.active && school.can.manageStudents),
  };
}
