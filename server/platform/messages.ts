import type { Language } from '../../common/roles.ts';

/** Every message the API can answer with, in Latvian and English. Keys are the error codes. */
export const MESSAGES = {
  invalid_credentials: { lv: 'Nepareizs e-pasts vai parole.', en: 'Wrong email or password.' },
  too_many_attempts: {
    lv: 'Pārāk daudz neveiksmīgu pieslēgšanās mēģinājumu. Mēģiniet vēlāk.',
    en: 'Too many failed sign-in attempts. Try again later.',
  },
  sign_in_slowed: {
    lv: 'Pēc vairākiem neveiksmīgiem mēģinājumiem pieslēgšanās uz brīdi palēnināta. Mēģiniet vēlreiz pēc dažām sekundēm.',
    en: 'After several failed attempts sign-in is slowed down for a moment. Try again in a few seconds.',
  },
  password_too_common: {
    lv: 'Šo paroli ir viegli uzminēt vai tā ir atrodama nopludinātu paroļu sarakstos. Izvēlieties garāku, neparedzamu paroli.',
    en: 'This password is easy to guess or appears in lists of leaked passwords. Choose a longer, unpredictable one.',
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
  control_characters: {
    lv: 'Teksts satur neatļautas vadības rakstzīmes (piemēram, NUL).',
    en: 'The text contains control characters that are not allowed (such as NUL).',
  },
  invalid_characters: {
    lv: 'Teksts satur nederīgas rakstzīmes (bojāts Unicode).',
    en: 'The text contains invalid characters (broken Unicode).',
  },
  date_out_of_range: {
    lv: 'Datums ir ārpus pieļaujamā laika posma.',
    en: 'The date is outside the allowed range.',
  },
  birth_date_range: {
    lv: 'Dzimšanas datums nevar būt nākotnē vai vairāk nekā pirms 100 gadiem.',
    en: 'A birth date cannot be in the future or more than 100 years ago.',
  },
  date_outside_semesters: {
    lv: 'Datums neietilpst nevienā mācību semestrī.',
    en: 'The date is not inside any school semester.',
  },
  payload_too_large: { lv: 'Pieprasījums ir par lielu.', en: 'The request is too large.' },
  unsupported_media_type: { lv: 'Neatbalstīts datu formāts.', en: 'Unsupported content type.' },
  conflict: { lv: 'Ieraksts jau pastāv.', en: 'The record already exists.' },
  idempotency_key_invalid: {
    lv: 'Nederīga pieprasījuma atslēga (Idempotency-Key): jābūt 8–100 burtiem, cipariem vai domuzīmēm.',
    en: 'Invalid Idempotency-Key: use 8–100 letters, digits or dashes.',
  },
  idempotency_key_reused: {
    lv: 'Šī pieprasījuma atslēga jau izmantota citam pieprasījumam. Iesniedziet formu no jauna.',
    en: 'This Idempotency-Key was already used for a different request. Submit the form again.',
  },
  idempotency_in_progress: {
    lv: 'Šis iesniegums vēl tiek apstrādāts. Pagaidiet brīdi un pārlādējiet lapu.',
    en: 'This submission is still being processed. Wait a moment and reload the page.',
  },
  plan_has_deliveries: {
    lv: 'Plānu nevar dzēst: tam jau ir reģistrētas nodarbības, maksājumi vai darba laika ieraksti.',
    en: 'The plan cannot be deleted: sessions, payments or timesheet entries are already recorded against it.',
  },
  session_duplicate: {
    lv: 'Šī nodarbība (tā pati diena, laiks, ilgums, veids un tēma) jau ir reģistrēta.',
    en: 'This session (same day, time, length, mode and topic) is already recorded.',
  },
  session_in_person_closed: {
    lv: 'Klātienes nodarbību skolēni apstiprina uzreiz – tajā dienā, kad tā reģistrēta. Apstiprināšanas laiks beidzies.',
    en: 'Students confirm an in-person session on the spot, on the day it was recorded. The time to confirm has passed.',
  },
  payment_duplicate: {
    lv: 'Šis maksājums (tas pats dokuments, summa un datums) šim pasākumam jau ir reģistrēts.',
    en: 'This payment (same document, amount and date) is already recorded for this measure.',
  },
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
  personal_code_empty: { lv: 'Norādiet personas kodu.', en: 'Enter the personal code.' },
  personal_code_format: {
    lv: 'Personas kodā drīkst būt tikai cipari un viena defise (DDMMGG-CNNNN).',
    en: 'A personal code has only digits and one hyphen (DDMMYY-CNNNN).',
  },
  personal_code_length: { lv: 'Personas kodā jābūt 11 cipariem.', en: 'A personal code has 11 digits.' },
  personal_code_date: {
    lv: 'Personas koda sākumā nav derīga dzimšanas datuma.',
    en: 'The personal code does not start with a valid birth date.',
  },
  personal_code_checksum: {
    lv: 'Personas koda kontrolcipars nesakrīt — pārbaudiet kodu.',
    en: 'The check digit of the personal code does not match — check the code.',
  },
  // One answer whatever the reason (a student of this school or of a school the caller cannot see).
  personal_code_taken: {
    lv: 'Skolēnu ar šo personas kodu šeit reģistrēt nevar. Meklējiet viņu sarakstā pēc pilna personas koda; ja tur nav, lūdziet iepriekšējai skolai vai pašvaldībai skolēnu pārcelt uz jūsu skolu.',
    en: 'A student with this personal code cannot be registered here. Search the list by the whole personal code; if the student is not there, ask the previous school or the municipality to move the student to your school.',
  },
  personal_code_duplicate_row: {
    lv: 'Šis personas kods failā ir vairākkārt.',
    en: 'This personal code appears more than once in the file.',
  },
  grade_or_course: {
    lv: 'Norādiet vai nu klasi (1–12), vai kursu (1–4).',
    en: 'Give either a grade (1–12) or a course (1–4).',
  },
  birth_date_mismatch: {
    lv: 'Dzimšanas datums nesakrīt ar personas kodu.',
    en: 'The birth date does not match the personal code.',
  },
  status_date_required: { lv: 'Norādiet statusa maiņas datumu.', en: 'Give the date of the status change.' },
  sort_by_code_not_allowed: {
    lv: 'Kārtot pēc personas koda var tikai tie, kam atļauts redzēt pilnu personas kodu.',
    en: 'Only those who may see whole personal codes can sort by personal code.',
  },
  not_a_school: {
    lv: 'Izvēlētā organizācija nav izglītības iestāde.',
    en: 'The organisation chosen is not a school.',
  },
  same_school: {
    lv: 'Skolēns jau mācās šajā izglītības iestādē.',
    en: 'The student is already at this school.',
  },
  not_school_staff: {
    lv: 'Lietotājs nav šīs izglītības iestādes pedagogs vai atbalsta speciālists.',
    en: 'The user is not a teacher or specialist of this school.',
  },
  adult_required: {
    lv: 'Pats skolēns var parakstīt iesniegumu tikai no 18 gadu vecuma.',
    en: 'A student can sign the application only from the age of 18.',
  },
  guardian_required: {
    lv: 'Izvēlieties likumisko pārstāvi, kas parakstīja.',
    en: 'Choose the guardian who signed.',
  },
  guardian_has_applications: {
    lv: 'Likumiskais pārstāvis ir parakstījis iesniegumu, tāpēc to nevar dzēst.',
    en: 'This guardian signed an application and cannot be removed.',
  },
  application_withdrawn: { lv: 'Iesniegums jau ir atsaukts.', en: 'The application is already withdrawn.' },
  withdrawal_before_signing: {
    lv: 'Atsaukuma datums nevar būt pirms parakstīšanas.',
    en: 'The withdrawal date cannot be before the signing date.',
  },
  date_in_future: { lv: 'Datums nevar būt nākotnē.', en: 'The date cannot be in the future.' },
  file_empty: { lv: 'Fails ir tukšs.', en: 'The file is empty.' },
  file_too_large: { lv: 'Fails ir par lielu.', en: 'The file is too large.' },
  scan_content_mismatch: {
    lv: 'Faila saturs nav PDF, JPEG vai PNG, kā norādīts; augšupielādējiet skenējumu vēlreiz.',
    en: 'The file content is not the PDF, JPEG or PNG it claims to be; upload the scan again.',
  },
  file_type: {
    lv: 'Atļauti tikai PDF, JPEG vai PNG faili, un faila saturam jāatbilst tipam.',
    en: 'Only PDF, JPEG or PNG files are allowed, and the content must match the type.',
  },
  phone: {
    lv: 'Tālruņa numurā drīkst būt cipari, atstarpes un + sākumā.',
    en: 'A phone number has digits, spaces and a leading +.',
  },
  required: { lv: 'Obligāts lauks.', en: 'Required field.' },
  too_long: { lv: 'Vērtība ir par garu.', en: 'The value is too long.' },
  invalid_date: { lv: 'Nederīgs datums (dd.mm.gggg).', en: 'Invalid date (dd.mm.yyyy).' },
  invalid_grade: { lv: 'Klasei jābūt no 1 līdz 12.', en: 'The grade must be 1 to 12.' },
  invalid_course: { lv: 'Kursam jābūt no 1 līdz 4.', en: 'The course must be 1 to 4.' },
  invalid_gender: { lv: 'Dzimumam jābūt S vai V.', en: 'Gender must be F or M.' },
  import_empty: { lv: 'Failā nav datu rindu.', en: 'The file has no data rows.' },
  import_format: {
    lv: 'Failu nevar nolasīt: atbalstīti CSV (UTF-8 vai Windows-1257) un XLSX.',
    en: 'The file cannot be read: CSV (UTF-8 or Windows-1257) and XLSX are supported.',
  },
  import_headers: {
    lv: 'Faila pirmajā rindā jābūt kolonnu nosaukumiem bez atkārtojumiem.',
    en: 'The first row of the file must hold column names, each once.',
  },
  import_too_many_rows: {
    lv: 'Failā ir par daudz rindu (skolēnu sarakstam līdz 50 000, e-žurnāla failam līdz 150 000); sadaliet to.',
    en: 'The file has too many rows (up to 50,000 for a class list, 150,000 for an e-journal file); split it.',
  },
  import_too_many_columns: {
    lv: 'Failā ir par daudz kolonnu (līdz 100); atstājiet tikai vajadzīgās.',
    en: 'The file has too many columns (up to 100); keep only the ones needed.',
  },
  import_line_too_long: {
    lv: 'Kāda faila rinda ir pārāk gara (līdz 16 000 rakstzīmēm).',
    en: 'A line of the file is too long (up to 16,000 characters).',
  },
  import_too_large: {
    lv: 'Fails atarhivēts būtu pārāk liels; tas netika atvērts.',
    en: 'The file would be too large once unpacked; it was not opened.',
  },
  import_too_slow: {
    lv: 'Faila nolasīšana prasīja pārāk ilgu laiku; sadaliet to mazākos failos.',
    en: 'Reading the file took too long; split it into smaller files.',
  },
  import_running: {
    lv: 'Šai skolai jau notiek imports. Pagaidiet, līdz tas beidzas, un mēģiniet vēlreiz.',
    en: 'An import is already running for this school. Wait until it finishes and try again.',
  },
  import_mapping_missing: { lv: 'Norādiet kolonnu šim laukam.', en: 'Choose a column for this field.' },
  import_mapping_column: { lv: 'Failā nav šādas kolonnas.', en: 'The file has no such column.' },
  import_has_errors: {
    lv: 'Failā ir kļūdainas rindas. Izlabojiet vai izslēdziet tās — nekas netika saglabāts.',
    en: 'The file has rows with errors. Fix or exclude them — nothing was saved.',
  },
  import_committed: { lv: 'Šis fails jau ir importēts.', en: 'This file has already been imported.' },
  risk_code: {
    lv: 'Koda formāts: burti un cipari, piemēram, L11.',
    en: 'Code format: letters and digits, e.g. L11.',
  },
  risk_retired: { lv: 'Šis risks vairs nav katalogā.', en: 'This risk is no longer in the catalogue.' },
  risk_recorded: {
    lv: 'Šis risks šim skolēnam šajā semestrī jau ir reģistrēts.',
    en: 'This risk is already recorded for the student this semester.',
  },
  semester_overlap: { lv: 'Semestris pārklājas ar citu semestri.', en: 'The semester overlaps another one.' },
  semester_dates: {
    lv: 'Beigu datumam jābūt pēc sākuma datuma.',
    en: 'The end date must be after the start date.',
  },
  semester_records_outside: {
    lv: 'Ar šiem datumiem daļa jau ievadīto ierakstu (e-žurnāls, nodarbības, maksājumi, riski) paliktu ārpus semestra. Izvēlieties datumus, kas tos ietver.',
    en: 'With these dates some records already entered (e-journal, sessions, payments, risks) would fall outside the semester. Choose dates that include them.',
  },
  semester_outside_school_year: {
    lv: 'Semestra datumiem jābūt mācību gada robežās (no 1. augusta līdz nākamā gada 31. jūlijam).',
    en: 'The semester’s dates must lie within its school year (1 August to 31 July of the next year).',
  },
  ejournal_has_errors: {
    lv: 'Failā ir kļūdainas rindas — nekas netika saglabāts. Izlabojiet tās un importējiet vēlreiz.',
    en: 'The file has rows with errors — nothing was saved. Fix them and import again.',
  },
  student_not_found: {
    lv: 'Šajā izglītības iestādē nav skolēna ar šo personas kodu.',
    en: 'No student of this school has this personal code.',
  },
  attendance_reason: {
    lv: 'Nezināms kavējuma veids (jābūt n, a, s, c vai +).',
    en: 'Unknown attendance code (use n, a, s, c or +).',
  },
  lesson_number: { lv: 'Stundas numuram jābūt no 0 līdz 12.', en: 'The lesson number must be 0 to 12.' },
  mark_value: { lv: 'Vērtējumam jābūt 1–10, „nv” vai „ns”.', en: 'A mark must be 1–10, "nv" or "ns".' },
  behaviour_kind: {
    lv: 'Veidam jābūt „negatīva” vai „pozitīva”.',
    en: 'The kind must be "negative" or "positive".',
  },
  column_missing: { lv: 'Failā trūkst obligātas kolonnas.', en: 'The file lacks a required column.' },
  duplicate_row: {
    lv: 'Tas pats ieraksts failā ir vairākkārt ar atšķirīgām vērtībām.',
    en: 'The same record appears more than once with different values.',
  },
  legal_duty_not_due: {
    lv: 'Šim skolēnam šajā semestrī nav vairāk par 20 neattaisnoti kavētām stundām.',
    en: 'This student has not missed more than 20 lessons without reason this semester.',
  },
  legal_duty_recorded: {
    lv: 'Paziņojums pašvaldībai jau ir reģistrēts.',
    en: 'The notice to the municipality is already recorded.',
  },
  plan_risk_unknown: {
    lv: 'Plānā var iekļaut tikai šim skolēnam reģistrētus riskus.',
    en: 'A plan can only address risks recorded for this student.',
  },
  measure_risk_not_in_plan: {
    lv: 'Pasākumam jābūt saistītam ar riskiem, kas iekļauti plānā.',
    en: 'A measure must be linked to risks included in the plan.',
  },
  plan_action_not_allowed: {
    lv: 'Šo darbību ar plānu jūs šobrīd nevarat veikt.',
    en: 'You cannot do this with the plan now.',
  },
  plan_moved_away: {
    lv: 'Skolēns ir pārcelts uz citu skolu: šis plāns ir beidzies un vairs nav maināms.',
    en: 'The student moved to another school: this plan has ended and can no longer be changed.',
  },
  plan_exists: {
    lv: 'Skolēnam šajā semestrī jau ir individuālais atbalsta plāns.',
    en: 'The student already has a support plan for this semester.',
  },
  plan_needs_application: {
    lv: 'Plānu nevar iesniegt bez spēkā esoša iesnieguma (vecāku vai pilngadīga skolēna piekrišanas).',
    en: 'The plan cannot be submitted without an application (consent) in force.',
  },
  plan_incomplete: {
    lv: 'Plānā jābūt vismaz vienam riskam, mērķim un pasākumam.',
    en: 'A plan needs at least one risk, one goal and one measure.',
  },
  evaluation_measures: {
    lv: 'Izvērtējumā jānovērtē katrs plāna pasākums.',
    en: 'The evaluation must cover every measure of the plan.',
  },
  no_next_semester: {
    lv: 'Nākamais semestris vēl nav izveidots.',
    en: 'The next semester has not been set up yet.',
  },
  session_not_your_measure: {
    lv: 'Konsultāciju var reģistrēt tikai plāna pasākumā, kurā jūs esat norādīts kā sniedzējs.',
    en: 'You can record a session only against a plan measure that names you as provider.',
  },
  session_plan_not_running: { lv: 'Plāns nav īstenošanā.', en: 'The plan is not in progress.' },
  session_outside_semester: {
    lv: 'Datums nav plāna semestrī.',
    en: 'The date is outside the plan’s semester.',
  },
  session_one_school: {
    lv: 'Vienā nodarbībā var būt tikai vienas skolas skolēni.',
    en: 'A session can only have students of one school.',
  },
  session_remote: {
    lv: 'Attālināto nodarbību skolēns apstiprina ar saiti.',
    en: 'A remote session is confirmed through its link.',
  },
  session_confirmed: { lv: 'Dalība jau ir apstiprināta.', en: 'Attendance is already confirmed.' },
  session_confirmation_closed: {
    lv: 'Attālināto nodarbību var apstiprināt tikai tās dienā vai nākamajā dienā.',
    en: 'A remote session can be confirmed only on its day or the day after.',
  },
  pin_not_set: {
    lv: 'Skolēnam nav piešķirts apstiprināšanas PIN.',
    en: 'The student has no confirmation PIN yet.',
  },
  pin_locked: {
    lv: 'PIN bloķēts pēc 5 nepareiziem mēģinājumiem; skolas koordinators var piešķirt jaunu.',
    en: 'The PIN is locked after 5 wrong attempts; the school coordinator can set a new one.',
  },
  // Also the answer for a student who is not in the session: the two must look the same.
  pin_wrong: { lv: 'Nepareizs PIN.', en: 'Wrong PIN.' },
  too_many_confirmations: {
    lv: 'Pārāk daudz neveiksmīgu apstiprināšanas mēģinājumu. Mēģiniet vēlāk.',
    en: 'Too many failed confirmation attempts. Try again later.',
  },
  pin_format: { lv: 'PIN ir 4–6 cipari.', en: 'A PIN has 4–6 digits.' },
  invalid_time: { lv: 'Laiks formātā SS:MM.', en: 'Time as HH:MM.' },
  month_signed_off: {
    lv: 'Šis mēnesis ir apstiprināts un slēgts; labojumus ievadiet kā korekcijas.',
    en: 'This month is signed off and locked; enter corrections as adjustments.',
  },
  adjustment_before_signoff: {
    lv: 'Korekcijas ievada tikai pēc mēneša apstiprināšanas.',
    en: 'Adjustments are entered only after the month is signed off.',
  },
  invalid_month: { lv: 'Mēnesis formātā GGGG-MM.', en: 'Month as YYYY-MM.' },
  no_budget: {
    lv: 'Izglītības iestādei šim semestrim nav piešķirts budžets šim atbalsta veidam.',
    en: 'The school has no budget for this kind of support this semester.',
  },
  over_budget: {
    lv: 'Ieraksts pārsniegtu izglītības iestādes budžetu. Koordinators to var atļaut, norādot pamatojumu.',
    en: 'This would exceed the school’s budget. A coordinator can allow it with a reason.',
  },
  over_cap: {
    lv: 'Ieraksts pārsniegtu vienam skolēnam noteikto limitu. Koordinators to var atļaut, norādot pamatojumu.',
    en: 'This would exceed the per-student cap. A coordinator can allow it with a reason.',
  },
  payment_measure: {
    lv: 'Maksājumu var reģistrēt tikai ekonomiskā atbalsta pasākumam.',
    en: 'A payment needs an economic support measure.',
  },
  rate_limited: {
    lv: 'Pārāk daudz pieprasījumu. Mēģiniet vēlāk.',
    en: 'Too many requests. Try again later.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type MessageCode = keyof typeof MESSAGES;

/** The message for `code` in `lang`. */
export function message(code: MessageCode, lang: Language): string {
  return MESSAGES[code][lang];
}
