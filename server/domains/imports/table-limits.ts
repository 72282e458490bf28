// The shapes and limits of an uploaded table, free of parsing libraries so the worker can refuse a
// hostile file before loading them.

/** A spreadsheet as header names and rows of trimmed strings. */
export interface ParsedTable {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  headers: string[];
  rows: string[][];
}

/** Why a file was refused; each code is a message in `server/platform/i18n/*.json` (`errors`). */
export type TableParseCode =
  | 'import_empty'
  | 'import_format'
  | 'import_too_many_rows'
  | 'import_too_many_columns'
  | 'import_line_too_long'
  | 'import_too_large'
  | 'import_headers';

export class TableParseError extends Error {
  constructor(readonly code: TableParseCode) {
    super(code);
  }
}

/** What one file may hold. A hostile file is refused as soon as it passes one of these. */
export interface TableLimits {
  /** Data rows (the header not counted). */
  maxRows: number;
  /** Header columns; cells right of the header are never read. */
  maxColumns: number;
  /** Sum of the sizes an XLSX's zip declares for its parts once unpacked. */
  maxUnzippedBytes: number;
  /** Characters in one CSV record. */
  maxLineChars: number;
}

/** Data rows of a class list (CSV; an XLSX stops at `MAX_XLSX_ROWS`, 150,000). */
export const MAX_IMPORT_ROWS = 500_000;

/**
 * Class lists: a large school has about 1,500 students, Rīga about 35,000 and the country about
 * 220,000; the rows stream through a staging table, so memory does not grow with the list.
 */
export const CLASS_LIST_LIMITS: TableLimits = {
  maxRows: MAX_IMPORT_ROWS,
  maxColumns: 100,
  maxUnzippedBytes: 150 * 1024 * 1024,
  maxLineChars: 16 * 1024,
};
