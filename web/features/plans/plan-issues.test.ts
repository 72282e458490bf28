import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DraftMeasure, type PlanDraft, ZDraftSave, ZDraftSubmission } from './plan-draft.ts';
import { planFieldId, planIssues } from './plan-issues.ts';

const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../i18n');
const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
const bundle = (lang: string) => ({
  ...read(`${lang}.json`),
  ...read(`${lang}/plans.json`),
  ...read(`${lang}/plan-editor.json`),
});

let lv: TFunction;
let en: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'lv',
    resources: { lv: { translation: bundle('lv') }, en: { translation: bundle('en') } },
    interpolation: { escapeValue: false },
  });
  lv = i18n.getFixedT('lv');
  en = i18n.getFixedT('en');
});

const RISK = '0b6a6c38-5d5e-4a86-9a39-6f0a3b0c0001';
const measure = (patch: Partial<DraftMeasure>): DraftMeasure => ({
  id: crypto.randomUUID(),
  kind: 'consultation',
  consultationType: 'subject',
  subject: 'Matemātika',
  providerId: null,
  plannedHours: 10,
  economicCategory: null,
  euros: '',
  otherType: null,
  description: '',
  riskIds: [RISK],
  justification: 'Vajadzīgs atbalsts',
  ...patch,
});
const draft = (
  measures: DraftMeasure[],
  goals = [{ id: crypto.randomUUID(), text: 'Mērķis', criterion: '' }],
) => ({ riskIds: [RISK], goals, measures, supervisorId: null }) satisfies PlanDraft;

describe('plan issues', () => {
  it('names the measure, its type and the field: a measure without a linked risk', () => {
    const d = draft([measure({}), measure({ consultationType: 'psychologist', riskIds: [] })]);
    const errors = zod4Resolver(ZDraftSubmission)(d as unknown as Record<string, unknown>);
    expect(Object.keys(errors)).toEqual(['measures.1.riskIds']);
    const [issue] = planIssues(lv, d, errors);
    expect(issue).toEqual({
      path: 'measures.1.riskIds',
      fieldId: 'plan-measures-1-riskIds',
      problem: 'Nav piesaistīts neviens risks',
      text: '2. pasākums (Psihologa konsultācijas): nav piesaistīts neviens risks',
    });
    expect(planIssues(en, d, errors)[0]?.text).toBe('Measure 2 (Psychologist consultations): no risk linked');
  });

  it('lists the problems in the order of the form, one per field, missing told from invalid', () => {
    const d = draft(
      [
        measure({ kind: 'economic', economicCategory: 'transport', euros: '', justification: ' ' }),
        measure({ plannedHours: 0.3, subject: '' }),
      ],
      [],
    );
    const errors = zod4Resolver(ZDraftSubmission)(d as unknown as Record<string, unknown>);
    const issues = planIssues(lv, d, errors);
    expect(issues.map((i) => i.text)).toEqual([
      'Plānā nav neviena mērķa',
      '1. pasākums (Ekonomiskais atbalsts, transports): nav norādīta plānotā summa',
      '1. pasākums (Ekonomiskais atbalsts, transports): nav norādīts pamatojums',
      '2. pasākums (Mācību priekšmeta pedagoga konsultācijas): nav norādīts mācību priekšmets',
      '2. pasākums (Mācību priekšmeta pedagoga konsultācijas): plānotajām stundām jābūt no 0,5 līdz 500, ar soli 0,5',
    ]);
    expect(issues.map((i) => i.fieldId)).toEqual([
      'plan-goals',
      'plan-measures-0-plannedCents',
      'plan-measures-0-justification',
      'plan-measures-1-subject',
      'plan-measures-1-plannedHours',
    ]);
  });

  it('saves a draft without goals, but not a measure without a risk (same schema as the server)', () => {
    const noGoals = draft([measure({})], []);
    expect(zod4Resolver(ZDraftSave)(noGoals as unknown as Record<string, unknown>)).toEqual({});
    expect(
      Object.keys(zod4Resolver(ZDraftSubmission)(noGoals as unknown as Record<string, unknown>)),
    ).toEqual(['goals']);
    const unlinked = draft([measure({ riskIds: [] })]);
    expect(Object.keys(zod4Resolver(ZDraftSave)(unlinked as unknown as Record<string, unknown>))).toEqual([
      'measures.0.riskIds',
    ]);
  });

  it('cuts item paths to their field, takes server paths with `body.`, and skips what the form does not hold', () => {
    const d = draft([measure({ kind: 'other', otherType: 'mentoring', providerId: 'x' })]);
    const issues = planIssues(lv, d, {
      'body.measures.0.providerId': 'not_school_staff',
      'measures.0.riskIds.0': 'invalid',
      'measures.7.riskIds': 'too_small',
      '': 'whole body',
    });
    expect(issues.map((i) => i.text)).toEqual([
      '1. pasākums (Mentorings): sniedzējs nav šīs skolas darbinieks',
      '1. pasākums (Mentorings): piesaistītie riski nav plāna riski vai to ir par daudz',
    ]);
    expect(planFieldId('supervisorId')).toBe('plan-supervisorId');
  });
});
