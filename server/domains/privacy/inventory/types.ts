import { z } from 'zod';

/** What kind of data a column holds (GDPR Art. 30(1)(c) "categories of personal data"). */
export const DATA_CATEGORIES = [
  'identifier',
  'demographic',
  'contact',
  'special_category',
  'education_record',
  'financial',
  'staff_record',
  'authentication_secret',
  'audit',
  'technical',
  'reference',
  'aggregate',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Whose data it is (Art. 30(1)(c) "categories of data subjects"); `none` for non-personal data. */
export const DATA_SUBJECTS = ['student', 'guardian', 'staff', 'none'] as const;
export type DataSubject = (typeof DATA_SUBJECTS)[number];

/** Why the data is processed (Art. 30(1)(b)); texts in ropa-texts.ts. */
export const PURPOSES = [
  'early_leaving_support',
  'screening',
  'programme_finance',
  'cooperation',
  'communication',
  'reporting',
  'access_control',
  'accountability',
  'operations',
  'reference_data',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The lawful bases used (Art. 6 and, for special categories, Art. 9). */
export const LEGAL_BASES = ['art6_1c', 'art6_1e', 'art9_2g', 'art9_2h', 'none'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** Retention classes; the rule and period of each are in ../retention.ts. */
export const RETENTION_CLASSES = [
  'case_record',
  'screening',
  'contact',
  'staff_account',
  'audit',
  'auth_technical',
  'technical',
  'reference',
] as const;
export type RetentionClass = (typeof RETENTION_CLASSES)[number];

/** One column of the inventory: table-level defaults with the column's own category (and overrides). */
export const ZInventoryColumn = z.strictObject({
  category: z.enum(DATA_CATEGORIES),
  subject: z.enum(DATA_SUBJECTS),
  purpose: z.enum(PURPOSES),
  bases: z.array(z.enum(LEGAL_BASES)).min(1),
  retention: z.enum(RETENTION_CLASSES),
});
export type InventoryColumn = z.infer<typeof ZInventoryColumn>;

export interface InventoryTable {
  table: string;
  /** One line on what a row is (for the record of processing and the reader of the inventory). */
  description: string;
  columns: Record<string, InventoryColumn>;
}

export type TableDefaults = Omit<InventoryColumn, 'category'>;
type ColumnSpec = DataCategory | (Partial<InventoryColumn> & { category: DataCategory });

/**
 * Declares one table: `defaults` hold for every column, each column names its category and may
 * override subject, purpose, bases or retention. Adding a column = adding one line here.
 */
export function table(
  name: string,
  description: string,
  defaults: TableDefaults,
  columns: Record<string, ColumnSpec>,
): InventoryTable {
  const out: Record<string, InventoryColumn> = {};
  for (const [column, spec] of Object.entries(columns)) {
    const merged = typeof spec === 'string' ? { ...defaults, category: spec } : { ...defaults, ...spec };
    // Parsed so a typo in a hand-written row fails at start-up, not in the record of processing.
    out[column] = ZInventoryColumn.parse(merged);
  }
  return { table: name, description, columns: out };
}

/** Shorthands for the table defaults used most. */
export const STUDENT_CASE: TableDefaults = {
  subject: 'student',
  purpose: 'early_leaving_support',
  bases: ['art6_1e', 'art9_2g'],
  retention: 'case_record',
};
export const STAFF_ACCOUNT: TableDefaults = {
  subject: 'staff',
  purpose: 'access_control',
  bases: ['art6_1e'],
  retention: 'staff_account',
};
export const NON_PERSONAL: TableDefaults = {
  subject: 'none',
  purpose: 'reference_data',
  bases: ['none'],
  retention: 'reference',
};
