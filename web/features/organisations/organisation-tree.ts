import type { ComboboxItem, ComboboxItemGroup } from '@mantine/core';
import type { TOrganisation } from '../../../common/api/organisations.ts';
import { ORG_TYPES, type OrgType } from '../../../common/roles.ts';

/** One row of the organisation table: the organisation, its depth in the tree and its parent's name. */
export type OrganisationRow = { organisation: TOrganisation; depth: number; parentName: string | null };

const TYPE_ORDER: Record<OrgType, number> = { nation: 0, municipality: 1, school: 2, partner: 3 };

function compareOrganisations(a: TOrganisation, b: TOrganisation): number {
  return TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.name.localeCompare(b.name, 'lv');
}

/**
 * The flat list as a depth-first tree (nation → municipality → school/partner). An organisation whose
 * parent is outside the caller's scope becomes a root, so a municipal coordinator sees their municipality on top.
 */
export function buildOrganisationRows(items: readonly TOrganisation[]): OrganisationRow[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const children = new Map<string | null, TOrganisation[]>();
  for (const item of items) {
    const parentKey = item.parentId && byId.has(item.parentId) ? item.parentId : null;
    const list = children.get(parentKey) ?? [];
    list.push(item);
    children.set(parentKey, list);
  }
  const rows: OrganisationRow[] = [];
  const visit = (parentKey: string | null, depth: number) => {
    for (const organisation of (children.get(parentKey) ?? []).sort(compareOrganisations)) {
      const parentName = organisation.parentId ? (byId.get(organisation.parentId)?.name ?? null) : null;
      rows.push({ organisation, depth, parentName });
      visit(organisation.id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

/** Select options grouped by organisation type, optionally limited to some types or active ones. */
export function organisationSelectData(
  items: readonly TOrganisation[],
  typeLabel: (type: OrgType) => string,
  options: { types?: readonly OrgType[]; activeOnly?: boolean } = {},
): ComboboxItemGroup<ComboboxItem, string>[] {
  return ORG_TYPES.filter((type) => !options.types || options.types.includes(type))
    .map((type) => ({
      group: typeLabel(type),
      items: items
        .filter((item) => item.type === type && (!options.activeOnly || item.active))
        .sort(compareOrganisations)
        .map((item) => ({ value: item.id, label: item.name })),
    }))
    .filter((group) => group.items.length > 0);
}

/** A state vocational school sits directly under the nation; the other school types under a municipality. */
export function schoolTypesFor(parentType: OrgType | undefined) {
  return parentType === 'nation'
    ? (['state_vocational'] as const)
    : (['general', 'special', 'vocational'] as const);
}
