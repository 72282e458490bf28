import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../common/roles.ts';
import enBase from './en.json';
import lvBase from './lv.json';

type Tree = { [key: string]: string | string[] | Tree };

/** Feature files (web/i18n/<lang>/<feature>.json) add their own top-level sections to the base file. */
function withFeatures(base: Tree, files: Record<string, Tree>): Tree {
  const merged: Tree = { ...base };
  for (const file of Object.values(files)) {
    for (const [key, value] of Object.entries(file)) {
      if (key in merged) throw new Error(`i18n section "${key}" is defined twice`);
      merged[key] = value;
    }
  }
  return merged;
}

export const lv = withFeatures(
  lvBase as unknown as Tree,
  import.meta.glob<Tree>('./lv/*.json', { eager: true, import: 'default' }),
);
export const en = withFeatures(
  enBase as unknown as Tree,
  import.meta.glob<Tree>('./en/*.json', { eager: true, import: 'default' }),
);

const STORAGE_KEY = 'pumpurs.language';

/** The language chosen before sign-in (or last used), Latvian unless the browser remembers another. */
export function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'lv';
  } catch {
    // Storage can be blocked (private mode, policies); Latvian is the default anyway.
    return 'lv';
  }
}

/** Remembers the language on this device; the signed-in user's choice is also kept on the server. */
export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembering the choice on this device is harmless.
  }
}

/** The current interface language as one of the supported codes. */
export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'lv';
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { lv: { translation: lv }, en: { translation: en } },
  lng: readStoredLanguage(),
  fallbackLng: 'lv',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/** Translates a server code (audit action, entity type) when a label exists, else shows the code itself. */
export function translateCode(prefix: string, code: string | null | undefined): string {
  if (!code) return '';
  const value = i18n.getResource(currentLanguage(), 'translation', `${prefix}.${code}`);
  return typeof value === 'string' ? value : code;
}

/** The configured i18next instance (Latvian default, English complete). */
export default i18n;
