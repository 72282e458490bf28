import {
  INDICATORS,
  type IndicatorCode,
  type TPeriodInfo,
  type TReportCell,
} from '../../../common/api/reports.ts';
import { formatEuro } from '../../../common/format.ts';
import type { Language } from '../../../common/roles.ts';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What a suppressed figure shows (the auditor view): "<5". */
export const SUPPRESSED_TEXT = '<5';

/** A number with the language's decimal mark and thousands grouping, `decimals` places. */
export function formatNumber(value: number, lang: Language, decimals = 0): string {
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'lv' ? '\u00a0' : ',');
  const sign = value < 0 ? '−' : '';
  return `${sign}${grouped}${fraction ? (lang === 'lv' ? ',' : '.') + fraction : ''}`;
}

/**
 * One figure in its indicator's unit: counts as whole numbers, hours with one decimal ("12,5 h"),
 * euros from cents ("1 234,50 €"), days and lessons with one decimal, marks with two. A budget's
 * consultation line is in minutes (shown as hours), its other lines in cents.
 */
export function formatValue(
  code: IndicatorCode,
  key: string,
  value: number,
  lang: Language,
  t: Translate,
): string {
  const unit = INDICATORS[code];
  switch (unit) {
    case 'hours':
      return t('reports.units.hours', { value: formatNumber(value, lang, 1) });
    case 'cents':
      return formatEuro(Math.round(value), lang);
    case 'budget':
      return key === 'consultation'
        ? t('reports.units.hours', { value: formatNumber(value / 60, lang, 1) })
        : formatEuro(Math.round(value), lang);
    case 'days':
      return t('reports.units.days', { value: formatNumber(value, lang, 1) });
    case 'lessons':
      return formatNumber(value, lang, 1);
    case 'mark':
      return formatNumber(value, lang, 2);
    default:
      return formatNumber(value, lang, 0);
  }
}

/** A cell as text: "<5" when suppressed, "–" when there is no figure, else the formatted value. */
export function cellText(
  code: IndicatorCode,
  cell: Pick<TReportCell, 'key' | 'value' | 'suppressed'> | undefined,
  lang: Language,
  t: Translate,
): string {
  if (!cell) return '–';
  if (cell.suppressed) return SUPPRESSED_TEXT;
  if (cell.value === null) return '–';
  return formatValue(code, cell.key, cell.value, lang, t);
}

/** Where each split indicator's keys get their names (existing translation sections where they exist). */
const KEY_SECTIONS: Partial<Record<IndicatorCode, string>> = {
  plans_by_status: 'plans.statuses',
  plans_waiting: 'reports.levels',
  approval_wait_days: 'reports.levels',
  risks_by_type: 'riskCatalogue.types',
  hours_by_specialist: 'plans.consultationTypes',
  euros_by_category: 'budgets.categories',
  budget_allocated: 'budgets.categories',
  budget_used: 'budgets.categories',
  referrals_by_status: 'referrals.statuses',
  measures_carried_out: 'reports.carriedOut',
  outcomes: 'yearOutcomes.values',
  attendance_before_after: 'reports.beforeAfter',
  marks_before_after: 'reports.beforeAfter',
};

/**
 * A cell's name: the translated status, type or category; the label the server sent for ids
 * (partners); the subject as it is; the indicator's own name for one-number indicators.
 */
export function keyLabel(
  code: IndicatorCode,
  cell: Pick<TReportCell, 'key' | 'label'>,
  t: Translate,
): string {
  if (cell.label) return cell.label;
  if (cell.key === '') return t(`reports.indicators.${code}`);
  const section = KEY_SECTIONS[code];
  if (section) return t(`${section}.${cell.key}`, { defaultValue: cell.key });
  return cell.key;
}

/** The indicators that are one number (key ''), shown as headline figures rather than charts. */
export const SINGLE_FIGURE_INDICATORS: readonly IndicatorCode[] = [
  'students_flagged',
  'students_with_risks',
  'students_with_plans',
  'students_supported',
  'iaps',
  'schools_taking_part',
  'municipalities_taking_part',
];

/** Whether an indicator is shown as a headline figure (one number) rather than a chart. */
export function isSingleFigure(code: IndicatorCode): boolean {
  return SINGLE_FIGURE_INDICATORS.includes(code);
}

/**
 * Whether a headline figure means something at an organisation's level: schools taking part only
 * above a school, municipalities taking part only for the nation.
 */
export function shownAt(code: IndicatorCode, orgType: 'nation' | 'municipality' | 'school'): boolean {
  if (code === 'schools_taking_part') return orgType !== 'school';
  if (code === 'municipalities_taking_part') return orgType === 'nation';
  return true;
}

/** "2026./2027. m. g." or "2026./2027. m. g. 1. semestris" (the plans' semester words). */
export function periodLabel(t: Translate, period: Pick<TPeriodInfo, 'schoolYear' | 'semester'>): string {
  const years = { from: period.schoolYear, to: period.schoolYear + 1 };
  return period.semester === null
    ? t('reports.schoolYearValue', years)
    : t('plans.semesterValue', { ...years, number: period.semester });
}

/** The address of a dashboard (the org and period in the URL, so back and a shared link work). */
export function dashboardHref(org: string | null, period: string | null): string {
  const search = new URLSearchParams();
  if (org) search.set('org', org);
  if (period) search.set('period', period);
  const text = search.toString();
  return text ? `/reports?${text}` : '/reports';
}

/** An export's address: /api/reports/<file>?org=&period=[&table=]. */
export function exportHref(
  file: 'export.xlsx' | 'export.csv' | 'report.pdf',
  org: string,
  period: string,
  table?: string,
): string {
  const search = new URLSearchParams({ org, period });
  if (table) search.set('table', table);
  return `/api/reports/${file}?${search.toString()}`;
}
