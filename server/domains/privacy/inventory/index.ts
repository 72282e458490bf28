import { CASE_TABLES } from './cases.ts';
import { PEOPLE_TABLES } from './people.ts';
import { SCREENING_TABLES } from './screening.ts';
import { SUPPORT_TABLES } from './support.ts';
import { SYSTEM_TABLES } from './system.ts';
import type { InventoryTable } from './types.ts';

export * from './types.ts';

/**
 * The data inventory: every table and column of the database (schema `public`) with its category,
 * data subject, purpose, legal basis and retention class. A new column goes into the file of its
 * area (people, screening, cases, support, system); test: inventory.int.test.ts.
 */
export const INVENTORY: readonly InventoryTable[] = [
  ...PEOPLE_TABLES,
  ...SCREENING_TABLES,
  ...CASE_TABLES,
  ...SUPPORT_TABLES,
  ...SYSTEM_TABLES,
];

/** Which file of this folder declares each area (named in the inventory test's failure). */
export const INVENTORY_FILES = 'server/domains/privacy/inventory/{people,screening,cases,support,system}.ts';
