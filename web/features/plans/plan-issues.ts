import type { TFunction } from 'i18next';
import type { DraftMeasure, PlanDraft } from './plan-draft.ts';

/** One problem of the plan's form, named for the user and tied to the field it concerns. */
export type PlanIssue = {
  /** The field's path, e.g. `measures.1.riskIds` (item paths such as `…riskIds.0` are cut to the field). */
  path: string;
  /** The id of the field's element in the editor (see `planFieldId`). */
  fieldId: string;
  /** The problem alone, shown on the field, e.g. "Nav piesaistīts neviens risks". */
  problem: string;
  /** The problem with the part of the plan it concerns, for the summary, e.g. "2. pasākums (…): nav …". */
  text: string;
};

/** The measure's fields in the order the editor shows them. */
const MEASURE_FIELDS = [
  'kind',
  'consultationType',
  'subject',
  'providerId',
  'plannedHours',
  'economicCategory',
  'plannedCents',
  'otherType',
  'description',
  'riskIds',
  'justification',
] as const;
const GOAL_FIELDS = ['text', 'criterion'] as const;
const TOP = ['riskIds', 'goals', 'measures', 'supervisorId'] as const;

/** The element id of a field of the editor, by its path: `measures.1.riskIds` → `plan-measures-1-riskIds`. */
export function planFieldId(path: string): string {
  return `plan-${path.replace(/\./g, '-')}`;
}

const empty = (value: unknown) =>
  value === null ||
  value === undefined ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

const capitalise = (s: string) => (s ? s[0].toLocaleUpperCase() + s.slice(1) : s);

/** The measure as the user knows it: its type ("Psihologa konsultācijas"), else its kind. */
export function measureName(t: TFunction, m: DraftMeasure): string {
  if (m.kind === 'consultation' && m.consultationType)
    return t(`planEditor.measureNames.consultation.${m.consultationType}`);
  if (m.kind === 'economic' && m.economicCategory)
    return t('planEditor.measureNames.economic', {
      // Select values are capitalised as sentences; inside this name the category is mid-sentence.
      category: t(`plans.economicCategories.${m.economicCategory}`).toLocaleLowerCase(),
    });
  if (m.kind === 'other' && m.otherType) return t(`planEditor.measureNames.other.${m.otherType}`);
  return t(`plans.measureKinds.${m.kind}`);
}

/** The value the form holds for a measure's field (`plannedCents` is typed as euros). */
function measureValue(m: DraftMeasure, field: string): unknown {
  if (field === 'plannedCents') return m.euros;
  return (m as unknown as Record<string, unknown>)[field];
}

type Located = { path: string; order: number[]; issue: Omit<PlanIssue, 'path' | 'fieldId'> };

function locate(t: TFunction, draft: PlanDraft, rawPath: string): Located | null {
  const parts = rawPath.replace(/^body\./, '').split('.');
  const [section, second, third] = parts;
  const state = (value: unknown) => (empty(value) ? 'missing' : 'invalid');
  if (section === 'measures' && second !== undefined && /^\d+$/.test(second)) {
    const index = Number(second);
    const m = draft.measures[index];
    if (!m) return null;
    const field = (MEASURE_FIELDS as readonly string[]).includes(third ?? '') ? (third as string) : 'other';
    const problem = t(`planEditor.measure.${state(measureValue(m, field))}.${field}`);
    const where = t('planEditor.measureWhere', { n: index + 1, name: measureName(t, m) });
    return {
      path: field === 'other' ? `measures.${index}` : `measures.${index}.${field}`,
      order: [2, index, MEASURE_FIELDS.indexOf(field as (typeof MEASURE_FIELDS)[number])],
      issue: { problem: capitalise(problem), text: t('planEditor.issue', { where, problem }) },
    };
  }
  if (section === 'goals' && second !== undefined && /^\d+$/.test(second)) {
    const index = Number(second);
    const g = draft.goals[index];
    if (!g) return null;
    const field = (GOAL_FIELDS as readonly string[]).includes(third ?? '') ? (third as string) : 'other';
    const value = field === 'other' ? g : (g as unknown as Record<string, unknown>)[field];
    const problem = t(`planEditor.goal.${state(value)}.${field}`);
    const where = t('planEditor.goalWhere', { n: index + 1 });
    return {
      path: field === 'other' ? `goals.${index}` : `goals.${index}.${field}`,
      order: [1, index, GOAL_FIELDS.indexOf(field as (typeof GOAL_FIELDS)[number])],
      issue: { problem: capitalise(problem), text: t('planEditor.issue', { where, problem }) },
    };
  }
  const top = (TOP as readonly string[]).includes(section ?? '') ? (section as (typeof TOP)[number]) : null;
  if (!top) return null;
  const problem = t(`planEditor.plan.${state(draft[top])}.${top}`);
  const order = { riskIds: 0, goals: 1, measures: 2, supervisorId: 3 }[top];
  return {
    path: top,
    order: [order, -1, 0],
    issue: { problem: capitalise(problem), text: capitalise(problem) },
  };
}

/**
 * The form's problems (field path → message, from the zod schema the server shares, or from the
 * server's answer) as named issues in the order of the form, one per field: which measure or goal,
 * which field and what is wrong with it.
 */
export function planIssues(t: TFunction, draft: PlanDraft, errors: Record<string, unknown>): PlanIssue[] {
  const byPath = new Map<string, Located>();
  for (const rawPath of Object.keys(errors)) {
    const located = locate(t, draft, rawPath);
    if (located && !byPath.has(located.path)) byPath.set(located.path, located);
  }
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  };
  return [...byPath.values()]
    .sort((a, b) => compare(a.order, b.order))
    .map((l) => ({ path: l.path, fieldId: planFieldId(l.path), ...l.issue }));
}

/** The issues as field errors (path → the problem) for the fields' `error` props. */
export function issueErrors(issues: PlanIssue[]): Record<string, string> {
  return Object.fromEntries(issues.map((i) => [i.path, i.problem]));
}
