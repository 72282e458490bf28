import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { riskItems, riskItemVersions, studentRisks, users } from '../../db/schema.ts';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';

/** The catalogue with each item's latest wording. */
export async function findCatalogue(db: Db) {
  return db
    .select({
      id: riskItems.id,
      code: riskItems.code,
      riskType: riskItems.riskType,
      sensitive: riskItems.sensitive,
      source: riskItems.source,
      retiredAt: riskItems.retiredAt,
      version: riskItemVersions.version,
      versionId: riskItemVersions.id,
      nameLv: riskItemVersions.nameLv,
      nameEn: riskItemVersions.nameEn,
      descriptionLv: riskItemVersions.descriptionLv,
      descriptionEn: riskItemVersions.descriptionEn,
    })
    .from(riskItems)
    .innerJoin(
      riskItemVersions,
      and(
        eq(riskItemVersions.itemId, riskItems.id),
        sql`${riskItemVersions.version} = (select max(v.version) from risk_item_versions v where v.item_id = ${riskItems.id})`,
      ),
    )
    .orderBy(asc(riskItems.sortOrder), asc(riskItems.code));
}

export async function findRiskItem(db: Db, id: string) {
  return (await findCatalogue(db)).find((r) => r.id === id) ?? null;
}

export async function codeExists(db: Db, code: string): Promise<boolean> {
  return (await db.select({ id: riskItems.id }).from(riskItems).where(eq(riskItems.code, code))).length > 0;
}

export async function insertRiskItem(
  db: Db,
  values: { code: string; riskType: string; sensitive: boolean },
): Promise<string> {
  const [{ n }] = await db.select({ n: sql<number>`coalesce(max(sort_order), 0)::int` }).from(riskItems);
  const [row] = await db
    .insert(riskItems)
    .values({ ...values, sortOrder: Number(n) + 1 })
    .returning({ id: riskItems.id });
  return row.id;
}

export async function insertRiskVersion(
  db: Db,
  itemId: string,
  version: number,
  text: { nameLv: string; nameEn: string; descriptionLv: string; descriptionEn: string },
  createdBy: string | null,
) {
  await db.insert(riskItemVersions).values({ itemId, version, ...text, createdBy });
}

export async function setRiskRetired(db: Db, itemId: string, retired: boolean): Promise<void> {
  await db
    .update(riskItems)
    .set({ retiredAt: retired ? now() : null })
    .where(eq(riskItems.id, itemId));
}

/** A student's risk records (all semesters), newest first, with the wording they were made with. */
export async function findStudentRisks(db: Db, studentId: string) {
  return db
    .select({
      id: studentRisks.id,
      semesterId: studentRisks.semesterId,
      riskType: riskItems.riskType,
      sensitive: riskItems.sensitive,
      riskCode: riskItems.code,
      nameLv: riskItemVersions.nameLv,
      nameEn: riskItemVersions.nameEn,
      justification: studentRisks.justification,
      foundOn: studentRisks.foundOn,
      foundByFirst: users.firstName,
      foundByLast: users.lastName,
      removedAt: studentRisks.removedAt,
    })
    .from(studentRisks)
    .innerJoin(riskItemVersions, eq(riskItemVersions.id, studentRisks.riskVersionId))
    .innerJoin(riskItems, eq(riskItems.id, riskItemVersions.itemId))
    .leftJoin(users, eq(users.id, studentRisks.foundBy))
    .where(eq(studentRisks.studentId, studentId))
    .orderBy(desc(studentRisks.foundOn), asc(riskItems.sortOrder));
}

/** Whether the student already has this item recorded (and not removed) in the semester. */
export async function activeRiskExists(
  db: Db,
  studentId: string,
  semesterId: string,
  itemId: string,
): Promise<boolean> {
  // The record carries its item (one active record per student, item and semester).
  const rows = await db
    .select({ id: studentRisks.id })
    .from(studentRisks)
    .where(
      and(
        eq(studentRisks.studentId, studentId),
        eq(studentRisks.semesterId, semesterId),
        eq(studentRisks.riskItemId, itemId),
        isNull(studentRisks.removedAt),
      ),
    );
  return rows.length > 0;
}

/** The active record of the version's item for the student in the semester, if there is one. */
export async function findActiveRiskOfItem(
  db: Db,
  studentId: string,
  semesterId: string,
  riskVersionId: string,
): Promise<string | null> {
  const rows = await db
    .select({ id: studentRisks.id })
    .from(studentRisks)
    .innerJoin(riskItemVersions, eq(riskItemVersions.itemId, studentRisks.riskItemId))
    .where(
      and(
        eq(studentRisks.studentId, studentId),
        eq(studentRisks.semesterId, semesterId),
        eq(riskItemVersions.id, riskVersionId),
        isNull(studentRisks.removedAt),
      ),
    );
  return rows[0]?.id ?? null;
}

export async function insertStudentRisk(
  db: Db,
  values: {
    studentId: string;
    semesterId: string;
    riskVersionId: string;
    justification: string;
    foundOn: string;
    foundBy: string | null;
  },
): Promise<string> {
  // The item comes from the version, so the partial unique index (one active record per student,
  // item and semester) holds for every caller, including the demo loader and plan continuation.
  const riskItemId = sql`(select ${riskItemVersions.itemId} from ${riskItemVersions} where ${riskItemVersions.id} = ${values.riskVersionId})`;
  const [row] = await db
    .insert(studentRisks)
    .values({ ...values, riskItemId: riskItemId as unknown as string })
    .returning({ id: studentRisks.id });
  return row.id;
}

export async function findStudentRisk(db: Db, studentId: string, id: string) {
  const rows = await db
    .select({ id: studentRisks.id, removedAt: studentRisks.removedAt })
    .from(studentRisks)
    .where(and(eq(studentRisks.id, id), eq(studentRisks.studentId, studentId)));
  return rows[0] ?? null;
}

/** Marks a risk record removed; it stays in the history. */
export async function removeStudentRisk(db: Db, id: string, removedBy: string | null): Promise<void> {
  await db.update(studentRisks).set({ removedAt: now(), removedBy }).where(eq(studentRisks.id, id));
}

/** The catalogue version a student's risk record was made with. */
export async function findRiskVersionIdOfRecord(db: Db, studentRiskId: string): Promise<string | null> {
  const rows = await db
    .select({ v: studentRisks.riskVersionId })
    .from(studentRisks)
    .where(eq(studentRisks.id, studentRiskId));
  return rows[0]?.v ?? null;
}
