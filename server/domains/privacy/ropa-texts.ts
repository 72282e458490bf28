import type { PartnerKind } from '../../../common/api/organisations.ts';
import type { DataCategory, DataSubject, LegalBasis, Purpose } from './inventory/index.ts';

type Text = { lv: string; en: string };

/** The texts of the record of processing (lv and en), keyed by the inventory's codes. */
export const PURPOSE_TEXT: Record<Purpose, Text> = {
  early_leaving_support: {
    lv: 'Priekšlaicīgas mācību pārtraukšanas riska novēršana: riski, individuālie atbalsta plāni, lietas piezīmes',
    en: 'Preventing early school leaving: risks, individual support plans, case notes',
  },
  screening: {
    lv: 'Agrīnā brīdināšana: skolēnu saraksti un e-žurnāla dati (kavējumi, atzīmes, uzvedība)',
    en: 'Early warning: class lists and e-journal data (absences, marks, behaviour)',
  },
  programme_finance: {
    lv: 'ESF programmas uzskaite: konsultācijas, darba laika uzskaite, ekonomiskais atbalsts, budžeti',
    en: 'ESF programme accounting: consultations, timesheets, economic support, budgets',
  },
  cooperation: {
    lv: 'Sadarbība ar partnerinstitūcijām (nosūtījumi)',
    en: 'Cooperation with partner institutions (referrals)',
  },
  communication: {
    lv: 'Saziņa ar vecākiem un aizbildņiem (vēstules, iesniegumi)',
    en: 'Communication with parents and guardians (letters, applications)',
  },
  reporting: { lv: 'Programmas pārskati un rezultāti', en: "The programme's reports and outcomes" },
  access_control: { lv: 'Darbinieku konti un piekļuves kontrole', en: 'Staff accounts and access control' },
  accountability: {
    lv: 'Pārskatatbildība: audita un dzēšanas žurnāls',
    en: 'Accountability: the audit and erasure logs',
  },
  operations: {
    lv: 'Sistēmas darbība: importi, fona darbi',
    en: "The system's operation: imports, background jobs",
  },
  reference_data: { lv: 'Klasifikatori un organizācijas', en: 'Catalogues and organisations' },
};

export const CATEGORY_TEXT: Record<DataCategory, Text> = {
  identifier: {
    lv: 'Identifikatori (vārds, personas kods, iekšējie id)',
    en: 'Identifiers (name, personal code, internal ids)',
  },
  demographic: {
    lv: 'Demogrāfiskie dati (dzimšanas datums, dzimums, radniecība)',
    en: 'Demographic data (birth date, gender, relation)',
  },
  contact: { lv: 'Kontaktinformācija', en: 'Contact details' },
  special_category: {
    lv: 'Īpašu kategoriju un sensitīvi dati (veselība, ģimenes un sociālā situācija, brīvie teksti)',
    en: 'Special-category and sensitive data (health, family and social situation, free texts)',
  },
  education_record: {
    lv: 'Izglītības dati (skola, klase, statuss, plāni)',
    en: 'Education records (school, class, status, plans)',
  },
  financial: {
    lv: 'Finanšu dati (atbalsta summas, saņēmēji)',
    en: 'Financial data (support amounts, recipients)',
  },
  staff_record: { lv: 'Darbinieka dati (amats, darba laiks)', en: 'Staff records (position, working time)' },
  authentication_secret: {
    lv: 'Autentifikācijas noslēpumi (jaucējkodi)',
    en: 'Authentication secrets (hashes)',
  },
  audit: { lv: 'Audita ieraksti', en: 'Audit records' },
  technical: { lv: 'Tehniskie dati', en: 'Technical data' },
  reference: { lv: 'Klasifikatori (nav personas dati)', en: 'Reference data (not personal)' },
  aggregate: { lv: 'Apkopoti skaitļi (nav personas dati)', en: 'Aggregated figures (not personal)' },
};

export const SUBJECT_TEXT: Record<DataSubject, Text> = {
  student: { lv: 'Skolēni (bieži nepilngadīgi)', en: 'Students (often minors)' },
  guardian: { lv: 'Vecāki un aizbildņi', en: 'Parents and guardians' },
  staff: {
    lv: 'Darbinieki (skolas, pašvaldības, IKVD, partneri)',
    en: 'Staff (schools, municipalities, IKVD, partners)',
  },
  none: { lv: '—', en: '—' },
};

export const BASIS_TEXT: Record<LegalBasis, Text> = {
  art6_1c: { lv: 'VDAR 6(1)(c) — juridisks pienākums', en: 'GDPR Art. 6(1)(c) — legal obligation' },
  art6_1e: {
    lv: 'VDAR 6(1)(e) — sabiedrības interesēs veicams uzdevums',
    en: 'GDPR Art. 6(1)(e) — task in the public interest',
  },
  art9_2g: {
    lv: 'VDAR 9(2)(g) — būtiskas sabiedrības intereses',
    en: 'GDPR Art. 9(2)(g) — substantial public interest',
  },
  art9_2h: { lv: 'VDAR 9(2)(h) — sociālā aprūpe', en: 'GDPR Art. 9(2)(h) — social care' },
  none: { lv: '—', en: '—' },
};

export const PARTNER_TEXT: Record<PartnerKind, Text> = {
  social_service: { lv: 'Sociālais dienests', en: 'Social service' },
  orphans_court: { lv: 'Bāriņtiesa', en: "Orphans' court" },
  police: { lv: 'Policija', en: 'Police' },
  health_care: { lv: 'Ārstniecības iestāde', en: 'Health care' },
  ngo: { lv: 'Nevalstiskā organizācija', en: 'Non-governmental organisation' },
  other: { lv: 'Cita institūcija', en: 'Other institution' },
};

/** The parts of the record that do not come from the inventory. */
export const ROPA_FIXED = {
  controller: {
    lv: 'Izglītības kvalitātes valsts dienests (IKVD), projekta “PuMPuRS” (Nr. 8.3.4.0/16/I/001) finansējuma saņēmējs; sadarbības partneri — pašvaldības un valsts profesionālās izglītības iestādes (MK noteikumi Nr. 460, 2016).',
    en: 'The State Service of Education Quality (IKVD), beneficiary of the “PuMPuRS” project (No. 8.3.4.0/16/I/001); cooperation partners — municipalities and state vocational schools (Cabinet Regulation No. 460, 2016).',
  },
  otherRecipients: [
    {
      lv: 'Vecāki un aizbildņi (vēstules par skolēnu)',
      en: 'Parents and guardians (letters about the student)',
    },
    {
      lv: 'Pašvaldību koordinatori un IKVD eksperti (plānu saskaņošana), revidenti (apkopoti un pseidonimizēti dati)',
      en: 'Municipal coordinators and IKVD experts (plan approval), auditors (aggregated and pseudonymised data)',
    },
  ] as Text[],
  transfers: {
    lv: 'Nav: dati netiek nodoti uz trešajām valstīm vai starptautiskām organizācijām.',
    en: 'None: no data is transferred to third countries or international organisations.',
  },
  security: [
    {
      lv: 'Piekļuve pēc lomas un organizācijas (viens autorizācijas vārti; cita skola = 404)',
      en: 'Access by role and organisation (one authorization gate; another school = 404)',
    },
    {
      lv: 'Katra skolēna datu lasīšana un rakstīšana tiek auditēta (tikai pievienojams žurnāls)',
      en: "Every read and write of a student's data is audited (append-only log)",
    },
    {
      lv: 'Paroles — argon2id; ierobežojumi pieteikšanās mēģinājumiem; otrais faktors (TOTP) vadošajām lomām',
      en: 'Passwords hashed with argon2id; sign-in rate limits; a second factor (TOTP) for managing roles',
    },
    {
      lv: 'Sesijas sīkdatnes ar CSRF aizsardzību; TLS pie starpniekservera',
      en: 'Session cookies with CSRF protection; TLS at the proxy',
    },
    {
      lv: 'Žurnālos nav personas kodu, vārdu, piezīmju, paroļu un PIN',
      en: 'Logs hold no personal codes, names, notes, passwords or PINs',
    },
    {
      lv: 'Glabāšanas termiņi un automātiska anonimizēšana; dzēšanas žurnāls',
      en: 'Retention periods and automatic anonymisation; an erasure log',
    },
    {
      lv: 'Datubāzes rezerves kopijas un atjaunošanas pārbaude',
      en: 'Database backups and a tested restore',
    },
  ] as Text[],
};
