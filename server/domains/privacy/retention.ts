import type { RetentionClass } from './inventory/index.ts';
import type { RetentionSettings } from './settings.ts';

type Text = { lv: string; en: string };

/** One retention class as the national admin and the record of processing show it. */
export interface RetentionClassInfo {
  code: RetentionClass;
  /** The period in words, with the current setting filled in. */
  period: Text;
  /** What happens when it runs out, and what starts the clock. */
  rule: Text;
  /** Where the period comes from: a law, or the stated assumption and its setting. */
  source: Text;
  /** The environment variable that sets it (null: fixed in the code). */
  setting: string | null;
}

/**
 * The retention classes with their rules and sources. Where the period is not in the project's
 * sources (shared/domain-notes.md), it is an assumption, stated as such, and a setting.
 */
export function retentionClasses(s: RetentionSettings): RetentionClassInfo[] {
  return [
    {
      code: 'case_record',
      period: {
        lv: `${s.caseYears} gadi pēc lietas beigām (pēdējā plāna semestra beigas, pēdējais ieraksts vai skolas atstāšana), ne agrāk kā ${s.programmeUntil}`,
        en: `${s.caseYears} years after the case ended (end of the last plan's semester, last record or leaving school), not before ${s.programmeUntil}`,
      },
      rule: {
        lv: 'Kad termiņš beidzies un skolēns vairs nemācās, skolēnu anonimizē: vārds, personas kods, dzimšanas datums, aizbildņi, kontakti un brīvie teksti tiek notīrīti; skaitļi pārskatiem paliek.',
        en: 'Once it has run out and the student no longer attends, the student is anonymised: name, personal code, birth date, guardians, contacts and free texts are cleared; the counts for reports stay.',
      },
      source: {
        lv: `ESF projekta dokumenti jāglabā noteiktu laiku pēc programmas (MK noteikumi Nr. 460 (2016), Nr. 483 (2024); Regula (ES) 2021/1060 82. pants — 5 gadi): pieņēmums — līdz ${s.programmeUntil} (PUMPURS_RETENTION_PROGRAMME_UNTIL) un ${s.caseYears} gadi pēc lietas (PUMPURS_RETENTION_CASE_YEARS). VDAR 6(1)(c)/(e), 9(2)(g).`,
        en: `ESF programme records are kept for a legal period after the programme (Cabinet Regulations No. 460 (2016), No. 483 (2024); Regulation (EU) 2021/1060 Art. 82 — 5 years): assumed until ${s.programmeUntil} (PUMPURS_RETENTION_PROGRAMME_UNTIL) and ${s.caseYears} years after the case (PUMPURS_RETENTION_CASE_YEARS). GDPR Art. 6(1)(c)/(e), 9(2)(g).`,
      },
      setting: 'PUMPURS_RETENTION_CASE_YEARS, PUMPURS_RETENTION_PROGRAMME_UNTIL',
    },
    {
      code: 'screening',
      period: {
        lv: `kamēr skolēns mācās, un ${s.screeningMonths} mēneši pēc skolas atstāšanas`,
        en: `while the student attends, and ${s.screeningMonths} months after leaving school`,
      },
      rule: {
        lv: 'Skolēnu, kuram nav lietas ierakstu, anonimizē tāpat kā lietu; e-žurnāla skaitļi (kavējumi, atzīmes) paliek bez vārda.',
        en: 'A student with no case record is anonymised the same way; the e-journal figures (absences, marks) stay without a name.',
      },
      source: {
        lv: 'Pieņēmums (avotos nav termiņa): agrīnās brīdināšanas dati vajadzīgi, kamēr skolēns mācās (VDAR 6(1)(e)); PUMPURS_RETENTION_SCREENING_MONTHS.',
        en: 'Assumption (no period in the sources): early-warning data is needed while the student attends (GDPR Art. 6(1)(e)); PUMPURS_RETENTION_SCREENING_MONTHS.',
      },
      setting: 'PUMPURS_RETENTION_SCREENING_MONTHS',
    },
    {
      code: 'contact',
      period: { lv: 'tikpat, cik skolēna ieraksts', en: "as long as the student's record" },
      rule: {
        lv: 'Aizbildņu vārdi, tālruņi un e-pasti tiek notīrīti kopā ar skolēna anonimizēšanu.',
        en: "Guardians' names, phones and e-mails are cleared when the student is anonymised.",
      },
      source: {
        lv: 'Vajadzīgi vēstulēm un iesniegumiem, kamēr ir skolēna lieta (VDAR 6(1)(e)).',
        en: "Needed for letters and applications while the student's case is kept (GDPR Art. 6(1)(e)).",
      },
      setting: null,
    },
    {
      code: 'staff_account',
      period: { lv: 'kamēr konts ir aktīvs', en: 'while the account is active' },
      rule: {
        lv: 'Deaktivizēts konts paliek, jo uz to atsaucas lietas un audita ieraksti; paroles jaucējkods netiek izmantots.',
        en: 'A deactivated account is kept because case and audit records refer to it; its password hash is no longer used.',
      },
      source: {
        lv: 'Pieņēmums: atbildība par ierakstiem (VDAR 5(2), 6(1)(e)).',
        en: 'Assumption: accountability for the records (GDPR Art. 5(2), 6(1)(e)).',
      },
      setting: null,
    },
    {
      code: 'audit',
      period: { lv: `${s.auditYears} gadi`, en: `${s.auditYears} years` },
      rule: {
        lv: 'Audita žurnāls un dzēšanas žurnāls satur tikai identifikatorus, nevis vērtības; tie netiek anonimizēti.',
        en: 'The audit log and the erasure log hold ids, never values; they are not anonymised.',
      },
      source: {
        lv: 'Pieņēmums: pārskatatbildība (VDAR 5(2), 30. pants); PUMPURS_RETENTION_AUDIT_YEARS. Audita žurnāls ir tikai pievienojams: dzēšana pēc termiņa ir datubāzes administratora darbs.',
        en: "Assumption: accountability (GDPR Art. 5(2), Art. 30); PUMPURS_RETENTION_AUDIT_YEARS. The audit log is append-only: deleting rows past the period is the database administrator's task.",
      },
      setting: 'PUMPURS_RETENTION_AUDIT_YEARS',
    },
    {
      code: 'auth_technical',
      period: {
        lv: 'pieteikšanās mēģinājumi 1 diena, sesijas līdz beigām, atkārtotu pieprasījumu atbildes 1 diena',
        en: 'sign-in attempts 1 day, sessions until they expire, answers to repeated requests 1 day',
      },
      rule: {
        lv: 'Ik stundu tiek dzēsti (housekeeping.prune).',
        en: 'Deleted every hour (housekeeping.prune).',
      },
      source: {
        lv: 'Vajadzīgi tikai ātruma ierobežojumiem un drošībai (VDAR 5(1)(e), 32. pants).',
        en: 'Needed only for rate limits and security (GDPR Art. 5(1)(e), Art. 32).',
      },
      setting: null,
    },
    {
      code: 'technical',
      period: {
        lv: `importa faili ${s.importDays} dienas, paziņojumi ${s.notificationDays} dienas pēc izlasīšanas, fona darbi 90 dienas`,
        en: `import files ${s.importDays} days, notifications ${s.notificationDays} days after being read, background jobs 90 days`,
      },
      rule: {
        lv: 'Ik dienu tiek dzēsti (privacy.retention).',
        en: 'Deleted every day (privacy.retention).',
      },
      source: {
        lv: 'Pieņēmums: glabāšanas ierobežojums (VDAR 5(1)(e)); PUMPURS_RETENTION_IMPORT_DAYS, PUMPURS_RETENTION_NOTIFICATION_DAYS.',
        en: 'Assumption: storage limitation (GDPR Art. 5(1)(e)); PUMPURS_RETENTION_IMPORT_DAYS, PUMPURS_RETENTION_NOTIFICATION_DAYS.',
      },
      setting: 'PUMPURS_RETENTION_IMPORT_DAYS, PUMPURS_RETENTION_NOTIFICATION_DAYS',
    },
    {
      code: 'reference',
      period: { lv: 'bez termiņa', en: 'no limit' },
      rule: {
        lv: 'Klasifikatori, organizācijas un apkopoti skaitļi nav personas dati.',
        en: 'Catalogues, organisations and aggregated figures are not personal data.',
      },
      source: { lv: '—', en: '—' },
      setting: null,
    },
  ];
}
