import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../../common/api/reports.ts';
import budgetsEn from '../../i18n/en/budgets.json';
import outcomesEn from '../../i18n/en/outcomes.json';
import plansEn from '../../i18n/en/plans.json';
import referralsEn from '../../i18n/en/referrals.json';
import enFeatures from '../../i18n/en/reports.json';
import en from '../../i18n/en.json';
import budgetsLv from '../../i18n/lv/budgets.json';
import outcomesLv from '../../i18n/lv/outcomes.json';
import plansLv from '../../i18n/lv/plans.json';
import referralsLv from '../../i18n/lv/referrals.json';
import lvFeatures from '../../i18n/lv/reports.json';
import lv from '../../i18n/lv.json';
import {
  cellText,
  dashboardHref,
  exportHref,
  formatNumber,
  formatValue,
  isSingleFigure,
  keyLabel,
  periodLabel,
  SUPPRESSED_TEXT,
  shownAt,
} from './report-format.ts';

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  lng: 'lv',
  resources: {
    lv: { translation: { ...lv, ...plansLv, ...budgetsLv, ...referralsLv, ...outcomesLv, ...lvFeatures } },
    en: { translation: { ...en, ...plansEn, ...budgetsEn, ...referralsEn, ...outcomesEn, ...enFeatures } },
  },
  interpolation: { escapeValue: false },
});
const lvT = i18n.getFixedT('lv');
const enT = i18n.getFixedT('en');
const NBSP = '\u00a0';

describe('report figures in their units', () => {
  it('groups thousands and uses the decimal comma in Latvian, the point in English', () => {
    expect(formatNumber(1234567, 'lv')).toBe(`1${NBSP}234${NBSP}567`);
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(12.345, 'lv', 1)).toBe('12,3');
    expect(formatNumber(12.345, 'en', 2)).toBe('12.35');
  });

  it('shows hours with one decimal, euros from cents with two, days and marks', () => {
    expect(formatValue('hours_by_subject', 'Matemātika', 12.25, 'lv', lvT)).toBe('12,3 h');
    expect(formatValue('hours_by_specialist', 'psychologist', 3, 'en', enT)).toBe('3.0 h');
    expect(formatValue('euros_by_category', 'meals', 123450, 'lv', lvT)).toBe(`1${NBSP}234,50 €`);
    expect(formatValue('euros_by_category', 'meals', 123450, 'en', enT)).toBe('€1,234.50');
    expect(formatValue('approval_wait_days', 'director', 2.5, 'lv', lvT)).toBe('2,5 d.');
    expect(formatValue('marks_before_after', 'before', 5.4321, 'lv', lvT)).toBe('5,43');
    expect(formatValue('attendance_before_after', 'after', 7.25, 'en', enT)).toBe('7.3');
    expect(formatValue('students_with_plans', '', 2345, 'lv', lvT)).toBe(`2${NBSP}345`);
  });

  it('shows a budget’s consultation line (minutes) in hours and its other lines (cents) in euros', () => {
    expect(formatValue('budget_allocated', 'consultation', 90, 'lv', lvT)).toBe('1,5 h');
    expect(formatValue('budget_used', 'transport', 2500, 'lv', lvT)).toBe('25,00 €');
  });

  it('shows a suppressed cell as "<5" and a missing figure as a dash', () => {
    expect(cellText('iaps', { key: '', value: null, suppressed: true }, 'lv', lvT)).toBe(SUPPRESSED_TEXT);
    expect(SUPPRESSED_TEXT).toBe('<5');
    expect(cellText('iaps', { key: '', value: null, suppressed: false }, 'lv', lvT)).toBe('–');
    expect(cellText('iaps', undefined, 'lv', lvT)).toBe('–');
    expect(cellText('iaps', { key: '', value: 3, suppressed: false }, 'lv', lvT)).toBe('3');
  });
});

describe('report labels', () => {
  it('names keys with the existing translations (plan statuses, categories, referral statuses)', () => {
    expect(keyLabel('plans_by_status', { key: 'in_approval' }, lvT)).toBe('Saskaņošanā');
    expect(keyLabel('euros_by_category', { key: 'meals' }, lvT)).toBe('Ēdināšana');
    expect(keyLabel('hours_by_specialist', { key: 'psychologist' }, enT)).toBe('Psychologist');
    expect(keyLabel('referrals_by_status', { key: 'answered' }, lvT)).toBe('Atbildēts');
    expect(keyLabel('outcomes', { key: 'left_education' }, enT)).toBe('Left education');
    expect(keyLabel('plans_waiting', { key: 'municipality' }, lvT)).toBe('Pašvaldība');
  });

  it('takes a partner’s name from the label, a subject as it is, an unknown key as it is', () => {
    expect(keyLabel('referrals_by_partner', { key: 'a-uuid', label: 'Sociālais dienests' }, lvT)).toBe(
      'Sociālais dienests',
    );
    expect(keyLabel('hours_by_subject', { key: 'Matemātika' }, enT)).toBe('Matemātika');
    expect(keyLabel('plans_by_status', { key: 'something_new' }, lvT)).toBe('something_new');
  });

  it('has a name in both languages for every indicator', () => {
    for (const code of INDICATOR_CODES) {
      expect(i18n.exists(`reports.indicators.${code}`, { lng: 'lv' }), code).toBe(true);
      expect(i18n.exists(`reports.indicators.${code}`, { lng: 'en' }), code).toBe(true);
    }
  });

  it('labels a school year and a semester with the house words', () => {
    expect(periodLabel(lvT, { schoolYear: 2026, semester: null })).toBe('2026./2027. m. g.');
    expect(periodLabel(lvT, { schoolYear: 2026, semester: 1 })).toBe('2026./2027. m. g. 1. semestris');
    expect(periodLabel(enT, { schoolYear: 2026, semester: 2 })).toBe('2026/2027, semester 2');
  });

  it('keeps the organisation and period in the dashboard’s and the exports’ addresses', () => {
    expect(dashboardHref('o1', '2026-1')).toBe('/reports?org=o1&period=2026-1');
    expect(dashboardHref(null, null)).toBe('/reports');
    expect(exportHref('export.csv', 'o1', '2026', 'children')).toBe(
      '/api/reports/export.csv?org=o1&period=2026&table=children',
    );
    expect(exportHref('report.pdf', 'o1', '2026-2')).toBe('/api/reports/report.pdf?org=o1&period=2026-2');
  });

  it('shows the one-number indicators as headline figures and the split ones as charts', () => {
    expect(isSingleFigure('students_flagged')).toBe(true);
    expect(isSingleFigure('iaps')).toBe(true);
    expect(isSingleFigure('plans_by_status')).toBe(false);
    expect(isSingleFigure('hours_by_subject')).toBe(false);
  });
});

describe('headline figures by level', () => {
  it('shows schools taking part above a school and municipalities taking part for the nation only', () => {
    expect(shownAt('schools_taking_part', 'school')).toBe(false);
    expect(shownAt('schools_taking_part', 'municipality')).toBe(true);
    expect(shownAt('municipalities_taking_part', 'municipality')).toBe(false);
    expect(shownAt('municipalities_taking_part', 'nation')).toBe(true);
    expect(shownAt('iaps', 'school')).toBe(true);
  });
});
