import { and, eq, sql } from 'drizzle-orm';
import { letters, letterTemplates, letterTemplateVersions, users } from '../../db/schema.ts';
import type { Db } from '../../platform/db.ts';
import { queryRows } from '../../platform/db.ts';

// Letters to guardians: the templates, the letters sent, and the student's latest plan.

/** Every template with the name of whoever saved it last. */
export async function findTemplates(db: Db) {
  return db
    .select({
      kind: letterTemplates.kind,
      language: letterTemplates.language,
      subject: letterTemplates.subject,
      body: letterTemplates.body,
      version: letterTemplates.version,
      updatedAt: letterTemplates.updatedAt,
      updatedByName: sql<
        string | null
      >`case when ${users.id} is null then null else ${users.firstName} || ' ' || ${users.lastName} end`,
    })
    .from(letterTemplates)
    .leftJoin(users, eq(users.id, letterTemplates.updatedBy))
    .orderBy(letterTemplates.kind, letterTemplates.language);
}

/** One template. */
export async function findTemplate(db: Db, kind: string, language: string) {
  const rows = await db
    .select({
      subject: letterTemplates.subject,
      body: letterTemplates.body,
      version: letterTemplates.version,
    })
    .from(letterTemplates)
    .where(and(eq(letterTemplates.kind, kind), eq(letterTemplates.language, language)));
  return rows[0] ?? null;
}

/** Saves a template as its next version and keeps that version; returns the new version number. */
export async function saveTemplate(
  db: Db,
  v: { kind: string; language: string; subject: string; body: string; by: string; at: Date },
): Promise<number | null> {
  const [row] = await db
    .update(letterTemplates)
    .set({
      subject: v.subject,
      body: v.body,
      version: sql`${letterTemplates.version} + 1`,
      updatedBy: v.by,
      updatedAt: v.at,
    })
    .where(and(eq(letterTemplates.kind, v.kind), eq(letterTemplates.language, v.language)))
    .returning({ version: letterTemplates.version });
  if (!row) return null;
  await db.insert(letterTemplateVersions).values({
    kind: v.kind,
    language: v.language,
    version: row.version,
    subject: v.subject,
    body: v.body,
    updatedBy: v.by,
    updatedAt: v.at,
  });
  return row.version;
}

/** The student's most recent plan that is not deleted (the one a letter is about by default). */
export async function findLatestPlanId(db: Db, studentId: string): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`select id from plans where student_id = ${studentId} and status <> 'deleted' order by created_at desc limit 1`,
  );
  return row?.id ?? null;
}

/**
 * Records a letter unless the same kind already went to the same guardian the same way that day (a
 * double submit); returns its id, or null for such a repeat.
 */
export async function insertLetter(
  db: Db,
  v: {
    studentId: string;
    schoolId: string;
    kind: string;
    language: string;
    guardianId: string;
    method: string;
    planId: string | null;
    templateVersion: number;
    fileId: string;
    sentBy: string;
    sentAt: Date;
    sentOn: string;
  },
): Promise<string | null> {
  const rows = await db.insert(letters).values(v).onConflictDoNothing().returning({ id: letters.id });
  return rows[0]?.id ?? null;
}

/** The letters sent to a student's guardians, newest first, with the names a list shows. */
export async function findLetters(db: Db, studentId: string, letterId?: string) {
  return queryRows<{
    id: string;
    kind: string;
    language: string;
    method: string;
    guardian_id: string;
    guardian_name: string;
    plan_code: string | null;
    sent_at: string | Date;
    sent_by_name: string;
    file_id: string;
    school_id: string;
  }>(
    db,
    sql`select l.id, l.kind, l.language, l.method, l.guardian_id, g.first_name || ' ' || g.last_name as guardian_name,
          p.code as plan_code, l.sent_at, u.first_name || ' ' || u.last_name as sent_by_name, l.file_id, l.school_id
        from letters l
          join guardians g on g.id = l.guardian_id
          join users u on u.id = l.sent_by
          left join plans p on p.id = l.plan_id
        where l.student_id = ${studentId} ${letterId ? sql`and l.id = ${letterId}` : sql``}
        order by l.sent_at desc, l.id desc
        limit 500`,
  );
}
