import { and, eq, lt, sql } from 'drizzle-orm';
import { importFiles, importLocks, importMappings, students } from '../../db/schema.ts';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';

export async function insertImportFile(
  db: Db,
  values: {
    kind: string;
    schoolId: string;
    fileName: string;
    content: Buffer;
    rowCount: number;
    createdBy: string | null;
  },
): Promise<string> {
  const [row] = await db.insert(importFiles).values(values).returning({ id: importFiles.id });
  return row.id;
}

export async function findImportFile(db: Db, id: string) {
  const rows = await db
    .select({
      id: importFiles.id,
      kind: importFiles.kind,
      schoolId: importFiles.schoolId,
      fileName: importFiles.fileName,
      content: importFiles.content,
      status: importFiles.status,
      result: importFiles.result,
      createdBy: importFiles.createdBy,
    })
    .from(importFiles)
    .where(eq(importFiles.id, id));
  return rows[0] ?? null;
}

/** Locks the import row for the commit, so two commits of one file cannot both apply. */
export async function lockImportFile(db: Db, id: string): Promise<string | null> {
  const rows = await db
    .select({ status: importFiles.status })
    .from(importFiles)
    .where(eq(importFiles.id, id))
    .for('update');
  return rows[0]?.status ?? null;
}

export async function setImportResult(db: Db, id: string, status: string, result: unknown): Promise<void> {
  await db.update(importFiles).set({ status, result }).where(eq(importFiles.id, id));
}

export async function findMapping(
  db: Db,
  schoolId: string,
  kind: string,
): Promise<Record<string, string | null> | null> {
  const rows = await db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(and(eq(importMappings.schoolId, schoolId), eq(importMappings.kind, kind)));
  return (rows[0]?.mapping as Record<string, string | null> | undefined) ?? null;
}

export async function saveMapping(
  db: Db,
  schoolId: string,
  kind: string,
  mapping: Record<string, string | null>,
): Promise<void> {
  await db
    .insert(importMappings)
    .values({ schoolId, kind, mapping })
    .onConflictDoUpdate({
      target: [importMappings.schoolId, importMappings.kind],
      set: { mapping, updatedAt: now() },
    });
}

/** Updates many students of one school in one statement per batch. */
export async function updateStudentsBulk(
  db: Db,
  rows: {
    id: string;
    firstName: string;
    lastName: string;
    classLabel: string;
    grade: number | null;
    course: number | null;
    birthDate: string | null;
    gender: string | null;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}::uuid, ${r.firstName}, ${r.lastName}, ${r.classLabel}, ${r.grade}::smallint, ${r.course}::smallint, ${r.birthDate}::date, ${r.gender})`,
    ),
    sql`, `,
  );
  await db.execute(sql`
    update ${students} as s set
      first_name = v.first_name, last_name = v.last_name, class_label = v.class_label,
      grade = v.grade, course = v.course, birth_date = v.birth_date, gender = v.gender, updated_at = now()
    from (values ${values}) as v(id, first_name, last_name, class_label, grade, course, birth_date, gender)
    where s.id = v.id`);
}

/**
 * Takes the school's import lock unless another import holds it and has not expired; true when
 * taken. One row per school, so it holds across app instances on PostgreSQL as well as on PGlite.
 */
export async function takeImportLock(
  db: Db,
  lock: { schoolId: string; token: string; startedAt: Date; expiresAt: Date },
): Promise<boolean> {
  const rows = await db
    .insert(importLocks)
    .values(lock)
    .onConflictDoUpdate({
      target: importLocks.schoolId,
      set: { token: lock.token, startedAt: lock.startedAt, expiresAt: lock.expiresAt },
      setWhere: lt(importLocks.expiresAt, lock.startedAt),
    })
    .returning({ schoolId: importLocks.schoolId });
  return rows.length > 0;
}

/** Gives the school's import lock back (only the holder's own token removes it). */
export async function releaseImportLock(db: Db, schoolId: string, token: string): Promise<void> {
  await db.delete(importLocks).where(and(eq(importLocks.schoolId, schoolId), eq(importLocks.token, token)));
}
