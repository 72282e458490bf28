import type { TMeasure } from '../../../common/api/plans.ts';
import { euroLabel, hoursLabel, riskLabel } from './plan-labels.ts';
import type { RiskOption } from './plan-risks-field.tsx';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What the diff view needs to put values into words: risks and staff by id. */
export type DiffContext = { risks: Map<string, RiskOption>; staff: Map<string, string> };

/** The label of a measure field as named in the editor ("Plānotās stundas"). */
export function measureFieldLabel(t: Translate, field: string): string {
  const labels: Record<string, string> = {
    kind: 'plans.measureKind',
    consultationType: 'plans.consultationType',
    subject: 'plans.subject',
    providerId: 'plans.provider',
    plannedHours: 'plans.plannedHours',
    economicCategory: 'plans.economicCategory',
    plannedCents: 'plans.plannedEuros',
    otherType: 'plans.otherType',
    description: 'plans.description',
    riskIds: 'plans.measureRisks',
    justification: 'plans.justification',
  };
  return labels[field] ? t(labels[field]) : field;
}

/** One field of a measure in words: "4 h", "25,00 €", "psihologs", the names of the linked risks, or "—". */
export function measureFieldValue(t: Translate, measure: TMeasure, field: string, ctx: DiffContext): string {
  const none = t('common.none');
  switch (field) {
    case 'kind':
      return t(`plans.measureKinds.${measure.kind}`);
    case 'consultationType':
      return measure.consultationType ? t(`plans.consultationTypes.${measure.consultationType}`) : none;
    case 'economicCategory':
      return measure.economicCategory ? t(`plans.economicCategories.${measure.economicCategory}`) : none;
    case 'otherType':
      return measure.otherType ? t(`plans.otherTypes.${measure.otherType}`) : none;
    case 'plannedHours':
      return measure.plannedHours === null ? none : hoursLabel(measure.plannedHours);
    case 'plannedCents':
      return measure.plannedCents === null ? none : euroLabel(measure.plannedCents);
    case 'providerId':
      return measure.providerId ? (ctx.staff.get(measure.providerId) ?? t('plans.staffHidden')) : none;
    case 'riskIds':
      return measure.riskIds.map((id) => riskLabel(t, ctx.risks.get(id))).join('; ') || none;
    case 'subject':
      return measure.subject || none;
    case 'description':
      return measure.description || none;
    case 'justification':
      return measure.justification || none;
    default:
      return none;
  }
}
