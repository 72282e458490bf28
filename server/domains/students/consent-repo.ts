import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { applications, guardians, organisations, storedFiles, studentMoves } from '../../db/schema.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';

const guardianColumns = {
  id: guardians.id,
  firstName: guardians.firstName,
  lastName: guardians.lastName,
  relation: guardians.relation,
  phone: guardians.phone,
  email: guardians.email,
  language: guardians.language,
};

export async function findGuardians(db: Db, studentId: string) {
  return db
    .select(guardianColumns)
    .from(guardians)
    .where(eq(guardians.studentId, studentId))
    .orderBy(asc(guardians.createdAt));
}

export async function findGuardian(db: Db, studentId: string, guardianId: string) {
  const rows = await db
    .select(guardianColumns)
    .from(guardians)
    .where(and(eq(guardians.id, guardianId), eq(guardians.studentId, studentId)));
  return rows[0] ?? null;
}

type GuardianValues = {
  firstName: string;
  lastName: string;
  relation: string;
  phone: string | null;
  email: string | null;
  language: string;
};

export async function insertGuardian(db: Db, studentId: string, values: GuardianValues): Promise<string> {
  const [row] = await db
    .insert(guardians)
    .values({ studentId, ...values })
    .returning({ id: guardians.id });
  return row.id;
}

export async function updateGuardian(
  db: Db,
  studentId: string,
  guardianId: string,
  values: GuardianValues,
): Promise<void> {
  await db
    .update(guardians)
    .set(values)
    .where(and(eq(guardians.id, guardianId), eq(guardians.studentId, studentId)));
}

/** Deletes a guardian unless an application names them (the caller checks). */
export async function deleteGuardian(db: Db, studentId: string, guardianId: string): Promise<void> {
  await db.delete(guardians).where(and(eq(guardians.id, guardianId), eq(guardians.studentId, studentId)));
}

export async function countApplicationsByGuardian(db: Db, guardianId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(applications)
    .where(eq(applications.guardianId, guardianId));
  return Number(n);
}

export async function findApplications(db: Db, studentId: string) {
  return db
    .select({
      id: applications.id,
      signedOn: applications.signedOn,
      signerType: applications.signerType,
      guardianId: applications.guardianId,
      signerName: applications.signerName,
      scope: applications.scope,
      documentRef: applications.documentRef,
      withdrawnOn: applications.withdrawnOn,
      withdrawalReason: applications.withdrawalReason,
      createdAt: applications.createdAt,
      inForce: sql<boolean>`(${applications.signedOn} <= ${todayInLatvia()}::date and (${applications.withdrawnOn} is null or ${applications.withdrawnOn} > ${todayInLatvia()}::date))`,
      fileId: storedFiles.id,
      fileName: storedFiles.fileName,
      fileContentType: storedFiles.contentType,
      fileSize: storedFiles.size,
    })
    .from(applications)
    .leftJoin(storedFiles, eq(storedFiles.id, applications.fileId))
    .where(eq(applications.studentId, studentId))
    .orderBy(desc(applications.signedOn), desc(applications.createdAt));
}

export async function insertApplication(
  db: Db,
  values: {
    studentId: string;
    signedOn: string;
    signerType: string;
    guardianId: string | null;
    signerName: string;
    scope: string;
    documentRef: string | null;
    createdBy: string | null;
  },
): Promise<string> {
  const [row] = await db.insert(applications).values(values).returning({ id: applications.id });
  return row.id;
}

export async function findApplication(db: Db, studentId: string, applicationId: string) {
  const rows = await db
    .select({
      id: applications.id,
      withdrawnOn: applications.withdrawnOn,
      fileId: applications.fileId,
      signedOn: applications.signedOn,
    })
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.studentId, studentId)));
  return rows[0] ?? null;
}

export async function withdrawApplication(
  db: Db,
  applicationId: string,
  withdrawnOn: string,
  reason: string | null,
): Promise<void> {
  await db
    .update(applications)
    .set({ withdrawnOn, withdrawalReason: reason })
    .where(eq(applications.id, applicationId));
}

export async function attachApplicationFile(db: Db, applicationId: string, fileId: string): Promise<void> {
  await db.update(applications).set({ fileId }).where(eq(applications.id, applicationId));
}

const fromSchool = alias(organisations, 'from_school');
const toSchool = alias(organisations, 'to_school');

export async function findMoves(db: Db, studentId: string) {
  return db
    .select({
      id: studentMoves.id,
      movedOn: studentMoves.movedOn,
      fromSchoolName: fromSchool.name,
      toSchoolName: toSchool.name,
    })
    .from(studentMoves)
    .innerJoin(fromSchool, eq(fromSchool.id, studentMoves.fromSchoolId))
    .innerJoin(toSchool, eq(toSchool.id, studentMoves.toSchoolId))
    .where(eq(studentMoves.studentId, studentId))
    .orderBy(desc(studentMoves.movedOn));
}

export async function insertMove(
  db: Db,
  values: {
    studentId: string;
    fromSchoolId: string;
    toSchoolId: string;
    movedOn: string;
    reason: string | null;
    createdBy: string | null;
  },
): Promise<string> {
  const [row] = await db.insert(studentMoves).values(values).returning({ id: studentMoves.id });
  return row.id;
}

/** Bulk insert for demo data and imports; returns ids in order. */
export async function insertGuardians(
  db: Db,
  values: (GuardianValues & { studentId: string })[],
): Promise<string[]> {
  if (values.length === 0) return [];
  const rows = await db.insert(guardians).values(values).returning({ id: guardians.id });
  return rows.map((r) => r.id);
}

export async function insertApplications(
  db: Db,
  values: {
    studentId: string;
    signedOn: string;
    signerType: string;
    guardianId: string | null;
    signerName: string;
    scope: string;
    documentRef: string | null;
    createdBy: string | null;
  }[],
): Promise<void> {
  if (values.length > 0) await db.insert(applications).values(values);
}
