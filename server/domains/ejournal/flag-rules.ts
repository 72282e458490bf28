import type { FlagKey } from '../../../common/api/ejournal.ts';

/**
 * The early-warning flags as one pure rule (issue 15): the watch list's SQL (flag-count-repo.ts),
 * `flagsOf` and the evaluations on data (the flag validation report, `cli evaluate-flags`) all mean
 * exactly this. A flag is raised when its indicator passes its threshold and the flag is not switched
 * off for the organisation.
 */

/** A student's indicators in one semester, as the flags read them. */
export interface FlagInputs {
  unjustifiedLessons: number;
  /** Present ÷ lessons held (see flag-count-repo.ts); null when nothing is known. */
  attendanceRate: number | null;
  /** Subjects whose latest mark this semester is below 4 or `nv`. */
  lowMarks: number;
  markAverage: number | null;
  previousAverage: number | null;
  behaviourNotes: number;
}

/** The thresholds in force and the flags switched off. */
export interface FlagSettings {
  unjustifiedLessons: number;
  attendanceRate: number;
  lowMarks: number;
  averageDrop: number;
  behaviourNotes: number;
  disabledFlags: readonly FlagKey[];
}

/**
 * The defaults where neither the municipality nor the nation has set its own. `average_drop` is off:
 * on real students' data it added only false alarms (README, "Early-warning flags that prove themselves").
 */
export const DEFAULT_FLAG_SETTINGS: FlagSettings = {
  unjustifiedLessons: 20,
  attendanceRate: 0.85,
  lowMarks: 1,
  averageDrop: 1,
  behaviourNotes: 3,
  disabledFlags: ['average_drop'],
};

/** Whether one flag's condition holds, whether or not the flag is switched on. */
export function flagCondition(key: FlagKey, x: FlagInputs, s: FlagSettings): boolean {
  switch (key) {
    case 'unjustified':
      return x.unjustifiedLessons > s.unjustifiedLessons;
    case 'attendance':
      return x.attendanceRate !== null && x.attendanceRate < s.attendanceRate;
    case 'low_marks':
      return x.lowMarks >= s.lowMarks;
    case 'average_drop':
      return (
        x.markAverage !== null &&
        x.previousAverage !== null &&
        // Rounded as the stored averages are, so 6.3 − 5.3 counts as a drop of 1.
        Math.round((x.previousAverage - x.markAverage) * 100) >= Math.round(s.averageDrop * 100)
      );
    case 'behaviour':
      return x.behaviourNotes >= s.behaviourNotes;
  }
}

const ORDER: readonly FlagKey[] = ['unjustified', 'attendance', 'low_marks', 'average_drop', 'behaviour'];

/** The flags raised, in the watch list's order. */
export function raisedFlags(x: FlagInputs, s: FlagSettings): FlagKey[] {
  return ORDER.filter((k) => !s.disabledFlags.includes(k) && flagCondition(k, x, s));
}
