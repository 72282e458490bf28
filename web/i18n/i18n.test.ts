import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
});
