import type { TFlag } from '../../../common/api/ejournal.ts';
import type { Language } from '../../../common/roles.ts';
import { formatDecimal, t } from '../../platform/i18n/index.ts';
import type { IndicatorRow } from './watch-list-repo.ts';

/** Weekdays from `from` to the earlier of `to` and `today`, inclusive (school days elapsed). */
export function schoolDaysElapsed(from: string, to: string, today: string): number {
  const end = to < today ? to : today;
  let n = 0;
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d.toISOString().slice(0, 10) <= end;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) n += 1;
  }
  return n;
}

/** The flags a student's indicators raise, each saying why, in the user's language. */
export function flagsOf(r: IndicatorRow, lang: Language): TFlag[] {
  const flags: TFlag[] = [];
  const tUnj = Number(r.t_unjustified);
  if (r.unjustified_lessons > tUnj) {
    const v = r.unjustified_lessons;
    flags.push({
      key: 'unjustified',
      value: v,
      threshold: tUnj,
      message: t(lang, 'flags.unjustified', { count: v, threshold: tUnj }),
    });
  }
  const rate = r.attendance_rate === null ? null : Number(r.attendance_rate);
  const tRate = Number(r.t_attendance);
  if (rate !== null && rate < tRate) {
    flags.push({
      key: 'attendance',
      value: rate,
      threshold: tRate,
      message: t(lang, 'flags.attendance', {
        rate: formatDecimal(lang, rate * 100, 1),
        threshold: formatDecimal(lang, tRate * 100, 0),
      }),
    });
  }
  const tLow = Number(r.t_low_marks);
  if (r.low_marks >= tLow) {
    flags.push({
      key: 'low_marks',
      value: r.low_marks,
      threshold: tLow,
      message: t(lang, 'flags.low_marks', { count: r.low_marks, threshold: tLow }),
    });
  }
  const now = r.mark_average === null ? null : Number(r.mark_average);
  const prev = r.previous_average === null ? null : Number(r.previous_average);
  const tDrop = Number(r.t_average_drop);
  if (now !== null && prev !== null && prev - now >= tDrop) {
    flags.push({
      key: 'average_drop',
      value: Number((prev - now).toFixed(2)),
      threshold: tDrop,
      message: t(lang, 'flags.average_drop', {
        previous: formatDecimal(lang, prev, 2),
        current: formatDecimal(lang, now, 2),
        threshold: formatDecimal(lang, tDrop, 1),
      }),
    });
  }
  const tBeh = Number(r.t_behaviour);
  if (r.behaviour_notes >= tBeh) {
    flags.push({
      key: 'behaviour',
      value: r.behaviour_notes,
      threshold: tBeh,
      message: t(lang, 'flags.behaviour', { count: r.behaviour_notes, threshold: tBeh }),
    });
  }
  return flags;
}
