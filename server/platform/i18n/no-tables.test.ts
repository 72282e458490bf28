import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The rule that keeps server texts in `server/platform/i18n/*.json`: no server file may keep its own
 * Latvian/English table or pick a text by language in code.
 */
const RULES: { name: string; pattern: RegExp }[] = [
  // `{ lv: 'Teksts', en: 'Text' }`, `lv: { … }`, `en: \`…\``
  { name: 'a { lv: …, en: … } table', pattern: /\b(lv|en)\s*:\s*['"`{]/ },
  // `lang === 'lv' ? 'Teksts' : 'Text'`
  { name: 'a text chosen by comparing the language', pattern: /===?\s*['"](lv|en)['"]\s*\?\s*['"`]/ },
  // `const lv = …; lv ? 'Rinda' : 'Row'`
  { name: 'a text chosen by a language flag', pattern: /\b(lv|en)\s*\?\s*\(?\s*['"`]/ },
];

const SERVER = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Every match of a rule, as `line: rule: text` (a pattern may span lines, as a ternary often does). */
function violations(source: string): string[] {
  return RULES.flatMap((r) =>
    [...source.matchAll(new RegExp(r.pattern.source, 'g'))].map((m) => {
      const line = source.slice(0, m.index).split('\n').length;
      return `${line}: ${r.name}: ${m[0].replace(/\s+/g, ' ')}`;
    }),
  );
}

describe('server texts', () => {
  it('recognises the hand-written tables and language ternaries it forbids', () => {
    const before = [
      "const T = {\n  lv: { title: 'Individuālais atbalsta plāns' },\n  en: { title: 'Individual support plan' },\n};",
      "  invalid_credentials: { lv: 'Nepareizs e-pasts vai parole.', en: 'Wrong email or password.' },",
      "  lang === 'lv'\n    ? `semestris`\n    : `semester`;",
      "const ws = wb.addWorksheet(lv ? 'Brīdinājumu saraksts' : 'Watch list');",
      "assessed: i.assessed ? (lv ? 'jā' : 'yes') : lv ? 'nē' : 'no',",
      "const x = lang === 'lv' ? 'Rinda' : 'Row';",
    ];
    for (const sample of before) expect(violations(sample), sample).not.toEqual([]);
    // Choosing data by language (a risk's Latvian or English name) and detecting a language are fine.
    const fine = [
      "const name = lang === 'lv' ? r.nameLv : r.nameEn;",
      "if (remembered === 'lv' || remembered === 'en') return remembered;",
      "return first.startsWith('en') ? 'en' : 'lv';",
      "language: 'lv',",
      "email: 'admin@demo.pumpurs.lv',",
    ];
    for (const sample of fine) expect(violations(sample), sample).toEqual([]);
  });

  it('live only in the i18n resources: no server file keeps a Latvian/English table', () => {
    const files = sourceFiles(SERVER);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) =>
      violations(readFileSync(f, 'utf8')).map((v) => `${path.relative(SERVER, f)}:${v}`),
    );
    expect(found).toEqual([]);
  });
});
