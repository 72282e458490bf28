import { findProgrammeStudents, upsertOutcomes } from '../domains/outcomes/index.ts';
import { now } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import type { DemoCalendar } from './calendar.ts';

/** The demo's outcomes in turn; the third student is left without one, to be recorded. */
const ROUND = [
  'continues',
  'moved_school',
  null,
  'left_education',
  'repeats_year',
  'continues',
  'graduated',
  'extended_year',
] as const;

/**
 * Year-end outcomes for school 1's programme students of the previous semester's school year, when
 * that year is over (the previous semester belongs to an earlier school year than the current one:
 * from September to December). In spring the previous semester is in the current year, which has no
 * outcomes yet. Recorded by the school's coordinator; every eighth student, from the third, is left without one.
 */
export async function seedOutcomes(
  tx: Db,
  schoolId: string,
  users: Map<string, string>,
  cal: DemoCalendar,
): Promise<number> {
  const year = cal.previous.schoolYear;
  if (year >= cal.current.schoolYear) return 0;
  const students = await findProgrammeStudents(tx, schoolId, year);
  const at = now();
  const values = students.flatMap((s, i) => {
    const outcome = ROUND[i % ROUND.length];
    if (!outcome) return [];
    return [
      {
        studentId: s.student_id,
        schoolYear: year,
        schoolId,
        outcome,
        reason: outcome === 'left_education' ? 'Ģimene pārcēlās uz ārzemēm' : null,
        source: 'entered' as const,
        recordedBy: users.get('koord.s1') ?? null,
        at,
      },
    ];
  });
  await upsertOutcomes(tx, values);
  return values.length;
}
