import { sql } from 'drizzle-orm';
import type { FlagKey } from '../../../common/api/ejournal.ts';
import { failedOutcome } from '../../../common/api/flag-validation.ts';
import type { Outcome } from '../../../common/api/reports.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';
import {
  DEFAULT_FLAG_SETTINGS,
  type FlagInputs,
  type FlagSettings,
  flagInputColumns,
  thresholdJoins,
} from '../ejournal/index.ts';
import type { RiskInputs } from './model.ts';

/**
 * A semester's indicators with what became of each student (issue 15): what the flag validation
 * report judges the flags on and what the risk score is fitted on (past semesters) or scores
 * (the current one). One row per student with indicators in the semester at a school in scope
 * (the school the indicators were computed at, so a student who moved since counts where they were).
 */
export interface LabelledRow {
  studentId: string;
  schoolId: string;
  schoolPath: string;
  gender: string | null;
  grade: number | null;
  flags: FlagInputs;
  /** The thresholds in force for the school now, and the flags switched off. */
  settings: FlagSettings;
  risk: RiskInputs;
  outcome: Outcome | null;
  /** Did not pass the year or left education; null when no outcome is recorded for the year. */
  failed: boolean | null;
}

interface Raw {
  student_id: string;
  school_id: string;
  school_path: string;
  gender: string | null;
  grade: number | null;
  unjustified_lessons: number;
  justified_lessons: number;
  other_lessons: number;
  low_marks: number;
  mark_average: string | null;
  previous_average: string | null;
  behaviour_notes: number;
  attendance_rate: string | null;
  t_unjustified: number;
  t_low_marks: number;
  t_average_drop: string;
  t_behaviour: number;
  t_attendance: string;
  t_disabled?: FlagKey[] | null;
  years_not_passed: number;
  outcome: Outcome | null;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/** The labelled rows of one semester for the schools under `scope` (organisation paths). */
export async function findLabelledRows(
  db: Db,
  semester: { id: string; schoolYear: number; startsOn: string; endsOn: string },
  scope: string[],
): Promise<LabelledRow[]> {
  const rows = await queryRows<Raw>(
    db,
    sql`select i.student_id, i.school_id, o.path as school_path, s.gender, s.grade,
        i.unjustified_lessons, i.justified_lessons, i.other_lessons, i.low_marks, i.mark_average, i.previous_average,
        i.behaviour_notes, ${flagInputColumns()},
        (select count(*)::int from student_outcomes so
          where so.student_id = i.student_id and so.school_year < ${semester.schoolYear} and so.outcome = 'repeats_year') as years_not_passed,
        sout.outcome
      from student_indicators i
        join students s on s.id = i.student_id
        join organisations o on o.id = i.school_id
        ${thresholdJoins}
        left join student_outcomes sout on sout.student_id = i.student_id and sout.school_year = ${semester.schoolYear}
      where i.semester_id = ${semester.id} and ${pathInScope(sql`o.path`, scope)}
      order by i.student_id`,
  );
  return rows.map((r) => {
    const flags: FlagInputs = {
      unjustifiedLessons: Number(r.unjustified_lessons),
      attendanceRate: num(r.attendance_rate),
      lowMarks: Number(r.low_marks),
      markAverage: num(r.mark_average),
      previousAverage: num(r.previous_average),
      behaviourNotes: Number(r.behaviour_notes),
    };
    return {
      studentId: r.student_id,
      schoolId: r.school_id,
      schoolPath: r.school_path,
      gender: r.gender,
      grade: r.grade === null ? null : Number(r.grade),
      flags,
      settings: {
        unjustifiedLessons: Number(r.t_unjustified),
        attendanceRate: Number(r.t_attendance),
        lowMarks: Number(r.t_low_marks),
        averageDrop: Number(r.t_average_drop),
        behaviourNotes: Number(r.t_behaviour),
        disabledFlags: r.t_disabled ?? DEFAULT_FLAG_SETTINGS.disabledFlags,
      },
      risk: {
        unjustifiedLessons: flags.unjustifiedLessons,
        missedLessons: Number(r.unjustified_lessons) + Number(r.justified_lessons) + Number(r.other_lessons),
        yearsNotPassed: Number(r.years_not_passed),
        lowMarks: flags.lowMarks,
        markAverage: flags.markAverage,
        previousAverage: flags.previousAverage,
        behaviourNotes: flags.behaviourNotes,
      },
      outcome: r.outcome,
      failed: failedOutcome(r.outcome),
    };
  });
}
