import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(dir, '../..');

type Lang = 'lv' | 'en';
type Found = { file: string; key: string; term: string; text: string };

/** The "Not to use" terms of docs/glossary.md, per language (columns 4 and 5 of the table). */
function forbiddenTerms(markdown: string): Record<Lang, string[]> {
  const out: Record<Lang, string[]> = { lv: [], en: [] };
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|') || line.startsWith('|---')) continue;
    const cells = line.split('|').slice(1, -1);
    if (cells.length < 6 || cells[0]?.trim() === 'Concept') continue;
    const terms = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    out.lv.push(...terms(cells[3] ?? ''));
    out.en.push(...terms(cells[4] ?? ''));
  }
  return out;
}

function termPattern(term: string): RegExp {
  const stem = term.endsWith('*');
  const body = (stem ? term.slice(0, -1) : term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${stem ? '' : '(?![\\p{L}\\p{N}])'}`, 'iu');
}

function strings(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string') return [[prefix, tree]];
  if (Array.isArray(tree)) return tree.flatMap((v, i) => strings(v, `${prefix}[${i}]`));
  if (tree && typeof tree === 'object')
    return Object.entries(tree).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

/** Every string of the given files that uses a forbidden term. */
function findForbidden(files: { file: string; json: unknown }[], terms: string[]): Found[] {
  const patterns = terms.map((term) => ({ term, re: termPattern(term) }));
  return files.flatMap(({ file, json }) =>
    strings(json).flatMap(([key, text]) =>
      patterns.filter((p) => p.re.test(text)).map((p) => ({ file, key, term: p.term, text })),
    ),
  );
}

function translationFiles(lang: Lang): { file: string; json: unknown }[] {
  const files = [path.join(dir, `${lang}.json`), path.join(root, 'server/platform/i18n', `${lang}.json`)];
  const featureDir = path.join(dir, lang);
  if (existsSync(featureDir))
    for (const f of readdirSync(featureDir).filter((n) => n.endsWith('.json')))
      files.push(path.join(featureDir, f));
  return files
    .filter((f) => existsSync(f))
    .map((f) => ({ file: path.relative(root, f), json: JSON.parse(readFileSync(f, 'utf8')) }));
}

const glossary = forbiddenTerms(readFileSync(path.join(root, 'docs/glossary.md'), 'utf8'));

describe('glossary', () => {
  it('lists the terms not to use, among them izglītojamais and izglītības iestāde', () => {
    expect(glossary.lv).toEqual(
      expect.arrayContaining(['izglītojam*', 'izglītības iestād*', 'pedagoga palīg*']),
    );
    expect(glossary.en).toEqual(expect.arrayContaining(['pupil*']));
  });

  it('catches a forbidden term in any of its forms and leaves other words alone', () => {
    const sample = {
      file: 'sample.json',
      json: {
        a: { b: 'Izglītojamajam nav plāna.' },
        c: ['Skolēns mācās šajā izglītības iestādē.'],
        d: 'Skolēns',
      },
    };
    expect(findForbidden([sample], glossary.lv).map((f) => `${f.key} ${f.term}`)).toEqual([
      'a.b izglītojam*',
      'c[0] izglītības iestād*',
    ]);
    expect(
      findForbidden([{ file: 'x', json: { a: 'Partner institution', b: 'Pupils' } }], glossary.en),
    ).toEqual([{ file: 'x', key: 'b', term: 'pupil*', text: 'Pupils' }]);
  });

  it('the Latvian texts (lv.json, lv/*.json, server messages) use no term marked not to use', () => {
    const files = translationFiles('lv');
    expect(files.length).toBeGreaterThan(3);
    expect(findForbidden(files, glossary.lv)).toEqual([]);
  });

  it('the English texts use no term marked not to use', () => {
    expect(findForbidden(translationFiles('en'), glossary.en)).toEqual([]);
  });
});
