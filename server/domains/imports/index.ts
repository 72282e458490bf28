/**
 * The imports' public module: parsing an uploaded table in a worker and running a school's import
 * under its lock (the e-journal import uses both). Other domains import imports only from here.
 */
export {
  commitStudentListFile,
  previewStudentListFile,
  runSchoolImport,
  uploadStudentListFile,
} from './run-import.ts';
export { openUploadedTable, type TableStream } from './stream-table.ts';
export { normalizeHeader } from './student-rows.ts';
export type { ParsedTable, TableLimits } from './table-limits.ts';
