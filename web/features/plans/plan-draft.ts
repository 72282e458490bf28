import { z } from 'zod';
import {
  type TMeasure,
  type TPlanContent,
  ZPlanContent,
  ZPlanSubmission,
} from '../../../common/api/plans.ts';
import type { ApiError } from '../../lib/api.ts';

type Kind = TMeasure['kind'];

/** A measure as edited: numbers may be empty while typing, the amount is in euros. */
export type DraftMeasure = {
  id: string;
  kind: Kind;
  consultationType: string | null;
  subject: string;
  providerId: string | null;
  plannedHours: number | string;
  economicCategory: string | null;
  euros: number | string;
  otherType: string | null;
  description: string;
  riskIds: string[];
  justification: string;
};

/** A goal as edited. */
export type DraftGoal = { id: string; text: string; criterion: string };

/** The plan's content as edited in the form. */
export type PlanDraft = {
  riskIds: string[];
  goals: DraftGoal[];
  measures: DraftMeasure[];
  supervisorId: string | null;
};

/** The saved content in the form's shape (cents become euros). */
export function draftFrom(content: TPlanContent): PlanDraft {
  return {
    riskIds: [...content.riskIds],
    goals: content.goals.map((g) => ({ ...g })),
    measures: content.measures.map((m) => ({
      id: m.id,
      kind: m.kind,
      consultationType: m.consultationType,
      subject: m.subject ?? '',
      providerId: m.providerId,
      plannedHours: m.plannedHours ?? '',
      economicCategory: m.economicCategory,
      euros: m.plannedCents === null ? '' : m.plannedCents / 100,
      otherType: m.otherType,
      description: m.description,
      riskIds: [...m.riskIds],
      justification: m.justification,
    })),
    supervisorId: content.supervisorId,
  };
}

const numberOrNull = (value: number | string): number | null => {
  if (value === '' || value === null) return null;
  const n = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
  return Number.isFinite(n) ? n : null;
};

/**
 * The form's content as the API takes it: only the fields of the measure's kind are kept (so a
 * change of kind leaves nothing behind), euros become whole cents.
 */
export function contentFrom(draft: PlanDraft): TPlanContent {
  return {
    riskIds: draft.riskIds,
    goals: draft.goals.map((g) => ({ id: g.id, text: g.text.trim(), criterion: g.criterion.trim() })),
    measures: draft.measures.map((m) => {
      const euros = numberOrNull(m.euros);
      const consultation = m.kind === 'consultation';
      return {
        id: m.id,
        kind: m.kind,
        consultationType: consultation ? (m.consultationType as TMeasure['consultationType']) : null,
        subject: consultation && m.consultationType === 'subject' ? m.subject.trim() || null : null,
        providerId: m.kind === 'economic' ? null : m.providerId,
        plannedHours: consultation ? numberOrNull(m.plannedHours) : null,
        economicCategory: m.kind === 'economic' ? (m.economicCategory as TMeasure['economicCategory']) : null,
        plannedCents: m.kind === 'economic' && euros !== null ? Math.round(euros * 100) : null,
        otherType: m.kind === 'other' ? (m.otherType as TMeasure['otherType']) : null,
        description: m.description.trim(),
        riskIds: m.riskIds.filter((r) => draft.riskIds.includes(r)),
        justification: m.justification.trim(),
      };
    }),
    supervisorId: draft.supervisorId,
  };
}

/**
 * The form's values checked by the API's own schemas, as they would be sent (`contentFrom`): a save
 * by the content's schema, a submission by the submission's. Issue paths are the API's
 * (`measures.1.riskIds`; the euro field's problems are at `plannedCents`).
 */
const sent = z.custom<PlanDraft>().transform((d): z.input<typeof ZPlanContent> => contentFrom(d));
export const ZDraftSave = sent.pipe(ZPlanContent);
export const ZDraftSubmission = sent.pipe(ZPlanSubmission);

/** A new, empty goal. */
export function newGoal(): DraftGoal {
  return { id: crypto.randomUUID(), text: '', criterion: '' };
}

/** A new consultation measure, linked to the plan's only risk when there is just one. */
export function newMeasure(planRiskIds: string[]): DraftMeasure {
  return {
    id: crypto.randomUUID(),
    kind: 'consultation',
    consultationType: null,
    subject: '',
    providerId: null,
    plannedHours: '',
    economicCategory: null,
    euros: '',
    otherType: null,
    description: '',
    riskIds: planRiskIds.length === 1 ? [...planRiskIds] : [],
    justification: '',
  };
}

/** Running totals of the form, the same sums the server makes. */
export function draftTotals(draft: PlanDraft) {
  let consultationHours = 0;
  let economicCents = 0;
  let otherMeasures = 0;
  for (const m of draft.measures) {
    if (m.kind === 'consultation') consultationHours += numberOrNull(m.plannedHours) ?? 0;
    else if (m.kind === 'economic') economicCents += Math.round((numberOrNull(m.euros) ?? 0) * 100);
    else otherMeasures += 1;
  }
  return { consultationHours, economicCents, otherMeasures };
}

/** Field path (e.g. `measures.0.plannedHours`) → message, from a refused save or submission. */
export type PathErrors = Record<string, string>;

/** The server's field problems by full path; `plannedCents` is shown on the euro field. */
export function pathErrorsFrom(error: unknown): PathErrors {
  // By shape, not `instanceof`: this module stays free of the browser's API client (unit tests load it).
  const details = (error as Partial<ApiError> | null)?.details;
  if (!Array.isArray(details)) return {};
  const result: PathErrors = {};
  for (const detail of details) {
    const path = detail.path.replace(/^body\./, '');
    if (!result[path]) result[path] = detail.message;
  }
  return result;
}
