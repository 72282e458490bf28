import { FLAG_KEYS, type FlagKey, type TFlag } from '../../../common/api/ejournal.ts';
import type { Language } from '../../../common/roles.ts';
import { formatDecimal, t } from '../../platform/i18n/index.ts';
import { type FlagInputs, type FlagSettings, raisedFlags } from './flag-rules.ts';
import type { IndicatorRow } from './watch-list-repo.ts';

/** A text[] as node-postgres (an array) or a driver that leaves it as text (`{a,b}`) returns it. */
function textArray(v: string[] | string | null): string[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  const inner = v.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map((x) => x.replace(/^"|"$/g, ''));
}

/** A watch-list row's indicators as the flag rules read them. */
export function flagInputsOf(r: IndicatorRow): FlagInputs {
  return {
    unjustifiedLessons: r.unjustified_lessons,
    attendanceRate: r.attendance_rate === null ? null : Number(r.attendance_rate),
    lowMarks: r.low_marks,
    markAverage: r.mark_average === null ? null : Number(r.mark_average),
    previousAverage: r.previous_average === null ? null : Number(r.previous_average),
    behaviourNotes: r.behaviour_notes,
  };
}

/** The settings in force for a watch-list row's school (its t_* columns). */
export function flagSettingsOf(r: IndicatorRow): FlagSettings {
  return {
    unjustifiedLessons: Number(r.t_unjustified),
    attendanceRate: Number(r.t_attendance),
    lowMarks: Number(r.t_low_marks),
    averageDrop: Number(r.t_average_drop),
    behaviourNotes: Number(r.t_behaviour),
    disabledFlags: textArray(r.t_disabled).filter((k): k is FlagKey =>
      (FLAG_KEYS as readonly string[]).includes(k),
    ),
  };
}

/** One raised flag with its value, threshold and the sentence saying why, in the user's language. */
function describe(key: FlagKey, x: FlagInputs, s: FlagSettings, lang: Language): TFlag {
  switch (key) {
    case 'unjustified':
      return {
        key,
        value: x.unjustifiedLessons,
        threshold: s.unjustifiedLessons,
        message: t(lang, 'flags.unjustified', {
          count: x.unjustifiedLessons,
          threshold: s.unjustifiedLessons,
        }),
      };
    case 'attendance': {
      const rate = x.attendanceRate as number;
      return {
        key,
        value: rate,
        threshold: s.attendanceRate,
        message: t(lang, 'flags.attendance', {
          rate: formatDecimal(lang, rate * 100, 1),
          threshold: formatDecimal(lang, s.attendanceRate * 100, 0),
        }),
      };
    }
    case 'low_marks':
      return {
        key,
        value: x.lowMarks,
        threshold: s.lowMarks,
        message: t(lang, 'flags.low_marks', { count: x.lowMarks, threshold: s.lowMarks }),
      };
    case 'average_drop': {
      const prev = x.previousAverage as number;
      const now = x.markAverage as number;
      return {
        key,
        value: Number((prev - now).toFixed(2)),
        threshold: s.averageDrop,
        message: t(lang, 'flags.average_drop', {
          previous: formatDecimal(lang, prev, 2),
          current: formatDecimal(lang, now, 2),
          threshold: formatDecimal(lang, s.averageDrop, 1),
        }),
      };
    }
    case 'behaviour':
      return {
        key,
        value: x.behaviourNotes,
        threshold: s.behaviourNotes,
        message: t(lang, 'flags.behaviour', { count: x.behaviourNotes, threshold: s.behaviourNotes }),
      };
  }
}

/** The flags a student's indicators raise (flag-rules.ts), each saying why, in the user's language. */
export function flagsOf(r: IndicatorRow, lang: Language): TFlag[] {
  const x = flagInputsOf(r);
  const s = flagSettingsOf(r);
  return raisedFlags(x, s).map((key) => describe(key, x, s, lang));
}
