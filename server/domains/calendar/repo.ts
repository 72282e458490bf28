import { and, desc, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import { semesters } from '../../db/schema.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { queryRows } from '../../platform/db.ts';

// Semesters, read by every domain that dates its records (through calendar/index.ts).

/** Every semester, newest first, with whether it is the current one (the latest begun). */
export async function findSemesters(db: Db) {
  const rows = await db.select().from(semesters).orderBy(desc(semesters.startsOn));
  const today = todayInLatvia();
  const current = rows.find((s) => s.startsOn <= today)?.id ?? null;
  return rows.map((s) => ({ ...s, current: s.id === current }));
}

/** The semester in progress (or the latest begun, in summer). */
export async function findCurrentSemester(db: Db) {
  const today = todayInLatvia();
  const rows = await db
    .select()
    .from(semesters)
    .where(lte(semesters.startsOn, today))
    .orderBy(desc(semesters.startsOn))
    .limit(1);
  return rows[0] ?? null;
}

export async function findSemester(db: Db, id: string) {
  const rows = await db.select().from(semesters).where(eq(semesters.id, id));
  return rows[0] ?? null;
}

/** The semester before the given one. */
export async function findPreviousSemester(db: Db, startsOn: string) {
  const rows = await db
    .select()
    .from(semesters)
    .where(sql`${semesters.startsOn} < ${startsOn}`)
    .orderBy(desc(semesters.startsOn))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertSemester(
  db: Db,
  values: { schoolYear: number; number: number; startsOn: string; endsOn: string },
) {
  const [row] = await db
    .insert(semesters)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: semesters.id });
  return row?.id ?? null;
}

/** Overlapping semesters (they must not overlap). */
export async function countOverlapping(db: Db, startsOn: string, endsOn: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(semesters)
    .where(and(lte(semesters.startsOn, endsOn), sql`${semesters.endsOn} >= ${startsOn}`));
  return Number(n);
}

/** The school years (the calendar year they start in) that have at least one semester. */
export async function findSchoolYearsPresent(db: Db, years: number[]): Promise<Set<number>> {
  const rows = await db
    .selectDistinct({ schoolYear: semesters.schoolYear })
    .from(semesters)
    .where(inArray(semesters.schoolYear, years));
  return new Set(rows.map((r) => r.schoolYear));
}

/** One semester, locked for an update of its dates. */
export async function findSemesterForUpdate(db: Db, id: string) {
  const rows = await db.select().from(semesters).where(eq(semesters.id, id)).for('update');
  return rows[0] ?? null;
}

/** Semesters other than `exceptId` that share a day with `startsOn..endsOn`. */
export async function countOverlappingOthers(
  db: Db,
  startsOn: string,
  endsOn: string,
  exceptId: string | null,
): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(semesters)
    .where(
      and(
        sql`${semesters.startsOn} <= ${endsOn}::date and ${semesters.endsOn} >= ${startsOn}::date`,
        exceptId ? ne(semesters.id, exceptId) : undefined,
      ),
    );
  return Number(n);
}

/**
 * Records that belong to a semester by date (e-journal entries, support sessions, payments,
 * risk findings and legal-duty notices) dated inside `from..to` but outside `newFrom..newTo`:
 * moving a semester's dates must not leave any of them outside it.
 */
export async function countRecordsLeftOutside(
  db: Db,
  semesterId: string,
  old: { from: string; to: string },
  next: { from: string; to: string },
): Promise<number> {
  const outside = (col: string) => {
    const c = sql.identifier(col);
    return sql`${c} between ${old.from}::date and ${old.to}::date and not (${c} between ${next.from}::date and ${next.to}::date)`;
  };
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select (
      (select count(*) from attendance where ${outside('on_date')}) +
      (select count(*) from marks where ${outside('on_date')}) +
      (select count(*) from behaviour_notes where ${outside('on_date')}) +
      (select count(*) from support_sessions where ${outside('on_date')}) +
      (select count(*) from economic_payments where semester_id = ${semesterId} and ${outside('on_date')}) +
      (select count(*) from student_risks where semester_id = ${semesterId} and ${outside('found_on')}) +
      (select count(*) from legal_duty_notices where semester_id = ${semesterId} and ${outside('informed_on')})
    )::int as n`,
  );
  return Number(row?.n ?? 0);
}

/** Sets a semester's dates. */
export async function updateSemesterDates(
  db: Db,
  id: string,
  startsOn: string,
  endsOn: string,
): Promise<void> {
  await db.update(semesters).set({ startsOn, endsOn }).where(eq(semesters.id, id));
}

/** Adds a semester unless its school year and number exist; returns whether it was added. */
export async function insertSemesterIfMissing(
  db: Db,
  values: { schoolYear: number; number: number; startsOn: string; endsOn: string },
): Promise<boolean> {
  const rows = await db
    .insert(semesters)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: semesters.id });
  return rows.length > 0;
}
