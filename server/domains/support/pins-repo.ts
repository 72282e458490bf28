import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { organisations, studentPins, students } from '../../db/schema.ts';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { type StudentScope, studentVisible } from '../students/index.ts';

/** An enrolled student of the request, with whether a PIN is set. */
export interface PinCandidate {
  id: string;
  firstName: string;
  lastName: string;
  classLabel: string;
  schoolPath: string;
  hasPin: boolean;
}

/**
 * The enrolled students of one school the scope sees, of a class or from a list of ids, in name
 * order. At most `limit` rows (the caller asks for one more than it allows, to see "too many").
 */
export async function findPinCandidates(
  db: Db,
  scope: StudentScope,
  v: { schoolId: string; classLabel?: string; studentIds?: string[]; limit: number },
): Promise<PinCandidate[]> {
  const which = v.studentIds
    ? inArray(students.id, v.studentIds)
    : eq(students.classLabel, v.classLabel ?? '');
  const rows = await db
    .select({
      id: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      classLabel: students.classLabel,
      schoolPath: organisations.path,
      hasPin: sql<boolean>`exists (select 1 from student_pins sp where sp.student_id = ${students.id})`,
    })
    .from(students)
    .innerJoin(organisations, eq(organisations.id, students.schoolId))
    .where(
      and(eq(students.schoolId, v.schoolId), eq(students.status, 'enrolled'), which, studentVisible(scope)),
    )
    .orderBy(asc(students.lastName), asc(students.firstName), asc(students.id))
    .limit(v.limit);
  return rows.map((r) => ({ ...r, hasPin: r.hasPin === true }));
}

/**
 * Stores new PIN hashes. `replace`: every row is written (upsert, failures reset). Otherwise only
 * students without a PIN get one; the ids actually written are returned, so the caller sees a
 * concurrent request that got there first.
 */
export async function writePins(
  db: Db,
  rows: { studentId: string; pinHash: string }[],
  by: string | null,
  replace: boolean,
): Promise<string[]> {
  const values = rows.map((r) => ({ studentId: r.studentId, pinHash: r.pinHash, setBy: by, setAt: now() }));
  const insert = db.insert(studentPins).values(values);
  const written = replace
    ? await insert
        .onConflictDoUpdate({
          target: studentPins.studentId,
          set: {
            pinHash: sql`excluded.pin_hash`,
            setBy: by,
            setAt: now(),
            failedAttempts: 0,
          },
        })
        .returning({ id: studentPins.studentId })
    : await insert.onConflictDoNothing().returning({ id: studentPins.studentId });
  return written.map((r) => r.id);
}
