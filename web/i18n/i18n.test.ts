import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';

type Tree = { [key: string]: string | string[] | Tree };
const dir = path.dirname(new URL(import.meta.url).pathname);

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' || Array.isArray(v) ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}
function load(lang: 'lv' | 'en'): Tree {
  const base = JSON.parse(readFileSync(path.join(dir, `${lang}.json`), 'utf8')) as Tree;
  const featureDir = path.join(dir, lang);
  const files = existsSync(featureDir) ? readdirSync(featureDir).filter((n) => n.endsWith('.json')) : [];
  for (const f of files) {
    const extra = JSON.parse(readFileSync(path.join(dir, lang, f), 'utf8')) as Tree;
    for (const k of Object.keys(extra)) {
      expect(base[k], `${lang}/${f}: section ${k} defined twice`).toBeUndefined();
      base[k] = extra[k];
    }
  }
  return base;
}

describe('translations', () => {
  it('has every Latvian string in English and the other way round', () => {
    const lv = keys(load('lv')).sort();
    const en = keys(load('en')).sort();
    expect(lv.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !lv.includes(k))).toEqual([]);
    expect(lv.length).toBeGreaterThan(100);
  });

  it('has no empty strings', () => {
    for (const lang of ['lv', 'en'] as const) {
      const tree = load(lang);
      const empty = keys(tree).filter(
        (k) => k.split('.').reduce<Tree | string | string[]>((t, part) => (t as Tree)[part], tree) === '',
      );
      expect(empty, lang).toEqual([]);
    }
  });

  it('writes every counter family with the forms of its language (Latvian zero/one/other, English one/other)', () => {
    for (const lang of ['lv', 'en'] as const) {
      const all = keys(load(lang));
      const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const families = new Set(
        all.filter((k) => /_(zero|one|other)$/.test(k)).map((k) => k.replace(/_[a-z]+$/, '')),
      );
      for (const family of families)
        expect(
          forms.filter((f) => !all.includes(`${family}_${f}`)),
          `${lang} ${family}`,
        ).toEqual([]);
    }
  });

  it('picks the Latvian counter forms for 1, 2, 11 and 21', () => {
    const i18n = i18next.createInstance();
    void i18n.init({
      initAsync: false,
      lng: 'lv',
      resources: { lv: { translation: load('lv') }, en: { translation: load('en') } },
      interpolation: { escapeValue: false },
    });
    const counts = [1, 2, 11, 21];
    expect(counts.map((count) => i18n.t('imports.rowCount', { count }))).toEqual([
      '1 datu rinda',
      '2 datu rindas',
      '11 datu rindu',
      '21 datu rinda',
    ]);
    expect(counts.map((count) => i18n.t('imports.hasErrors', { count }))).toEqual([
      'Kļūdas ir 1 rindā.',
      'Kļūdas ir 2 rindās.',
      'Kļūdas ir 11 rindās.',
      'Kļūdas ir 21 rindā.',
    ]);
    expect(counts.map((count) => i18n.t('imports.truncated', { count }))).toEqual([
      'Tabulā parādīta pirmā 1 rinda.',
      'Tabulā parādītas pirmās 2 rindas.',
      'Tabulā parādītas pirmās 11 rindas.',
      'Tabulā parādīta pirmā 21 rinda.',
    ]);
    expect(counts.map((count) => i18n.t('students.ageValue', { count }))).toEqual([
      '1 gads',
      '2 gadi',
      '11 gadu',
      '21 gads',
    ]);
    expect(counts.map((count) => i18n.t('imports.rowCount', { count, lng: 'en' }))).toEqual([
      '1 data row',
      '2 data rows',
      '11 data rows',
      '21 data rows',
    ]);
  });
});
