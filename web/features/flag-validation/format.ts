import type { TEstimate } from '../../../common/api/flag-validation.ts';
import type { Language } from '../../../common/roles.ts';
import { formatNumber } from '../reports/report-format.ts';

/** "0,84 (0,78–0,89)": a proportion with its 95 % interval; "—" when there is nothing to divide. */
export function formatEstimate(e: TEstimate, lang: Language): string {
  if (e.value === null) return '—';
  const n = (v: number) => formatNumber(v, lang, 2);
  return e.low === null || e.high === null ? n(e.value) : `${n(e.value)} (${n(e.low)}–${n(e.high)})`;
}

/** A flag's threshold in its own unit (attendance rate as a share, average drop with one decimal). */
export function formatThreshold(key: string, value: number | null, lang: Language): string {
  if (value === null) return '—';
  if (key === 'attendance') return formatNumber(value, lang, 2);
  if (key === 'average_drop') return formatNumber(value, lang, 1);
  return formatNumber(value, lang, 0);
}
