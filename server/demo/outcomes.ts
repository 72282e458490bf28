import { sql } from 'drizzle-orm';
import type { Outcome } from '../../common/api/reports.ts';
import { findProgrammeStudents, type OutcomeValues, upsertOutcomes } from '../domains/outcomes/index.ts';
import { now } from '../platform/clock.ts';
import { type Db, queryRows } from '../platform/db.ts';
import type { DemoCalendar } from './calendar.ts';
import { seededRandom } from './random.ts';

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

/** Reasons for leaving education, in turn. */
const LEFT_REASONS = [
  'Ģimene pārcēlās uz ārzemēm',
  'Sāka strādāt',
  'Nepiedalījās mācībās, sazināties neizdevās',
];

/**
 * The chance that a student did not pass the year (repeats it, extended year, left education),
 * from the labelled semester's indicators as real data would have it: a mark below 4 and many
 * unjustified lessons weigh most, a low average and behaviour notes a little; a few students
 * without any of these fail too.
 */
export function failChance(i: {
  low_marks: number;
  unjustified_lessons: number;
  mark_average: number | null;
  behaviour_notes: number;
}): number {
  let p = 0.025;
  if (i.low_marks > 0) p += 0.6 + 0.05 * Math.min(i.low_marks - 1, 4);
  if (i.unjustified_lessons > 20) p += 0.55;
  else if (i.unjustified_lessons > 10) p += 0.05;
  if (i.mark_average !== null && i.mark_average < 5) p += 0.1;
  if (i.behaviour_notes >= 3) p += 0.1;
  return Math.min(p, 0.95);
}

interface Indicated {
  student_id: string;
  school_id: string;
  grade: number | null;
  low_marks: number;
  unjustified_lessons: number;
  mark_average: string | null;
  behaviour_notes: number;
}

/**
 * Year-end outcomes of the last completed school year (`cal.labelled`'s) for every demo student
 * with indicators in its final semester, at the school the indicators were computed at (issue 15's
 * labelled history), drawn with `failChance` — about 10–20 % did not pass — and, for a few (mostly
 * those failing then), 'repeats_year' in the year before (years not passed). Programme students of
 * the year are left to `seedOutcomes` (the outcomes page's demo). Recorded as an import by each
 * school's coordinator. Answers how many outcomes of the labelled year were stored.
 */
export async function seedYearOutcomes(
  tx: Db,
  coordinators: Map<string, string>,
  cal: DemoCalendar,
): Promise<number> {
  const year = cal.labelled.schoolYear;
  const rows = await queryRows<Indicated>(
    tx,
    sql`select i.student_id, i.school_id, s.grade, i.low_marks, i.unjustified_lessons, i.mark_average::text,
               i.behaviour_notes
          from student_indicators i join students s on s.id = i.student_id
         where i.semester_id = ${cal.labelled.id}
           and not exists (select 1 from plans p join semesters se on se.id = p.semester_id
                            where p.student_id = i.student_id and se.school_year = ${year}
                              and p.status <> 'deleted' and p.version > 0)
         order by i.student_id`,
  );
  const rand = seededRandom(20261206);
  const at = now();
  const values: OutcomeValues[] = [];
  const earlier: OutcomeValues[] = [];
  const value = (r: Indicated, schoolYear: number, outcome: Outcome, reason: string | null) => ({
    studentId: r.student_id,
    schoolYear,
    schoolId: r.school_id,
    outcome,
    reason,
    source: 'import' as const,
    recordedBy: coordinators.get(r.school_id) ?? null,
    at,
  });
  let left = 0;
  for (const r of rows) {
    const indicators = {
      low_marks: Number(r.low_marks),
      unjustified_lessons: Number(r.unjustified_lessons),
      mark_average: r.mark_average === null ? null : Number(r.mark_average),
      behaviour_notes: Number(r.behaviour_notes),
    };
    const chance = failChance(indicators);
    const failed = rand() < chance;
    const older = r.grade === null || Number(r.grade) >= 10;
    const u = rand();
    let outcome: Outcome;
    if (failed) outcome = older && u < 0.2 ? 'left_education' : u < 0.6 ? 'repeats_year' : 'extended_year';
    else outcome = u < 0.03 ? 'moved_school' : 'continues';
    const reason = outcome === 'left_education' ? LEFT_REASONS[left++ % LEFT_REASONS.length] : null;
    values.push(value(r, year, outcome, reason));
    if (rand() < 0.01 + 0.1 * chance) earlier.push(value(r, year - 1, 'repeats_year', null));
  }
  await upsertOutcomes(tx, [...earlier, ...values]);
  return values.length;
}
