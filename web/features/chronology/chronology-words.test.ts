import { describe, expect, it } from 'vitest';
import { CHRONOLOGY_TYPES, CHRONOLOGY_WORDED_PARAMS } from '../../../common/api/chronology.ts';
import serverEn from '../../../server/platform/i18n/en.json' with { type: 'json' };
import serverLv from '../../../server/platform/i18n/lv.json' with { type: 'json' };
import webEn from '../../i18n/en/chronology.json' with { type: 'json' };
import webLv from '../../i18n/lv/chronology.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`),
  );

/** The chronology's words live twice (the web, and the server for the PDF): they must say the same things. */
describe('chronology words', () => {
  const shared = ['events', 'types', ...Object.values(CHRONOLOGY_WORDED_PARAMS)];
  for (const [lang, web, server] of [
    ['lv', webLv.chronology, serverLv.chronology],
    ['en', webEn.chronology, serverEn.chronology],
  ] as const) {
    it(`the web and the PDF have the same ${lang} words for every event, type and code`, () => {
      for (const section of shared) {
        const w = (web as unknown as Tree)[section] as Tree;
        const s = (server as unknown as Tree)[section] as Tree;
        expect(w, section).toEqual(s);
      }
    });
    it(`names every type in ${lang}`, () => {
      for (const type of CHRONOLOGY_TYPES) {
        expect(typeof (web.types as Record<string, string>)[type], type).toBe('string');
        expect(typeof (web.typesPlural as Record<string, string>)[type], type).toBe('string');
      }
    });
  }
  it('has an English text for every Latvian event', () => {
    expect(leaves(webEn.chronology.events as Tree)).toEqual(leaves(webLv.chronology.events as Tree));
  });
});
