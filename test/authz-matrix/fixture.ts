import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { makeOldPersonalCode } from '../../common/personal-code.ts';
import { ROLES, type Role } from '../../common/roles.ts';
import { addDays } from '../../server/platform/dates.ts';
import { queryRows } from '../../server/platform/db.ts';
import { moveClockIntoSemester, type TestCalendar } from '../calendar.ts';
import { minimalPdf } from '../scan-samples.ts';
import type { TestClient, TestServer } from '../server.ts';
import {
  grantSpecialist,
  type PlanWay,
  receiveReferral,
  runPlan,
  startSchoolJob,
  uploadClassList,
} from './records.ts';
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
 * (given to `providerId`) and one economic measure, a note with a canary text, a referral to `partnerName`, a letter and a task,
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
  const economicMeasureId = randomUUID();
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
        {
          id: economicMeasureId,
          kind: 'economic',
          economicCategory: 'study_materials',
          plannedCents: 6000,
          justification: 'Mācību līdzekļi',
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
      economicMeasureId,
      providerId: o.providerId,
      // Filled in by buildMatrixWorld once the plan runs (runPlan) and the school's records exist.
      plannedId: '',
      grantId: '',
      paymentId: '',
      signedFileId: '',
      sessionId: '',
      importId: '',
      jobId: '',
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
    // The demo has no expert of Dienvidu novads: school 5's plan needs one to be approved.
    ['matrix.expert.dienvidu', dien, 'expert'],
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
  // A partner institution's user (the matrix's partner for its own institution).
  const partnerClients = new Map<string, TestClient>();
  const partnerOf = async (partnerId: string): Promise<TestClient> => {
    const email = await server.database.read(async (db) => {
      const rows = await queryRows<{ email: string }>(
        db,
        sql`select email from users where home_org_id = ${partnerId} and active order by email limit 1`,
      );
      if (!rows[0]) throw new Error('matrix fixture: a partner institution without a user');
      return rows[0].email;
    });
    const local = email.split('@')[0];
    if (local === MATRIX_USERS.partner) return clients.partner;
    if (!partnerClients.has(local)) partnerClients.set(local, await signInForMatrix(server, local));
    return partnerClients.get(local) as TestClient;
  };
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

  // Every plan runs: approved at each level, started, with a payment (receipt scanned), a signed copy
  // and a session of its provider; every referral received by its partner with an answer attached;
  // a class list uploaded and a job started per school. The moved student's records are made at
  // school 1 before the move (its plan then ends, its payment and session are kept).
  for (const schoolId of [s1, s2, s5, s9])
    must(
      await admin.request('PUT', '/api/budgets', {
        schoolId,
        semesterId: cal.current.id,
        category: 'study_materials',
        amount: 100000,
      }),
      'budget',
    );
  const signed = async (local: string) => signInForMatrix(server, local);
  const [d2, d5, d9, kDien, eDien, t2, t5, t9] = await Promise.all(
    [
      'direktors.s2',
      'direktors.s5',
      'direktors.s9',
      'koord.dienvidu',
      'matrix.expert.dienvidu',
      'skolotajs.s2',
      'skolotajs.s5',
      'skolotajs.s9',
    ].map(signed),
  );
  const ziemWay = [clients.municipal_coordinator, clients.expert];
  const ways: Record<Relation, PlanWay> = {
    own: { coordinator: k1, approvers: [clients.school_director, ...ziemWay], provider: clients.teacher },
    sibling: { coordinator: k2, approvers: [d2, ...ziemWay], provider: t2 },
    other_municipality: { coordinator: k5, approvers: [d5, kDien, eDien], provider: t5 },
    state_school: { coordinator: k9, approvers: [d9, clients.expert], provider: t9 },
    moved_former: {
      coordinator: k1,
      approvers: [clients.school_director, ...ziemWay],
      provider: clients.teacher,
    },
  };
  const schoolRecords = new Map<string, { importId: string; jobId: string; grantId: string }>();
  for (const [k, schoolId] of [
    [k1, s1],
    [k2, s2],
    [k5, s5],
    [k9, s9],
  ] as const)
    schoolRecords.set(schoolId, {
      importId: await uploadClassList(k, schoolId),
      jobId: await startSchoolJob(k, schoolId),
      grantId: await grantSpecialist(admin, targets, schoolId),
    });
  for (const [i, rel] of RELATIONS.entries()) {
    const t = targets[rel];
    const running = await runPlan(ways[rel], t, cal, i);
    const partner = await partnerOf(t.partnerId);
    await receiveReferral(partner, t.referralId);
    targets[rel] = { ...t, ...running, ...schoolRecords.get(t.schoolId) };
  }

  // The own student's PIN (the walk's sample PIN): the teacher's session confirmation passes.
  must(await k1.request('PUT', `/api/students/${targets.own.studentId}/pin`, { pin: '1234' }), 'pin');

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
