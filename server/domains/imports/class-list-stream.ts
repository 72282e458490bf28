import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TStudentMapping } from '../../../common/api/imports.ts';
import { copyField, openCopySink } from '../../platform/copy-in.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { MessageCode } from '../../platform/messages.ts';
import { uploadDir } from '../../platform/upload-spool.ts';
import * as stage from './class-list-stage.ts';
import type { TableStream } from './stream-table.ts';
import { checkStudentRow, mappingProblems, type RowCheck } from './student-rows.ts';

/** One checked row as a line of COPY text for the staging table (columns: `STAGE_COLUMNS`). */
function stageLine(c: RowCheck, excluded: boolean): string {
  const v = c.values;
  const status = excluded ? 'excluded' : c.ok ? null : 'error';
  const warning = v.personalCodeWarning === undefined ? null : v.personalCodeWarning ? 't' : 'f';
  const fields = [
    c.rowNumber,
    status,
    v.personalCode ?? null,
    warning,
    v.firstName ?? null,
    v.lastName ?? null,
    v.classLabel ?? null,
    v.grade ?? null,
    v.course ?? null,
    v.birthDate ?? null,
    v.gender ?? null,
    !excluded && !c.ok ? JSON.stringify(c.errors) : null,
  ];
  return `${fields.map(copyField).join('\t')}\n`;
}

/**
 * Checks every row of the class list as it streams from disk with the same rules as ever and
 * copies it into the transaction's staging table, then compares the rows with the register in
 * SQL (see `classifyStage`). A mapping that names no column, or leaves a required field out, is
 * a 400 before any row is read. `onRows` hears the rows staged so far. Answers the rows read.
 */
export async function stageClassList(
  tx: Db,
  kind: 'pglite' | 'postgres',
  schoolId: string,
  table: TableStream,
  mapping: TStudentMapping,
  excludedRows: number[],
  onRows?: (rows: number) => void,
): Promise<number> {
  const problems = mappingProblems(table.headers, mapping);
  if (problems.length)
    throw new AppError(
      400,
      problems[0].code as MessageCode,
      problems.map((p) => ({ path: `mapping.${p.field}`, message: p.code })),
    );
  const excluded = new Set(excludedRows);
  await stage.createStage(tx, kind === 'postgres');
  const sink = await openCopySink(tx, kind, stage.STAGE_TARGET);
  let rows = 0;
  for await (const batch of table.rows) {
    let text = '';
    for (const row of batch) {
      rows++;
      // The line in the file as people count it: the header is line 1, empty rows not counted.
      const rowNumber = rows + 1;
      text += stageLine(checkStudentRow(table.headers, row, mapping, rowNumber), excluded.has(rowNumber));
    }
    // One COPY message per batch of rows, not per row.
    if (text) await sink.write(text);
    onRows?.(rows);
  }
  await sink.end();
  await stage.classifyStage(tx, schoolId);
  return rows;
}

/**
 * Writes a class list kept in the database to a file of its own in the upload folder, runs `fn`
 * on it and removes it, so the rows can be streamed from disk like a fresh upload.
 */
export async function withStoredFile<T>(content: Buffer, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = uploadDir();
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.classlist`);
  try {
    await writeFile(file, content, { mode: 0o600 });
    return await fn(file);
  } finally {
    rmSync(file, { force: true });
  }
}
