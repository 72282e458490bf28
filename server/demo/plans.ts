import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TPlanContent } from '../../common/api/plans.ts';
import {
  approvePlan,
  createPlan,
  evaluatePlan,
  movePlan,
  pausePlan,
  returnPlan,
  submitPlan,
  updatePlanContent,
} from '../domains/plans/index.ts';
import { findCatalogue, insertStudentRisk } from '../domains/risks/index.ts';
import { insertApplications, insertGuardians } from '../domains/students/index.ts';
import type { RequestContext } from '../platform/actor.ts';
import { addDays } from '../platform/dates.ts';
import type { Db } from '../platform/db.ts';
import { queryRows } from '../platform/db.ts';
import { loadActor } from '../platform/sessions/index.ts';
import type { DemoCalendar } from './calendar.ts';

const TARGETS = [
  'draft',
  'returned',
  'director',
  'municipality',
  'expert',
  'approved',
  'in_progress',
  'paused',
  'under_revision',
  'deleted',
] as const;

async function contextOf(tx: Db, userId: string | undefined): Promise<RequestContext> {
  const actor = userId ? await loadActor(tx, userId) : null;
  if (!actor) throw new Error('demo plan actor missing');
  return { actor, requestId: 'demo', ip: null, language: 'lv' };
}

function contentFor(riskIds: string[], providerId: string | null): TPlanContent {
  return {
    riskIds,
    supervisorId: null,
    goals: [
      {
        id: randomUUID(),
        text: 'Semestra vērtējums matemātikā vismaz 5 balles',
        criterion: 'Semestra vērtējums e-žurnālā',
      },
    ],
    measures: [
      {
        id: randomUUID(),
        kind: 'consultation',
        consultationType: 'subject',
        subject: 'Matemātika',
        providerId,
        plannedHours: 12,
        economicCategory: null,
        plannedCents: null,
        otherType: null,
        description: '',
        riskIds: [riskIds[0]],
        justification: 'Individuālas konsultācijas zināšanu robu novēršanai',
      },
      {
        id: randomUUID(),
        kind: 'economic',
        consultationType: null,
        subject: null,
        providerId: null,
        plannedHours: null,
        economicCategory: 'transport',
        plannedCents: 4500,
        otherType: null,
        description: '',
        riskIds: [riskIds[riskIds.length - 1]],
        justification: 'Sabiedriskā transporta biļetes uz skolu',
      },
    ],
  };
}

/**
 * Plans in every status for school 1, made through the same services people use: drafts, one
 * returned by the municipality, plans waiting at each level, approved, in progress, paused, under
 * revision, deleted — and, from last semester, evaluated and closed ones.
 */
export async function seedPlans(
  tx: Db,
  schoolId: string,
  users: Map<string, string>,
  cal: DemoCalendar,
): Promise<void> {
  const koord = await contextOf(tx, users.get('koord.s1'));
  const director = await contextOf(tx, users.get('direktors.s1'));
  const municipality = await contextOf(tx, users.get('koord.ziemelu'));
  const expert = await contextOf(tx, users.get('eksperts'));
  const { current, previous: past } = cal;
  const catalogue = await findCatalogue(tx);
  const learning = catalogue.find((c) => c.code === 'L03');
  const economic = catalogue.find((c) => c.code === 'E01');
  if (!learning || !economic) return;
  // Students of school 1 without data flags, so the watch list demo stays as it is.
  const students = await queryRows<{ id: string; last_name: string }>(
    tx,
    sql`select s.id, s.last_name from students s where s.school_id = ${schoolId}
        and not exists (select 1 from student_risks r where r.student_id = s.id) order by s.personal_code limit 14`,
  );
  const teacher = users.get('skolotajs.s1') ?? null;
  const approveTo = async (planId: string, levels: number) => {
    for (const ctx of [director, municipality, expert].slice(0, levels)) await approvePlan(ctx, planId, tx);
  };
  for (const [i, s] of students.entries()) {
    const semester = i >= TARGETS.length ? past : current;
    // A signed application and two recorded risks (learning, economic).
    const [guardianId] = await insertGuardians(tx, [
      {
        studentId: s.id,
        firstName: 'Aija',
        lastName: s.last_name,
        relation: 'mother',
        phone: null,
        email: null,
        language: 'lv',
      },
    ]);
    await insertApplications(tx, [
      {
        studentId: s.id,
        signedOn: addDays(past.startsOn, 4),
        signerType: 'guardian',
        guardianId,
        signerName: `Aija ${s.last_name}`,
        scope: 'participation_and_data',
        documentRef: null,
        createdBy: null,
      },
    ]);
    const riskIds = [
      await insertStudentRisk(tx, {
        studentId: s.id,
        semesterId: semester.id,
        riskVersionId: learning.versionId,
        justification: 'Nepietiekami vērtējumi matemātikā un fizikā',
        foundOn: semester.startsOn,
        foundBy: koord.actor?.userId ?? null,
      }),
      await insertStudentRisk(tx, {
        studentId: s.id,
        semesterId: semester.id,
        riskVersionId: economic.versionId,
        justification: 'Dzīvo 18 km no skolas, ģimenei trūkst līdzekļu biļetēm',
        foundOn: semester.startsOn,
        foundBy: koord.actor?.userId ?? null,
      }),
    ];
    const planId = await createPlan(koord, { studentId: s.id, semesterId: semester.id }, tx);
    const content = contentFor(riskIds, teacher);
    await updatePlanContent(koord, planId, content, tx);
    const target = i >= TARGETS.length ? (i % 2 === 0 ? 'evaluated' : 'closed') : TARGETS[i];
    if (target === 'draft') continue;
    if (target === 'deleted') {
      await movePlan(koord, planId, 'delete', tx);
      continue;
    }
    await submitPlan(koord, planId, tx);
    if (target === 'director') continue;
    if (target === 'returned') {
      await approvePlan(director, planId, tx);
      await returnPlan(
        municipality,
        planId,
        { comment: 'Lūdzu precizējiet, kā tiks mērīts mērķis.', measureComments: [] },
        tx,
      );
      continue;
    }
    if (target === 'municipality') {
      await approveTo(planId, 1);
      continue;
    }
    if (target === 'expert') {
      await approveTo(planId, 2);
      continue;
    }
    await approveTo(planId, 3);
    if (target === 'approved') continue;
    await movePlan(koord, planId, 'start', tx);
    if (target === 'paused') await pausePlan(koord, planId, 'Skolēns ilgstoši slimo', tx);
    if (target === 'under_revision') await movePlan(koord, planId, 'revise', tx);
    if (target === 'evaluated' || target === 'closed') {
      await evaluatePlan(
        koord,
        planId,
        {
          measures: content.measures.map((m) => ({
            measureId: m.id,
            carriedOut: 'yes',
            deliveredHours: null,
            deliveredCents: null,
          })),
          progress: 'Matemātikas vērtējums uzlabojās no 3 uz 5; kavējumu nav.',
          risksDecreased: 'yes',
          continueNextSemester: false,
        },
        tx,
      );
      if (target === 'closed') await movePlan(koord, planId, 'close', tx);
    }
  }
}
