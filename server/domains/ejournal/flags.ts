import type { TFlag } from '../../../common/api/ejournal.ts';
import type { Language } from '../../../common/roles.ts';
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

const num = (v: number, lang: Language, digits = 2) =>
  lang === 'lv' ? v.toFixed(digits).replace('.', ',') : v.toFixed(digits);

/** The flags a student's indicators raise, each saying why, in the user's language. */
export function flagsOf(r: IndicatorRow, lang: Language): TFlag[] {
  const lv = lang === 'lv';
  const flags: TFlag[] = [];
  const tUnj = Number(r.t_unjustified);
  if (r.unjustified_lessons > tUnj) {
    const v = r.unjustified_lessons;
    flags.push({
      key: 'unjustified',
      value: v,
      threshold: tUnj,
      message: lv
        ? `${v} neattaisnoti kavētas stundas šajā semestrī; vairāk nekā ${tUnj}`
        : `${v} unjustified lessons missed this semester; more than ${tUnj}`,
    });
  }
  const rate = r.attendance_rate === null ? null : Number(r.attendance_rate);
  const tRate = Number(r.t_attendance);
  if (rate !== null && rate < tRate) {
    const pct = num(rate * 100, lang, 1);
    const tp = num(tRate * 100, lang, 0);
    flags.push({
      key: 'attendance',
      value: rate,
      threshold: tRate,
      message: lv ? `Apmeklējums ${pct} %; zem ${tp} %` : `Attendance ${pct}%; below ${tp}%`,
    });
  }
  const tLow = Number(r.t_low_marks);
  if (r.low_marks >= tLow) {
    flags.push({
      key: 'low_marks',
      value: r.low_marks,
      threshold: tLow,
      message: lv
        ? `${r.low_marks} vērtējumi zem 4 vai „nv”; ${tLow} vai vairāk`
        : `${r.low_marks} marks below 4 or "nv"; ${tLow} or more`,
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
      message: lv
        ? `Vidējais vērtējums krities no ${num(prev, lang)} uz ${num(now, lang)}; par ${num(tDrop, lang, 1)} vai vairāk`
        : `Average mark fell from ${num(prev, lang)} to ${num(now, lang)}; by ${num(tDrop, lang, 1)} or more`,
    });
  }
  const tBeh = Number(r.t_behaviour);
  if (r.behaviour_notes >= tBeh) {
    flags.push({
      key: 'behaviour',
      value: r.behaviour_notes,
      threshold: tBeh,
      message: lv
        ? `${r.behaviour_notes} negatīvi uzvedības ieraksti; ${tBeh} vai vairāk`
        : `${r.behaviour_notes} negative behaviour notes; ${tBeh} or more`,
    });
  }
  return flags;
}
