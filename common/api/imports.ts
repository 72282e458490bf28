import { z } from 'zod';
import { zExact, zLine } from './fields.ts';

/** The fields of a class-list import and whether each must be mapped to a column. */
export const STUDENT_IMPORT_FIELDS = [
  'personalCode',
  'firstName',
  'lastName',
  'classLabel',
  'grade',
  'course',
  'birthDate',
  'gender',
] as const;
export type StudentImportField = (typeof STUDENT_IMPORT_FIELDS)[number];
export const REQUIRED_STUDENT_IMPORT_FIELDS: readonly StudentImportField[] = [
  'personalCode',
  'firstName',
  'lastName',
  'classLabel',
];

/** Field → column header of the file (or null when the file has no such column). */
export const ZStudentMapping = z.partialRecord(z.enum(STUDENT_IMPORT_FIELDS), zExact(200).nullable());
export type TStudentMapping = z.infer<typeof ZStudentMapping>;

export const ZImportUploadQuery = z.object({
  schoolId: z.uuid(),
  fileName: zLine(200, 1),
});

export const ZImportUpload = z.object({
  importId: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  headers: z.array(z.string()),
  rowCount: z.number().int(),
  /** The mapping remembered for the school, else one guessed from the headers. */
  mapping: ZStudentMapping,
  mappingRemembered: z.boolean(),
});
export type TImportUpload = z.infer<typeof ZImportUpload>;

export const ROW_STATUSES = ['new', 'changed', 'unchanged', 'error', 'excluded'] as const;

export const ZImportRow = z.object({
  rowNumber: z.number().int(),
  status: z.enum(ROW_STATUSES),
  personalCodeMasked: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  classLabel: z.string().nullable(),
  changedFields: z.array(z.string()),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});
export type TImportRow = z.infer<typeof ZImportRow>;

export const ZImportPreviewBody = z.object({
  mapping: ZStudentMapping,
  excludedRows: z.array(z.number().int().min(1).max(1_000_000)).max(100000).default([]),
});
export type TImportPreviewBody = z.infer<typeof ZImportPreviewBody>;

export const ZImportCounts = z.object({
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
  excluded: z.number().int(),
});

export const ZImportPreview = z.object({
  counts: ZImportCounts,
  /** Error rows first, then the others in file order; at most 1,000. */
  rows: z.array(ZImportRow),
  truncated: z.boolean(),
});
export type TImportPreview = z.infer<typeof ZImportPreview>;

export const ZImportCommitResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  excluded: z.number().int(),
});
