import {
  CHILD_INDICATORS,
  INDICATOR_CODES,
  INDICATORS,
  type IndicatorCode,
  OUTCOMES,
  type TReportCell,
  type TReportIndicator,
  type TReportIndicators,
} from '../../../common/api/reports.ts';
import type { FigureRow } from './repo.ts';
import { type Figure, type Group, suppress } from './suppress.ts';

/**
 * The indicators answer from the read model's rows: each indicator's cells and total, the children's
 * headline figures and the organisation's own; then, for the auditor, the suppression.
 */

/** Indicators whose cells add up to a total (counts, hours, cents); not medians, means, mixed budgets. */
export const ADDITIVE: ReadonlySet<IndicatorCode> = new Set<IndicatorCode>([
  'plans_by_status',
  'plans_waiting',
  'risks_by_type',
  'hours_by_subject',
  'hours_by_specialist',
  'euros_by_category',
  'referrals_by_partner',
  'referrals_by_status',
  'measures_carried_out',
  'outcomes',
]);

/** The key of an indicator's total cell. */
export const TOTAL_KEY = 'total';

const cellOf = (r: Pick<FigureRow, 'key' | 'value' | 'students'>, label?: string): TReportCell => ({
  key: r.key,
  ...(label !== undefined ? { label } : {}),
  value: r.value,
  students: r.students,
  suppressed: false,
});

/** Keys in the order a reader expects them (statuses along the plan's way, before then after ...). */
const KEY_ORDER = [
  ...['draft', 'in_approval', 'approved', 'in_progress', 'paused', 'under_revision', 'evaluated', 'closed'],
  ...['director', 'municipality', 'expert', 'yes', 'partly', 'no', 'before', 'after'],
  ...['consultation', 'transport', 'accommodation', 'meals', 'study_materials', 'personal_items'],
  ...['sent', 'received', 'in_progress', 'answered', 'withdrawn'],
  ...OUTCOMES,
];
const rank = (key: string) => {
  const i = KEY_ORDER.indexOf(key);
  return i < 0 ? KEY_ORDER.length : i;
};
const byKey = (a: TReportCell, b: TReportCell) =>
  rank(a.key) - rank(b.key) || (a.label ?? a.key).localeCompare(b.label ?? b.key, 'lv');

/** Every indicator of one organisation; `labels` names keys that are ids (partners). */
export function buildIndicators(rows: FigureRow[], labels: Map<string, string>): TReportIndicator[] {
  return INDICATOR_CODES.map((code) => {
    const own = rows.filter((r) => r.indicator === code);
    const cells = own
      .map((r) => cellOf(r, code === 'referrals_by_partner' ? (labels.get(r.key) ?? r.key) : undefined))
      .sort(byKey);
    // A one-number indicator with no row yet is a zero.
    if (cells.length === 0 && !ADDITIVE.has(code) && INDICATORS[code] !== 'days' && !isMean(code))
      cells.push(cellOf({ key: '', value: 0, students: 0 }));
    const total = ADDITIVE.has(code)
      ? cellOf({
          key: TOTAL_KEY,
          value: round2(cells.reduce((a, c) => a + (c.value ?? 0), 0)),
          students: null,
        })
      : null;
    return { code, unit: INDICATORS[code], cells, total };
  });
}

const isMean = (code: IndicatorCode) => code === 'attendance_before_after' || code === 'marks_before_after';
const round2 = (n: number) => Math.round(n * 100) / 100;

type HeadlineCell = TReportIndicators['childrenTotal'][number];

/** The headline figures of one organisation (a child's row of the children table, or the total row). */
export function headline(rows: FigureRow[]): HeadlineCell[] {
  return CHILD_INDICATORS.map((key) => {
    const r = rows.find((x) => x.indicator === key && x.key === '');
    return { ...cellOf({ key: '', value: r?.value ?? 0, students: r?.students ?? 0 }), key };
  });
}

/**
 * The auditor's suppression over one answer: a group per indicator with a total, a group per headline
 * column (the children's cells and the organisation's own), and each headline figure linked to the
 * same indicator's cell above, so it is hidden in both places or in neither.
 */
export function suppressIndicators(
  a: Pick<TReportIndicators, 'indicators' | 'children' | 'childrenTotal'>,
): void {
  const groups: Group[] = [];
  const loose: { unit: string; figure: Figure }[] = [];
  for (const ind of a.indicators) {
    if (ind.total) groups.push({ unit: ind.unit, members: ind.cells, total: ind.total });
    else for (const c of ind.cells) loose.push({ unit: ind.unit, figure: c });
  }
  const links: Figure[][] = [];
  for (const key of CHILD_INDICATORS) {
    const own = a.childrenTotal.find((c) => c.key === key);
    if (!own) continue;
    const members = a.children.map((ch) => ch.cells.find((c) => c.key === key)).filter((c) => !!c);
    groups.push({ unit: INDICATORS[key], members, total: own });
    const same = a.indicators.find((i) => i.code === key)?.cells.find((c) => c.key === '');
    if (same) links.push([own, same]);
  }
  suppress(groups, links, loose);
}
