import type { PlanStatus, TMeasure } from '../../../common/api/plans.ts';
import type { Language } from '../../../common/roles.ts';

const STATUS: Record<Language, Record<PlanStatus, string>> = {
  lv: {
    draft: 'Projekts',
    in_approval: 'Saskaņošanā',
    approved: 'Apstiprināts',
    in_progress: 'Īstenošanā',
    paused: 'Apturēts',
    under_revision: 'Pārskatīšanā',
    evaluated: 'Izvērtēts',
    closed: 'Slēgts',
    deleted: 'Neaktīvs',
  },
  en: {
    draft: 'Draft',
    in_approval: 'In approval',
    approved: 'Approved',
    in_progress: 'In progress',
    paused: 'Paused',
    under_revision: 'Under revision',
    evaluated: 'Evaluated',
    closed: 'Closed',
    deleted: 'Inactive',
  },
};

const WORDS: Record<Language, Record<string, string>> = {
  lv: {
    subject: 'priekšmeta pedagogs',
    psychologist: 'psihologs',
    social_pedagogue: 'sociālais pedagogs',
    speech_therapist: 'logopēds',
    special_educator: 'speciālais pedagogs',
    teacher_assistant: 'pedagoga palīgs',
    transport: 'transports',
    accommodation: 'naktsmītne',
    meals: 'ēdināšana',
    study_materials: 'mācību līdzekļi',
    personal_items: 'personiskās lietas (apģērbs, apavi, higiēna)',
    mentoring: 'mentorings',
    youth_initiative: 'jauniešu iniciatīva',
  },
  en: {
    subject: 'subject teacher',
    psychologist: 'psychologist',
    social_pedagogue: 'social pedagogue',
    speech_therapist: 'speech therapist',
    special_educator: 'special educator',
    teacher_assistant: "teacher's assistant",
    transport: 'transport',
    accommodation: 'accommodation',
    meals: 'meals',
    study_materials: 'study materials',
    personal_items: 'personal items (clothes, shoes, hygiene)',
    mentoring: 'mentoring',
    youth_initiative: 'youth initiative',
  },
};

/** A plan status in the programme's words (Projekts, Saskaņošanā, …). */
export function statusLabel(status: PlanStatus, lang: Language): string {
  return STATUS[lang][status];
}

/** A measure in a few words: the specialist or subject, the category, or the other kind. */
export function measureLabel(m: TMeasure, lang: Language): string {
  const w = WORDS[lang];
  if (m.kind === 'consultation')
    return m.consultationType === 'subject'
      ? `${w.subject} (${m.subject})`
      : (w[m.consultationType ?? ''] ?? '');
  if (m.kind === 'economic') return w[m.economicCategory ?? ''] ?? '';
  return `${w[m.otherType ?? ''] ?? ''}${m.description ? ` — ${m.description}` : ''}`;
}
