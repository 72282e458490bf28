import { LANGUAGES, type Language } from '../../common/roles.ts';
import { RESOURCES, t } from './i18n/index.ts';

/**
 * Every message the API can answer with. Keys are the error codes; the texts, in Latvian and
 * English, are the `errors` section of `server/platform/i18n/lv.json` and `en.json`.
 */
export type MessageCode = keyof (typeof RESOURCES)['lv']['errors'];

/** Whether `code` is one of the error codes (a zod schema may name one as its message). */
export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(RESOURCES.lv.errors, code);
}

/** The message for `code` in `lang`. */
export function message(code: MessageCode, lang: Language): string {
  return t(lang, `errors.${code}`);
}

/** Every message in every language, read from the translations (for tests and tools comparing texts). */
export const MESSAGES = Object.fromEntries(
  (Object.keys(RESOURCES.lv.errors) as MessageCode[]).map((code) => [
    code,
    Object.fromEntries(LANGUAGES.map((lang) => [lang, message(code, lang)])),
  ]),
) as Record<MessageCode, Record<Language, string>>;
