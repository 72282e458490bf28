import i18next from 'i18next';
import type { Language } from '../../../common/roles.ts';
import en from './en.json' with { type: 'json' };
import lv from './lv.json' with { type: 'json' };

/**
 * The server's own i18next instance: every user-facing text the API, the PDF, the XLSX/CSV exports
 * and the notifications produce, in Latvian and English (`lv.json`, `en.json`, one section per area).
 * Initialised synchronously at import (the resources are bundled JSON; no backend, no await).
 */

/** The family name of a plural form (`unjustified_one` → `unjustified`); never for other keys. */
type PluralFamily<K extends string> =
  K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Base : never;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${P}${K}` | `${P}${PluralFamily<K>}`
    : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/**
 * Every translation key, as a dotted path (`errors.not_found`, `pdf.title`, …); a text with plural
 * forms is called by its family name (`flags.unjustified`) with a `count`.
 */
export type MessageKey = Leaves<typeof lv>;

/** The keys of one section without its prefix: `KeysUnder<'pdf'>` is `'title' | 'school' | …`. */
export type KeysUnder<Section extends string, K = MessageKey> = K extends `${Section}.${infer Rest}`
  ? Rest
  : never;

/** Interpolation values; user data goes in verbatim (no HTML escaping, no nesting of `$t(…)`). */
export type MessageParams = Record<string, string | number>;

/** The texts by language (the type check makes English carry every Latvian key). */
export const RESOURCES = { lv, en } satisfies Record<Language, typeof lv>;

type Tree = { [key: string]: string | Tree };
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const FALLBACK: Language = 'lv';

function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : leafKeys(v, `${prefix}${k}.`),
  );
}

/**
 * An i18next instance over `resources` (initialised synchronously) and a `t` that picks and fills a
 * text exactly as `i18n.t(key, { lng, ...params })` would (a test compares them on every key and on
 * plural forms) without the translator's per-call work, which costs several times more: measured on
 * the busy 2-core machine, 30–35 µs a call against 5–10 µs (the watch list writes several texts per
 * student). The text comes from i18next's store, the plural form from its plural resolver
 * (Intl.PluralRules), the values from its interpolator.
 */
export function createTranslator(resources: Record<Language, Tree>) {
  const i18n = i18next.createInstance();
  void i18n.init({
    initAsync: false,
    resources: Object.fromEntries(
      Object.entries(resources).map(([lang, texts]) => [lang, { translation: texts }]),
    ),
    lng: FALLBACK,
    fallbackLng: FALLBACK,
    supportedLngs: ['lv', 'en'],
    // Keys are dotted paths; ":" never names a namespace.
    nsSeparator: false,
    // Nothing the server writes is HTML: JSON answers, PDF, XLSX and CSV cells.
    interpolation: { escapeValue: false },
    returnNull: false,
    returnObjects: false,
  });
  if (!i18n.isInitialized) throw new Error('server i18n did not initialise synchronously');
  const pluralResolver = i18n.services.pluralResolver as { getSuffix(code: string, count: number): string };
  const interpolator = i18n.services.interpolator;
  // A count only matters for a key written with plural forms; any other key is looked up as it is.
  const pluralKeys = new Set(
    Object.values(resources).flatMap((texts) =>
      leafKeys(texts)
        .filter((k) => PLURAL_SUFFIX.test(k))
        .map((k) => k.replace(PLURAL_SUFFIX, '')),
    ),
  );

  // The text of a key as the translator picks it: with a numeric count, `_zero` for 0, then the
  // language's plural form, then the plain key; Latvian when English lacks it. Remembered per
  // language, key and plural form (the resources do not change after start).
  const found = new Map<string, string | null>();
  function lookup(language: Language, key: string, count: unknown): string | null {
    const plural = typeof count === 'number' && pluralKeys.has(key);
    const form = plural ? pluralResolver.getSuffix(language, count as number) : '';
    const cacheKey = `${language}\u0000${key}\u0000${form}\u0000${plural && count === 0}`;
    const known = found.get(cacheKey);
    if (known !== undefined) return known;
    let text: string | null = null;
    for (const code of language === FALLBACK ? [language] : [language, FALLBACK]) {
      const candidates = plural
        ? [
            ...(count === 0 ? [`${key}_zero`] : []),
            `${key}${pluralResolver.getSuffix(code, count as number)}`,
            key,
          ]
        : [key];
      for (const candidate of candidates) {
        const value = i18n.getResource(code, 'translation', candidate);
        if (typeof value === 'string' && text === null) text = value;
      }
      if (text !== null) break;
    }
    found.set(cacheKey, text);
    return text;
  }

  return {
    i18n,
    t(language: Language, key: string, params?: MessageParams): string {
      const text = lookup(language, key, params?.count);
      if (text === null) return key;
      return params && text.includes('{{') ? interpolator.interpolate(text, params, language, {}) : text;
    },
    has(key: string): boolean {
      return typeof i18n.getResource(FALLBACK, 'translation', key) === 'string';
    },
  };
}

const server = createTranslator(RESOURCES);

/** The server's i18next instance (for tests comparing `t` with i18next's own translator). */
export const i18n = server.i18n;

/** The text for `key` in `language`, with `params` filled in; a numeric `count` picks the plural form. */
export function t(language: Language, key: MessageKey, params?: MessageParams): string {
  return server.t(language, key, params);
}

/** Whether `key` (built at run time, e.g. from a code) has a text. */
export function hasMessage(key: string): key is MessageKey {
  return server.has(key);
}

/** The text for a key built at run time, or `fallback` when there is none. */
export function tOr(language: Language, key: string, fallback: string, params?: MessageParams): string {
  return hasMessage(key) ? t(language, key, params) : fallback;
}

const DECIMAL_MARK = Object.fromEntries(
  (['lv', 'en'] as const).map((l) => [
    l,
    new Intl.NumberFormat(l).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.',
  ]),
) as Record<Language, string>;

/**
 * A number with fixed decimals and the language's decimal mark (6,50 in Latvian, 6.50 in English),
 * rounded as Number#toFixed, as the exports have always shown them. Pass the result as a text value.
 */
export function formatDecimal(language: Language, value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  return DECIMAL_MARK[language] === '.' ? fixed : fixed.replace('.', DECIMAL_MARK[language]);
}
