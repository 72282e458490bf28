import type { ApprovalLevel, PlanStatus, TMeasure, TPlan } from '../../../common/api/plans.ts';
import type { TSemester } from '../../../common/api/risks.ts';
import { formatEuro } from '../../../common/format.ts';
import { currentLanguage } from '../../i18n/index.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "2026./2027. m. g. 1. semestris" — the same words the server uses. */
export function semesterLabel(t: Translate, semester: Pick<TSemester, 'schoolYear' | 'number'>): string {
  return t('plans.semesterValue', {
    from: semester.schoolYear,
    to: semester.schoolYear + 1,
    number: semester.number,
  });
}

/** The programme's status name, with the approval level while in approval: "Saskaņošanā (pašvaldība)". */
export function statusLabel(t: Translate, status: PlanStatus, level: ApprovalLevel | null): string {
  const name = t(`plans.statuses.${status}`);
  return status === 'in_approval' && level ? `${name} (${t(`plans.levels.${level}`)})` : name;
}

/** Hours since a moment, to one decimal place (what the server sends as `waitingHours`). */
export function hoursSince(iso: string | null, now = Date.now()): number | null {
  if (!iso) return null;
  return Math.max(0, (now - new Date(iso).getTime()) / 3_600_000);
}

/** How long a plan has waited: "mazāk par 1 h", "3 h", then whole days from 48 hours on. */
export function waitedLabel(t: Translate, hours: number): string {
  if (hours < 1) return t('plans.waitedUnderHour');
  if (hours < 48) return t('plans.waitedHours', { n: Math.floor(hours) });
  return t('plans.waitedDays', { count: Math.floor(hours / 24) });
}

/** Planned hours in the interface language's number format, e.g. "2,5 h". */
export function hoursLabel(hours: number): string {
  const text = String(hours);
  return `${currentLanguage() === 'lv' ? text.replace('.', ',') : text} h`;
}

/** Euros from cents, "25,00 €" in Latvian, "€25.00" in English. */
export function euroLabel(cents: number): string {
  return formatEuro(cents, currentLanguage());
}

/** A risk as shown in lists: "L01 Neattaisnoti mācību kavējumi", or a note that its details are restricted. */
export function riskLabel(
  t: Translate,
  risk:
    | { riskType: string; riskCode: string | null; nameLv: string | null; nameEn: string | null }
    | undefined,
): string {
  if (!risk) return t('plans.riskUnknown');
  const name = currentLanguage() === 'lv' ? risk.nameLv : risk.nameEn;
  if (name === null) return t('plans.riskRestricted', { type: t(`plans.riskTypes.${risk.riskType}`) });
  return risk.riskCode ? `${risk.riskCode} ${name}` : name;
}

/** A measure in a few words: "Konsultācijas: Psihologs", "Ekonomiskais atbalsts: Ēdināšana". */
export function measureTitle(t: Translate, measure: TMeasure): string {
  const kind = t(`plans.measureKinds.${measure.kind}`);
  if (measure.kind === 'consultation') {
    if (!measure.consultationType) return kind;
    const type = t(`plans.consultationTypes.${measure.consultationType}`);
    return measure.consultationType === 'subject' && measure.subject
      ? `${kind}: ${type} (${measure.subject})`
      : `${kind}: ${type}`;
  }
  if (measure.kind === 'economic') {
    return measure.economicCategory
      ? `${kind}: ${t(`plans.economicCategories.${measure.economicCategory}`)}`
      : kind;
  }
  return measure.otherType ? `${kind}: ${t(`plans.otherTypes.${measure.otherType}`)}` : kind;
}

/** What is planned for a measure: hours, euros or nothing countable. */
export function measurePlanned(t: Translate, measure: TMeasure): string {
  if (measure.kind === 'consultation' && measure.plannedHours !== null)
    return hoursLabel(measure.plannedHours);
  if (measure.kind === 'economic' && measure.plannedCents !== null) return euroLabel(measure.plannedCents);
  return t('common.none');
}

/** The comments of the last return, per measure id (empty once the plan is submitted again). */
export function returnMeasureComments(plan: TPlan): Map<string, string> {
  if (plan.returnComment === null) return new Map();
  const lastReturn = [...plan.history].reverse().find((event) => event.action === 'return');
  return new Map((lastReturn?.measureComments ?? []).map((c) => [c.measureId, c.comment]));
}
