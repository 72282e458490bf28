import { describe, expect, it } from 'vitest';
import { createTranslator, formatDecimal, hasMessage, i18n, RESOURCES, t, tOr } from './index.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
}

/** The interpolations of a text, with their formats: `{{rate, decimal(digits: 1)}}` → `rate, decimal(digits: 1)`. */
function variables(text: string): string[] {
  return [...text.matchAll(/\{\{-?\s*([^}]+?)\s*\}\}/g)].map((m) => m[1].replace(/\s+/g, ' ')).sort();
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** The plural forms i18next looks up for a language: one suffix per Intl plural category. */
const pluralForms = (lang: string) => new Intl.PluralRules(lang).resolvedOptions().pluralCategories.sort();

const lv = new Map(leaves(RESOURCES.lv as unknown as Tree));
const en = new Map(leaves(RESOURCES.en as unknown as Tree));

describe('server translations', () => {
  it('has every key in both languages, with the same interpolation variables', () => {
    const base = (key: string) => key.replace(PLURAL_SUFFIX, '');
    expect([...new Set([...lv.keys()].map(base))].sort()).toEqual(
      [...new Set([...en.keys()].map(base))].sort(),
    );
    for (const [key, text] of lv) {
      const other = en.get(key) ?? en.get(`${base(key)}_other`) ?? en.get(base(key));
      expect(other, key).toBeDefined();
      expect(variables(text), key).toEqual(variables(other as string));
    }
    expect(lv.size).toBeGreaterThan(200);
  });

  it('has no empty text and no nesting or unescaped markers that would change a text', () => {
    for (const [lang, texts] of [
      ['lv', lv],
      ['en', en],
    ] as const)
      for (const [key, text] of texts) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(text, `${lang} ${key}`).not.toMatch(/\$t\(|\{\{-/);
      }
  });

  it('writes plural keys with the forms each language has (Latvian: zero, one, other)', () => {
    // i18next 26 picks the suffix from Intl.PluralRules: 0, 10–20, 30 … are "zero" in Latvian and
    // 1, 21, 31 … (not 11) are "one". A text that varies with a count needs every form of the language.
    expect(pluralForms('lv')).toEqual(['one', 'other', 'zero']);
    expect(pluralForms('en')).toEqual(['one', 'other']);
    for (const [lang, texts] of [
      ['lv', lv],
      ['en', en],
    ] as const) {
      const families = new Set(
        [...texts.keys()].filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')),
      );
      for (const family of families)
        expect(
          pluralForms(lang).map((form) => texts.has(`${family}_${form}`)),
          `${lang} ${family}`,
        ).toEqual(pluralForms(lang).map(() => true));
    }
  });

  it('interpolates values verbatim: no HTML escaping, no nesting, no $ patterns', () => {
    const hostile = `<b>"Bērziņš" & 'Co'</b> {{code}} $t(pdf.title) $& $1 $$`;
    expect(t('lv', 'notifications.plan_waiting', { code: hostile })).toBe(
      `Plāns ${hostile} gaida jūsu saskaņojumu.`,
    );
    expect(t('en', 'pdf.goalWithCriterion', { goal: '<i>', criterion: '{{goal}}' })).toBe(
      '<i> (How it will be checked: {{goal}})',
    );
  });

  it('formats decimals with the language’s mark, rounding as the exports always did', () => {
    const drop = (lang: 'lv' | 'en') => ({
      previous: formatDecimal(lang, 6.5, 2),
      current: formatDecimal(lang, 3.666666, 2),
      threshold: formatDecimal(lang, 1, 1),
    });
    expect(t('lv', 'flags.average_drop', drop('lv'))).toBe(
      'Vidējais vērtējums krities no 6,50 uz 3,67; par 1,0 vai vairāk',
    );
    expect(t('en', 'flags.average_drop', drop('en'))).toBe(
      'Average mark fell from 6.50 to 3.67; by 1.0 or more',
    );
    // Number#toFixed rounding (1.005 is 1.00499… in binary), not decimal rounding.
    expect(formatDecimal('lv', 1.005, 2)).toBe('1,00');
    expect(formatDecimal('en', -87.25, 1)).toBe('-87.3');
  });

  it('gives what i18next’s own translator gives, for every key in both languages', () => {
    for (const [lang, texts] of [
      ['lv', lv],
      ['en', en],
    ] as const)
      for (const [key, text] of texts) {
        const params = Object.fromEntries(
          variables(text).map((v, i) => [v, i % 2 ? `<${v} & $& {{x}}>` : i + 21]),
        ) as Record<string, string | number>;
        expect(t(lang, key as never, params), `${lang} ${key}`).toBe(i18n.t(key, { ...params, lng: lang }));
        expect(t(lang, key as never), `${lang} ${key}`).toBe(i18n.t(key, { lng: lang }));
      }
  });

  it('picks plural forms as i18next does (Latvian 0, 10–20 → zero; 1, 21, 31 → one)', () => {
    const texts = {
      lv: {
        n_zero: '{{count}} stundu',
        n_one: '{{count}} stunda',
        n_other: '{{count}} stundas',
        only: '{{count}} reizes',
      },
      en: { n_one: '{{count}} lesson', n_other: '{{count}} lessons', n_zero: 'no lessons' },
    };
    const own = createTranslator(texts);
    for (const lang of ['lv', 'en'] as const)
      for (let count = 0; count <= 112; count++)
        for (const key of ['n', 'only', 'missing']) {
          expect(own.t(lang, key, { count }), `${lang} ${key} ${count}`).toBe(
            own.i18n.t(key, { count, lng: lang }),
          );
        }
    expect([0, 1, 2, 11, 21].map((count) => own.t('lv', 'n', { count }))).toEqual([
      '0 stundu',
      '1 stunda',
      '2 stundas',
      '11 stundu',
      '21 stunda',
    ]);
    expect([0, 1, 2].map((count) => own.t('en', 'n', { count }))).toEqual([
      'no lessons',
      '1 lesson',
      '2 lessons',
    ]);
    expect(own.t('en', 'only', { count: 3 })).toBe('3 reizes');
  });

  it('writes the watch-list flags with the plural form of their count (Latvian 1, 21 one; 11 zero; 2 other)', () => {
    const lvUnjustified = [1, 2, 11, 21].map((count) =>
      t('lv', 'flags.unjustified', { count, threshold: 20 }),
    );
    expect(lvUnjustified).toEqual([
      '1 neattaisnoti kavēta stunda šajā semestrī; vairāk nekā 20',
      '2 neattaisnoti kavētas stundas šajā semestrī; vairāk nekā 20',
      '11 neattaisnoti kavētu stundu šajā semestrī; vairāk nekā 20',
      '21 neattaisnoti kavēta stunda šajā semestrī; vairāk nekā 20',
    ]);
    expect([1, 2, 11, 21].map((count) => t('lv', 'flags.low_marks', { count, threshold: 3 }))).toEqual([
      '1 mācību priekšmets ar pēdējo vērtējumu zem 4 vai „nv”; 3 vai vairāk',
      '2 mācību priekšmeti ar pēdējo vērtējumu zem 4 vai „nv”; 3 vai vairāk',
      '11 mācību priekšmetu ar pēdējo vērtējumu zem 4 vai „nv”; 3 vai vairāk',
      '21 mācību priekšmets ar pēdējo vērtējumu zem 4 vai „nv”; 3 vai vairāk',
    ]);
    expect([1, 2, 11, 21].map((count) => t('lv', 'flags.behaviour', { count, threshold: 3 }))).toEqual([
      '1 negatīvs uzvedības ieraksts; 3 vai vairāk',
      '2 negatīvi uzvedības ieraksti; 3 vai vairāk',
      '11 negatīvu uzvedības ierakstu; 3 vai vairāk',
      '21 negatīvs uzvedības ieraksts; 3 vai vairāk',
    ]);
    expect([1, 2, 11, 21].map((count) => t('en', 'flags.behaviour', { count, threshold: 3 }))).toEqual([
      '1 negative behaviour note; 3 or more',
      '2 negative behaviour notes; 3 or more',
      '11 negative behaviour notes; 3 or more',
      '21 negative behaviour notes; 3 or more',
    ]);
    expect(t('en', 'flags.unjustified', { count: 1, threshold: 20 })).toBe(
      '1 unjustified lesson missed this semester; more than 20',
    );
  });

  it('answers keys built at run time only when they name a text', () => {
    expect(hasMessage('errors.not_found')).toBe(true);
    expect(hasMessage('pdf.kinds')).toBe(false);
    expect(hasMessage('errors.toString')).toBe(false);
    expect(tOr('en', 'measureWords.meals', '?')).toBe('meals');
    expect(tOr('en', 'measureWords.nothing', '?')).toBe('?');
    expect(t('en', 'semester.label', { year: 2026, nextYear: 2027, number: 1 })).toBe(
      '2026/2027, semester 1',
    );
    expect(t('lv', 'semester.label', { year: 2026, nextYear: 2027, number: 1 })).toBe(
      '2026./2027. m. g. 1. semestris',
    );
  });
});
