import {
  CHILD_INDICATORS,
  type IndicatorCode,
  type TReportCell,
  type TReportExportQuery,
  type TReportIndicator,
  type TReportIndicators,
} from '../../../common/api/reports.ts';
import type { Language } from '../../../common/roles.ts';
import { t, tOr } from '../../platform/i18n/index.ts';

/**
 * The report as tables for the exports (XLSX, CSV, PDF): one per indicator and one of the children,
 * with headings and labels in the caller's language, euros for cents, and "<5" where suppressed.
 * Values stay numbers (the spreadsheet formats them); texts are defused by the writers.
 */

export type TableValue = string | number | null;
export interface ReportTable {
  /** The indicator code or 'children' (a sheet's key). */
  code: IndicatorCode | 'children';
  title: string;
  heads: string[];
  rows: TableValue[][];
  /** The index of the total row, when the table has one (shown bold). */
  totalRow: number | null;
}

/** A text a spreadsheet would run as a formula (=, +, -, @, tab, return first) gets a leading apostrophe. */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const indicatorTitle = (lang: Language, code: IndicatorCode): string =>
  t(lang, `reports.indicators.${code}` as 'reports.indicators.iaps');

/** A key in words: a partner's or child's name, a status, a level, a category; else the key itself. */
function keyLabel(lang: Language, ind: TReportIndicator, cell: TReportCell): string {
  if (cell.label) return cell.label;
  if (cell.key === '') return indicatorTitle(lang, ind.code);
  if (ind.code === 'plans_by_status') return tOr(lang, `planStatus.${cell.key}`, cell.key);
  return tOr(lang, `reports.keys.${cell.key}`, tOr(lang, `measureWords.${cell.key}`, cell.key));
}

/** A figure as a table value: "<5" when suppressed, euros for cents. */
function tableValue(lang: Language, unit: string, cell: TReportCell): TableValue {
  if (cell.suppressed) return t(lang, 'reports.suppressed');
  if (cell.value === null) return null;
  return unit === 'cents' ? Math.round(cell.value) / 100 : cell.value;
}

function indicatorTable(lang: Language, ind: TReportIndicator): ReportTable {
  const rows: TableValue[][] = ind.cells.map((c) => [
    keyLabel(lang, ind, c),
    tableValue(lang, ind.unit, c),
    c.suppressed ? null : c.students,
  ]);
  let totalRow: number | null = null;
  if (ind.total) {
    totalRow = rows.length;
    rows.push([t(lang, 'reports.total'), tableValue(lang, ind.unit, ind.total), null]);
  }
  return {
    code: ind.code,
    title: indicatorTitle(lang, ind.code),
    heads: [t(lang, 'reports.key'), t(lang, 'reports.value'), t(lang, 'reports.students')],
    rows,
    totalRow,
  };
}

function childrenTable(lang: Language, a: TReportIndicators): ReportTable {
  const values = (cells: TReportIndicators['childrenTotal']) =>
    CHILD_INDICATORS.map((k) => {
      const c = cells.find((x) => x.key === k);
      return c ? tableValue(lang, 'students', c) : null;
    });
  return {
    code: 'children',
    title: t(lang, 'reports.children'),
    heads: [t(lang, 'reports.childOrg'), ...CHILD_INDICATORS.map((k) => indicatorTitle(lang, k))],
    rows: [
      ...a.children.map((ch) => [ch.org.name, ...values(ch.cells)]),
      [`${t(lang, 'reports.total')}: ${a.org.name}`, ...values(a.childrenTotal)],
    ],
    totalRow: a.children.length,
  };
}

/** The tables of an answer: every indicator's and the children's, or the one asked for. */
export function reportTables(
  lang: Language,
  a: TReportIndicators,
  table?: TReportExportQuery['table'],
): ReportTable[] {
  const all = [...a.indicators.map((i) => indicatorTable(lang, i)), childrenTable(lang, a)];
  return table ? all.filter((x) => x.code === table) : all;
}

/** "2026./2027. m. g. 1. semestris" / "2026/2027, semester 1" for a period. */
export function periodLabel(lang: Language, p: { schoolYear: number; semester: number | null }): string {
  const year = p.schoolYear;
  return p.semester === null
    ? t(lang, 'reports.schoolYear', { year, nextYear: year + 1 })
    : t(lang, 'reports.semester', { year, nextYear: year + 1, number: p.semester });
}
