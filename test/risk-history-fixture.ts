import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { makeNewPersonalCode } from '../common/personal-code.ts';
import { type Database, queryRows } from '../server/platform/db.ts';

/**
 * A labelled history for the advisory risk score (issue 15), written straight into the tables: in
 * `semester`, at each of `schoolIds` in turn, `positives` students who then did not pass the year
 * (repeats it) with many low marks and unjustified lessons, and `negatives` who continued with few —
 * separable, with some overlap — each with an outcome in the semester's school year. Genders alternate
 * in both groups, so a model that read gender would gain nothing (it must not read it at all).
 */
export async function writeRiskHistory(
  database: Database,
  o: {
    semesterId: string;
    schoolYear: number;
    schoolIds: string[];
    positives: number;
    negatives: number;
  },
): Promise<{ studentIds: { failed: string[]; passed: string[] } }> {
  const failed: string[] = [];
  const passed: string[] = [];
  const total = o.positives + o.negatives;
  const base = 60_000_000 + Math.floor(Math.random() * 3_000) * 10_000;
  await database.withTx(async (tx) => {
    for (let i = 0; i < total; i += 1) {
      const isFailed = i < o.positives;
      const id = randomUUID();
      const schoolId = o.schoolIds[i % o.schoolIds.length] as string;
      // Overlap: every fifth student of each group looks like the other group on one indicator.
      const odd = i % 5 === 0;
      const low = isFailed ? (odd ? 0 : 2 + (i % 3)) : odd ? 1 : 0;
      const unjustified = isFailed ? 18 + (i % 15) : odd ? 22 : i % 8;
      const average = isFailed ? 4.2 + (i % 10) / 10 : 6 + (i % 20) / 10;
      await queryRows(
        tx,
        sql`insert into students (id, personal_code, first_name, last_name, school_id, class_label, grade, gender)
            values (${id}, ${makeNewPersonalCode(base + i * 10)}, 'Vēsture', ${`Skolēns${i}`}, ${schoolId}, '8.r', 8,
                    ${i % 2 === 0 ? 'female' : 'male'})`,
      );
      await queryRows(
        tx,
        sql`insert into student_indicators (student_id, semester_id, school_id, unjustified_lessons,
              justified_lessons, other_lessons, low_marks, mark_average, behaviour_notes)
            values (${id}, ${o.semesterId}, ${schoolId}, ${unjustified}, ${i % 7}, 0, ${low}, ${average.toFixed(2)}, ${i % 3})`,
      );
      await queryRows(
        tx,
        sql`insert into student_outcomes (student_id, school_year, school_id, outcome)
            values (${id}, ${o.schoolYear}, ${schoolId}, ${isFailed ? 'repeats_year' : 'continues'})`,
      );
      (isFailed ? failed : passed).push(id);
    }
  });
  return { studentIds: { failed, passed } };
}
