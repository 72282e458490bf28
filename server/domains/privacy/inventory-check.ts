import { INVENTORY, INVENTORY_FILES, type InventoryTable } from './inventory/index.ts';

/** A column as information_schema.columns names it. */
export interface DatabaseColumn {
  table: string;
  column: string;
}

/**
 * What differs between the database and the inventory, one line each naming `table.column` and
 * what to do: a column the inventory does not list, or a listed column the database does not have.
 */
export function compareInventory(
  columns: readonly DatabaseColumn[],
  inventory: readonly InventoryTable[] = INVENTORY,
): string[] {
  const problems: string[] = [];
  const listed = new Map<string, Set<string>>();
  for (const t of inventory) {
    if (listed.has(t.table)) problems.push(`${t.table}: listed twice in the inventory (${INVENTORY_FILES})`);
    listed.set(t.table, new Set(Object.keys(t.columns)));
  }
  const present = new Set<string>();
  for (const { table, column } of columns) {
    present.add(`${table}.${column}`);
    const known = listed.get(table);
    if (!known)
      problems.push(
        `${table}.${column}: the table is not in the data inventory — add table('${table}', …) with this column to ${INVENTORY_FILES}`,
      );
    else if (!known.has(column))
      problems.push(
        `${table}.${column}: the column is not in the data inventory — add "${column}: '<category>'" to table('${table}') in ${INVENTORY_FILES}`,
      );
  }
  for (const t of inventory)
    for (const column of Object.keys(t.columns))
      if (!present.has(`${t.table}.${column}`))
        problems.push(
          `${t.table}.${column}: listed in the data inventory but not in the database — remove it from ${INVENTORY_FILES}`,
        );
  return problems;
}
