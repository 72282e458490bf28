import type { Language } from '../../common/roles.ts';

/** Every message the API can answer with, in Latvian and English. Keys are the error codes. */
export const MESSAGES = {
  invalid_credentials: { lv: 'Nepareizs e-pasts vai parole.', en: 'Wrong email or password.' },
  too_many_attempts: {
    lv: 'Pārāk daudz neveiksmīgu pieslēgšanās mēģinājumu. Mēģiniet vēlāk.',
    en: 'Too many failed sign-in attempts. Try again later.',
  },
  unauthenticated: { lv: 'Nepieciešams pieslēgties.', en: 'Please sign in.' },
  csrf: {
    lv: 'Pieprasījumam trūkst derīga drošības marķiera. Pārlādējiet lapu.',
    en: 'The request has no valid security token. Reload the page.',
  },
  forbidden: { lv: 'Jums nav tiesību veikt šo darbību.', en: 'You are not allowed to do this.' },
  not_found: { lv: 'Ieraksts nav atrasts.', en: 'Record not found.' },
  validation: { lv: 'Pārbaudiet ievadītos datus.', en: 'Please check the data entered.' },
  bad_request: { lv: 'Nederīgs pieprasījums.', en: 'Invalid request.' },
  payload_too_large: { lv: 'Pieprasījums ir par lielu.', en: 'The request is too large.' },
  unsupported_media_type: { lv: 'Neatbalstīts datu formāts.', en: 'Unsupported content type.' },
  conflict: { lv: 'Ieraksts jau pastāv.', en: 'The record already exists.' },
  email_taken: { lv: 'Lietotājs ar šo e-pastu jau pastāv.', en: 'A user with this email already exists.' },
  code_taken: { lv: 'Šis kods jau ir aizņemts.', en: 'This code is already in use.' },
  grant_exists: { lv: 'Lietotājam jau ir šī loma.', en: 'The user already has this role.' },
  role_org_mismatch: {
    lv: 'Šo lomu nevar piešķirt šāda veida organizācijā.',
    en: 'This role cannot be granted on this kind of organisation.',
  },
  invalid_parent: {
    lv: 'Šāda veida organizāciju nevar izveidot zem izvēlētās.',
    en: 'This kind of organisation cannot be created under the one chosen.',
  },
  school_type_required: {
    lv: 'Izglītības iestādei jānorāda tips.',
    en: 'A school needs a school type.',
  },
  cannot_deactivate_self: {
    lv: 'Savu kontu nevar deaktivizēt.',
    en: 'You cannot deactivate your own account.',
  },
  internal: {
    lv: 'Radās iekšēja kļūda. Mēģiniet vēlreiz.',
    en: 'An internal error occurred. Please try again.',
  },
  rate_limited: { lv: 'Pārāk daudz pieprasījumu. Mēģiniet vēlāk.', en: 'Too many requests. Try again later.' },
} as const satisfies Record<string, Record<Language, string>>;

export type MessageCode = keyof typeof MESSAGES;

/** The message for `code` in `lang`. */
export function message(code: MessageCode, lang: Language): string {
  return MESSAGES[code][lang];
}
