import { and, eq, lt } from 'drizzle-orm';
import { importFiles, importLocks, importMappings } from '../../db/schema.ts';
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
      rowCount: importFiles.rowCount,
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

/** Moves the expiry of the school's import lock on, if `token` still holds it. */
export async function renewImportLock(
  db: Db,
  schoolId: string,
  token: string,
  expiresAt: Date,
): Promise<void> {
  await db
    .update(importLocks)
    .set({ expiresAt })
    .where(and(eq(importLocks.schoolId, schoolId), eq(importLocks.token, token)));
}

/** Gives the school's import lock back (only the holder's own token removes it). */
export async function releaseImportLock(db: Db, schoolId: string, token: string): Promise<void> {
  await db.delete(importLocks).where(and(eq(importLocks.schoolId, schoolId), eq(importLocks.token, token)));
}
