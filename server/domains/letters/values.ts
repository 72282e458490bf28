import type { TSendLetterBody } from '../../../common/api/letters.ts';
import type { TPlan } from '../../../common/api/plans.ts';
import { formatDate, formatEuro } from '../../../common/format.ts';
import type { Language } from '../../../common/roles.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { today } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { conflict, NotFoundError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { findCurrentSemester } from '../calendar/index.ts';
import { countUnjustifiedLessons, LEGAL_DUTY_UNJUSTIFIED_LESSONS } from '../ejournal/index.ts';
import { loadPlan, measureLabel, presentPlan } from '../plans/index.ts';
import type { StudentRow } from '../students/index.ts';
import * as repo from './repo.ts';

/** Statuses of a plan that has ended (the "plan ended" letter). */
const ENDED = new Set(['evaluated', 'closed']);

/** The goals as numbered lines. */
function goalLines(plan: TPlan): string {
  return plan.content.goals.map((g, i) => `${i + 1}. ${g.text}`).join('\n');
}

/** Each measure in plain words: what, who gives it, and how much. */
function measureLines(plan: TPlan, lang: Language): string {
  return plan.content.measures
    .map((m) => {
      const what = measureLabel(m, lang);
      const who = m.providerId ? plan.peopleNames[m.providerId] : null;
      const amount =
        m.kind === 'consultation' && m.plannedHours !== null
          ? t(lang, 'letters.hours', { hours: m.plannedHours })
          : m.kind === 'economic' && m.plannedCents !== null
            ? formatEuro(m.plannedCents, lang)
            : '';
      const parts = [what, who ? t(lang, 'letters.providedBy', { name: who }) : '', amount].filter(Boolean);
      return `• ${parts.join(', ')}`;
    })
    .join('\n');
}

/** The plan a letter is about: the one named (it must be the student's) or the student's latest. */
async function planFor(
  ctx: RequestContext,
  studentId: string,
  planId: string | undefined,
  lang: Language,
  tx: Db,
) {
  const id = planId ?? (await repo.findLatestPlanId(tx, studentId));
  if (!id) throw conflict('letter_no_plan', 'planId');
  const loaded = await loadPlan(ctx, id, tx);
  if (loaded.plan.studentId !== studentId || loaded.facts.status === 'deleted')
    throw new NotFoundError('plan', id);
  return presentPlan({ ...ctx, language: lang }, loaded, tx);
}

/** The values of a letter's placeholders, from the record. */
export async function letterValues(
  ctx: RequestContext,
  student: StudentRow,
  guardian: { firstName: string; lastName: string },
  input: TSendLetterBody,
  tx: Db,
): Promise<{ values: Record<string, string>; planId: string | null }> {
  const lang = input.language;
  const values: Record<string, string> = {
    studentName: `${student.firstName} ${student.lastName}`,
    schoolName: student.schoolName,
    guardianName: `${guardian.firstName} ${guardian.lastName}`,
    senderName: ctx.actor ? `${ctx.actor.firstName} ${ctx.actor.lastName}` : '',
    date: formatDate(today()),
  };
  if (input.kind === 'absences') {
    const semester = await findCurrentSemester(tx);
    if (!semester) throw conflict('letter_absences_below_threshold', 'kind');
    const to = [today(), semester.endsOn].sort()[0];
    const lessons = await countUnjustifiedLessons(tx, student.id, semester.startsOn, to);
    if (lessons <= LEGAL_DUTY_UNJUSTIFIED_LESSONS) throw conflict('letter_absences_below_threshold', 'kind');
    values.absences = String(lessons);
    values.threshold = String(LEGAL_DUTY_UNJUSTIFIED_LESSONS);
    values.period = t(lang, 'letters.period', {
      semester: t(lang, 'semester.label', {
        year: semester.schoolYear,
        nextYear: semester.schoolYear + 1,
        number: semester.number,
      }),
      from: formatDate(semester.startsOn),
      to: formatDate(to),
    });
    return { values, planId: null };
  }
  const plan = await planFor(ctx, student.id, input.planId, lang, tx);
  if (input.kind === 'plan_ended' && !ENDED.has(plan.status))
    throw conflict('letter_plan_not_ended', 'planId');
  values.planCode = plan.code;
  values.period = plan.semesterLabel;
  values.goals = goalLines(plan);
  values.measures = measureLines(plan, lang);
  return { values, planId: plan.id };
}

/** Sample values for the template preview (no real student). */
export function sampleValues(lang: Language): Record<string, string> {
  const s = (key: 'student' | 'guardian' | 'school' | 'sender' | 'goals' | 'measures' | 'period') =>
    t(lang, `letters.sample.${key}`);
  return {
    studentName: s('student'),
    schoolName: s('school'),
    guardianName: s('guardian'),
    senderName: s('sender'),
    date: formatDate(today()),
    planCode: 'IAP-2026-1-000123',
    period: s('period'),
    goals: s('goals'),
    measures: s('measures'),
    absences: '24',
    threshold: String(LEGAL_DUTY_UNJUSTIFIED_LESSONS),
  };
}
