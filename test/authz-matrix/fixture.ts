import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { makeOldPersonalCode } from '../../common/personal-code.ts';
import { ROLES, type Role } from '../../common/roles.ts';
import { addDays } from '../../server/platform/dates.ts';
import { queryRows } from '../../server/platform/db.ts';
import { moveClockIntoSemester, type TestCalendar } from '../calendar.ts';
import { minimalPdf } from '../scan-samples.ts';
import type { TestClient, TestServer } from '../server.ts';
import { MATRIX_USERS } from './scope.ts';
import { MATRIX_PASSWORD, signInForMatrix } from './sign-in.ts';
import { RELATIONS, type Relation, type Target } from './types.ts';

/** Everything the matrix walks with: a signed-in client per role, the records of each relation. */
export interface MatrixWorld {
  cal: TestCalendar;
  clients: Record<Role, TestClient>;
  userIds: Record<Role, string>;
  targets: Record<Relation, Target>;
  /** Per relation, the strings planted in its records (a canary first name, a canary note text). */
  canaries: Record<Relation, string[]>;
  nationId: string;
  riskItemId: string;
  /** Every student's schools: the current one and those it moved away from. */
  studentSchools: Map<string, Set<string>>;
  /** The schools whose students a role's user may be shown (null: every school). */
  visibleSchools: Record<Role, Set<string> | null>;
}

const canary = () => `CANARY-${randomUUID()}`;
/** A first name nobody else has (letters only, as a name): `Kanarija` and eight random letters. */
const canaryName = () =>
  `Kanarija${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

function must<T = Record<string, unknown>>(res: { statusCode: number; body: string }, what: string): T {
  if (res.statusCode >= 300) throw new Error(`matrix fixture: ${what}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body || '{}') as T;
}

let codeSerial = 900;

/**
 * A student of the school with a guardian, an application, a risk, a draft plan with one consultation
 * (given to `providerId`), a note with a canary text, a referral to `partnerName`, a letter and a task,
 * all made by the school's coordinator `k`.
 */
async function seedTenant(
  k: TestClient,
  o: { schoolId: string; municipalityId: string; providerId: string; userId: string; partnerName: string },
  cal: TestCalendar,
  riskItemId: string,
): Promise<{ target: Target; canaries: string[] }> {
  const firstName = canaryName();
  const noteText = canary();
  const student = must<{ id: string }>(
    await k.post('/api/students', {
      personalCode: makeOldPersonalCode('2011-05-05', codeSerial++),
      firstName,
      lastName: 'Matrica',
      schoolId: o.schoolId,
      classLabel: '9.m',
      grade: 9,
    }),
    'student',
  );
  const sid = student.id;
  const guardianId = must<{ guardians: { id: string }[] }>(
    await k.post(`/api/students/${sid}/guardians`, {
      firstName: 'Māte',
      lastName: 'Matrica',
      relation: 'mother',
    }),
    'guardian',
  ).guardians[0].id;
  must(
    await k.post(`/api/students/${sid}/applications`, {
      signedOn: cal.current.startsOn,
      signerType: 'guardian',
      guardianId,
    }),
    'application',
  );
  const riskId = must<{ items: { id: string }[] }>(
    await k.post(`/api/students/${sid}/risks`, {
      semesterId: cal.current.id,
      riskItemId,
      justification: 'Matricas risks',
      foundOn: addDays(cal.current.startsOn, 9),
    }),
    'risk',
  ).items[0].id;
  const planId = must<{ id: string }>(
    await k.post('/api/plans', { studentId: sid, semesterId: cal.current.id }),
    'plan',
  ).id;
  const measureId = randomUUID();
  must(
    await k.request('PUT', `/api/plans/${planId}/content`, {
      riskIds: [riskId],
      goals: [{ id: randomUUID(), text: 'Matricas mērķis', criterion: '' }],
      measures: [
        {
          id: measureId,
          kind: 'consultation',
          consultationType: 'subject',
          subject: 'Matemātika',
          providerId: o.providerId,
          plannedHours: 8,
          justification: 'Konsultācijas',
          riskIds: [riskId],
        },
      ],
      supervisorId: null,
    }),
    'plan content',
  );
  const noteId = must<{ id: string }>(
    await k.post(`/api/students/${sid}/notes`, {
      date: cal.today,
      type: 'meeting',
      visibility: 'team',
      text: noteText,
    }),
    'note',
  ).id;
  const partners = must<{ partners: { id: string; name: string }[] }>(
    await k.get(`/api/students/${sid}/referrals`),
    'partners',
  ).partners;
  const partner = partners.find((p) => p.name === o.partnerName) ?? partners[0];
  if (!partner) throw new Error(`matrix fixture: no partner offered at ${o.schoolId}`);
  const referralId = must<{ id: string }>(
    await k.post(`/api/students/${sid}/referrals`, {
      partnerId: partner.id,
      reason: 'Lūdzam izvērtēt ģimenes situāciju.',
      items: ['name'],
      urgency: 'normal',
      dueOn: cal.today,
    }),
    'referral',
  ).id;
  const letterId = must<{ id: string }>(
    await k.post(`/api/students/${sid}/letters`, {
      kind: 'invitation',
      language: 'lv',
      guardianId,
      method: 'printed',
      planId,
    }),
    'letter',
  ).id;
  const taskId = must<{ id: string }>(
    await k.post('/api/tasks', { title: 'Matricas uzdevums', dueOn: cal.today, studentId: sid }),
    'task',
  ).id;
  const detail = must<{ applications: { id: string }[] }>(await k.get(`/api/students/${sid}`), 'student');
  must(
    await k.request(
      'PUT',
      `/api/students/${sid}/applications/${detail.applications[0].id}/scan?fileName=i.pdf`,
      minimalPdf(),
      { headers: { 'content-type': 'application/pdf' } },
    ),
    'application scan',
  );
  return {
    target: {
      schoolId: o.schoolId,
      municipalityId: o.municipalityId,
      studentId: sid,
      planId,
      measureId,
      userId: o.userId,
      referralId,
      guardianId,
      applicationId: detail.applications[0].id,
      noteId,
      riskId,
      letterId,
      taskId,
      partnerId: partner.id,
    },
    canaries: [firstName, noteText],
  };
}

/** Builds the matrix's world on a fresh demo database (see the file header of the test). */
export async function buildMatrixWorld(server: TestServer): Promise<MatrixWorld> {
  const cal = await moveClockIntoSemester(server.database);
  const one = async (q: ReturnType<typeof sql>) =>
    server.database.read(async (db) => {
      const rows = await queryRows<{ id: string }>(db, q);
      if (!rows[0]) throw new Error('matrix fixture: the demo lacks a record');
      return rows[0].id;
    });
  const org = (code: string) => one(sql`select id from organisations where code = ${code}`);
  const user = (local: string) => one(sql`select id from users where email = ${`${local}@demo.pumpurs.lv`}`);
  const [s1, s2, s5, s9, ziem, dien, nationId] = await Promise.all(
    ['ZIEM-S1', 'ZIEM-S2', 'DIEN-S5', 'VPII-S9', 'ZIEM', 'DIEN', 'LV'].map(org),
  );
  const riskItemId = await one(sql`select id from risk_items where code = 'L02'`);

  // The two accounts the demo lacks: a plan preparer of school 1 and an auditor of Ziemeļu novads.
  const admin = await signInForMatrix(server, 'admin');
  for (const [local, home, role] of [
    ['matrix.preparer.s1', s1, 'plan_preparer'],
    ['matrix.auditor.ziemelu', ziem, 'auditor'],
  ] as const) {
    const created = must<{ id: string }>(
      await admin.post('/api/users', {
        email: `${local}@demo.pumpurs.lv`,
        firstName: 'Matrica',
        lastName: local.split('.')[1],
        homeOrganisationId: home,
        language: 'lv',
        password: MATRIX_PASSWORD,
      }),
      `user ${local}`,
    );
    must(
      await admin.post(`/api/users/${created.id}/grants`, { role, organisationId: home }),
      `grant ${local}`,
    );
  }

  const clients = {} as Record<Role, TestClient>;
  const userIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    clients[role] = role === 'national_admin' ? admin : await signInForMatrix(server, MATRIX_USERS[role]);
    userIds[role] = await user(MATRIX_USERS[role]);
  }
  const coordinator = async (local: string) => signInForMatrix(server, local);
  const k2 = await coordinator('koord.s2');
  const k5 = await coordinator('koord.s5');
  const k9 = await coordinator('koord.s9');
  const k1 = clients.school_coordinator;

  const targets = {} as Record<Relation, Target>;
  const canaries = {} as Record<Relation, string[]>;
  const plant = async (
    rel: Relation,
    k: TestClient,
    schoolId: string,
    municipalityId: string,
    n: string,
    partnerName: string,
  ) => {
    const seeded = await seedTenant(
      k,
      {
        schoolId,
        municipalityId,
        providerId: await user(`skolotajs.${n}`),
        userId: await user(`skolotajs2.${n}`),
        partnerName,
      },
      cal,
      riskItemId,
    );
    targets[rel] = seeded.target;
    canaries[rel] = seeded.canaries;
  };
  await plant('own', k1, s1, ziem, 's1', 'Ziemeļu novada Sociālais dienests');
  await plant('sibling', k2, s2, ziem, 's2', 'Ziemeļu novada bāriņtiesa');
  await plant('other_municipality', k5, s5, dien, 's5', 'Dienvidu novada Sociālais dienests');
  await plant('state_school', k9, s9, nationId, 's9', '');
  await plant('moved_former', k1, s1, ziem, 's1', 'Ziemeļu novada bāriņtiesa');
  // The own student is assigned to the teacher (its measure's provider), the specialist and the preparer.
  for (const role of ['teacher', 'specialist', 'plan_preparer'] as const)
    must(
      await k1.post(`/api/students/${targets.own.studentId}/assignments`, { userId: userIds[role] }),
      `assign ${role}`,
    );

  // The moved student: school 1 → school 2 through the API; school 2 then writes a canary note that
  // school 1 must never see (the moved relation's strings are only what school 2 recorded).
  const moved = targets.moved_former;
  must(
    await k1.post(`/api/students/${moved.studentId}/move`, {
      toSchoolId: s2,
      movedOn: cal.today,
      classLabel: '9.p',
      grade: 9,
      reason: 'Pārcelšanās',
    }),
    'move',
  );
  const afterMove = canary();
  const newNote = must<{ id: string }>(
    await k2.post(`/api/students/${moved.studentId}/notes`, {
      date: cal.today,
      type: 'meeting',
      visibility: 'team',
      text: afterMove,
    }),
    'note after the move',
  );
  targets.moved_former = { ...moved, noteId: newNote.id };
  canaries.moved_former = [afterMove];
  for (const rel of RELATIONS) if (!targets[rel]) throw new Error(`matrix fixture: no ${rel} target`);

  const { studentSchools, ziemSchools } = await server.database.read(async (db) => {
    const rows = await queryRows<{ id: string; school_id: string }>(
      db,
      sql`select id, school_id from students
          union select student_id as id, from_school_id as school_id from student_moves`,
    );
    const map = new Map<string, Set<string>>();
    for (const r of rows) map.set(r.id, (map.get(r.id) ?? new Set()).add(r.school_id));
    const ziemRows = await queryRows<{ id: string }>(
      db,
      sql`select id from organisations where parent_id = ${ziem}`,
    );
    return { studentSchools: map, ziemSchools: new Set(ziemRows.map((r) => r.id)) };
  });
  const visibleSchools: Record<Role, Set<string> | null> = {
    national_admin: null,
    expert: new Set([...ziemSchools, s9]),
    municipal_coordinator: ziemSchools,
    auditor: ziemSchools,
    // A partner of Ziemeļu novads hears only from that municipality's schools.
    partner: ziemSchools,
    school_director: new Set([s1]),
    school_coordinator: new Set([s1]),
    plan_preparer: new Set([s1]),
    specialist: new Set([s1]),
    teacher: new Set([s1]),
  };
  return { cal, clients, userIds, targets, canaries, nationId, riskItemId, studentSchools, visibleSchools };
}
