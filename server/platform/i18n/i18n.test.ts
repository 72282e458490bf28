import { describe, expect, it } from 'vitest';
import { hasMessage, RESOURCES, t, tOr } from './index.ts';

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
    const drop = { previous: 6.5, current: 3.666666, threshold: 1 };
    expect(t('lv', 'flags.average_drop', drop)).toBe(
      'Vidējais vērtējums krities no 6,50 uz 3,67; par 1,0 vai vairāk',
    );
    expect(t('en', 'flags.average_drop', drop)).toBe('Average mark fell from 6.50 to 3.67; by 1.0 or more');
    // Number#toFixed rounding (1.005 is 1.00499… in binary), not decimal rounding.
    expect(t('lv', 'flags.attendance', { rate: 87.25, threshold: 90 })).toBe('Apmeklējums 87,3 %; zem 90 %');
    expect(t('en', 'flags.average_drop', { previous: 1.005, current: 0, threshold: 0.05 })).toBe(
      'Average mark fell from 1.00 to 0.00; by 0.1 or more',
    );
  });

  it('keeps a count-carrying text whole for every count while it has no plural forms', () => {
    for (const count of [0, 1, 11, 21, 22])
      expect(t('lv', 'flags.unjustified', { count, threshold: 20 })).toBe(
        `${count} neattaisnoti kavētas stundas šajā semestrī; vairāk nekā 20`,
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
