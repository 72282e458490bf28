import type { PlanStatus, TMeasure } from '../../../common/api/plans.ts';
import type { Language } from '../../../common/roles.ts';
import { t, tOr } from '../../platform/i18n/index.ts';

/** A plan status in the programme's words (Projekts, Saskaņošanā, …). */
export function statusLabel(status: PlanStatus, lang: Language): string {
  return t(lang, `planStatus.${status}`);
}

/** A measure in a few words: the specialist or subject, the category, or the other kind. */
export function measureLabel(m: TMeasure, lang: Language): string {
  const word = (type: string | null | undefined) => tOr(lang, `measureWords.${type ?? ''}`, '');
  if (m.kind === 'consultation')
    return m.consultationType === 'subject'
      ? t(lang, 'measureLabel.subjectTeacher', { subject: m.subject ?? '' })
      : word(m.consultationType);
  if (m.kind === 'economic') return word(m.economicCategory);
  return m.description
    ? t(lang, 'measureLabel.withDescription', { type: word(m.otherType), description: m.description })
    : word(m.otherType);
}
