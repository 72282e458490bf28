import i18next from 'i18next';
import type { Language } from '../../../common/roles.ts';
import en from './en.json' with { type: 'json' };
import lv from './lv.json' with { type: 'json' };

/**
 * The server's own i18next instance: every user-facing text the API, the PDF, the XLSX/CSV exports
 * and the notifications produce, in Latvian and English (`lv.json`, `en.json`, one section per area).
 * Initialised synchronously at import (the resources are bundled JSON; no backend, no await).
 */

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every translation key, as a dotted path (`errors.not_found`, `pdf.title`, …). */
export type MessageKey = Leaves<typeof lv>;

/** The keys of one section without its prefix: `KeysUnder<'pdf'>` is `'title' | 'school' | …`. */
export type KeysUnder<Section extends string, K = MessageKey> = K extends `${Section}.${infer Rest}`
  ? Rest
  : never;

/** Interpolation values; user data goes in verbatim (no HTML escaping, no nesting of `$t(…)`). */
export type MessageParams = Record<string, string | number>;

/** The texts by language (the type check makes English carry every Latvian key). */
export const RESOURCES = { lv, en } satisfies Record<Language, typeof lv>;

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: Object.fromEntries(
    Object.entries(RESOURCES).map(([lang, texts]) => [lang, { translation: texts }]),
  ),
  lng: 'lv',
  fallbackLng: 'lv',
  supportedLngs: ['lv', 'en'],
  // Keys are dotted paths; ":" never names a namespace.
  nsSeparator: false,
  // Nothing the server writes is HTML: JSON answers, PDF, XLSX and CSV cells.
  interpolation: { escapeValue: false },
  returnNull: false,
  returnObjects: false,
});

// `{{value, decimal(digits: 2)}}`: fixed decimals with the language's decimal mark (6,50 / 6.50).
// Rounding as Number#toFixed, so figures match what the exports have always shown.
const DECIMAL_MARK = Object.fromEntries(
  (['lv', 'en'] as const).map((l) => [
    l,
    new Intl.NumberFormat(l).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.',
  ]),
) as Record<Language, string>;
instance.services.formatter?.add('decimal', (value: unknown, lng: string | undefined, options) => {
  const digits = Number((options as { digits?: number }).digits ?? 0);
  const fixed = Number(value).toFixed(digits);
  const mark = DECIMAL_MARK[lng as Language] ?? '.';
  return mark === '.' ? fixed : fixed.replace('.', mark);
});

if (!instance.isInitialized) throw new Error('server i18n did not initialise synchronously');

// Texts without values are asked for often (an error message per imported row): remember them.
const plain = new Map<string, string>();

/** The text for `key` in `language`, with `params` interpolated. */
export function t(language: Language, key: MessageKey, params?: MessageParams): string {
  if (!params) {
    const cacheKey = `${language}\u0000${key}`;
    let text = plain.get(cacheKey);
    if (text === undefined) {
      text = instance.t(key, { lng: language });
      plain.set(cacheKey, text);
    }
    return text;
  }
  return instance.t(key, { ...params, lng: language });
}

/** Whether `key` (built at run time, e.g. from a code) has a text. */
export function hasMessage(key: string): key is MessageKey {
  return typeof instance.getResource('lv', 'translation', key) === 'string';
}

/** The text for a key built at run time, or `fallback` when there is none. */
export function tOr(language: Language, key: string, fallback: string, params?: MessageParams): string {
  return hasMessage(key) ? t(language, key, params) : fallback;
}
