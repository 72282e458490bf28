import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { minimalPdf } from '../../../test/scan-samples.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { addDays } from '../../platform/dates.ts';
import { queryRows } from '../../platform/db.ts';
import { reconcileSystemTasks } from '../tasks/index.ts';
import { findOverdueReferralTaskCandidates, findReferralChronologyEntries } from './index.ts';

let server: TestServer;
let cal: TestCalendar;
const c: Record<string, TestClient> = {};
const ACCOUNTS = [
  'koord.s1',
  'direktors.s1',
  'skolotajs.s1',
  'koord.ziemelu',
  'socdienests.ziemelu',
  'baritiesa.ziemelu',
  'socdienests.dienvidu',
  'koord.s5',
];
let studentId: string;
let orgs: Record<string, string>;
let plan: { planId: string; measureId: string };
const pdf = minimalPdf();

const q = <T>(text: ReturnType<typeof sql>) => server.database.read((db) => queryRows<T>(db, text));

async function send(body: Record<string, unknown>, who = 'koord.s1', headers: Record<string, string> = {}) {
  return c[who].request(
    'POST',
    `/api/students/${studentId}/referrals`,
    {
      partnerId: orgs.soc,
      reason: 'Ģimenē ir grūtības, lūdzam izvērtēt sociālā atbalsta vajadzību.',
      items: ['name', 'school_class'],
      urgency: 'normal',
      dueOn: addDays(cal.today, 14),
      ...body,
    },
    { headers },
  );
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const a of ACCOUNTS) c[a] = await server.signIn(a);
  const rows = await q<{ id: string; code: string | null; name: string }>(
    sql`select id, code, name from organisations`,
  );
  orgs = Object.fromEntries(rows.filter((r) => r.code).map((r) => [r.code as string, r.id]));
  const byName = (name: string) => rows.find((r) => r.name === name)?.id ?? '';
  orgs.soc = byName('Ziemeļu novada Sociālais dienests');
  orgs.bt = byName('Ziemeļu novada bāriņtiesa');
  orgs.socDien = byName('Dienvidu novada Sociālais dienests');
  // A school-1 student with a running or approved plan that has a measure.
  const [p] = await q<{ student_id: string; plan_id: string; measure_id: string }>(
    sql`select p.student_id, p.id as plan_id, m.id as measure_id from plans p
        join plan_measures m on m.plan_id = p.id and m.removed_at is null
        where p.school_id = ${orgs['ZIEM-S1']} and p.status not in ('deleted', 'closed') and p.moved_out_at is null
        order by p.created_at limit 1`,
  );
  studentId = p.student_id;
  plan = { planId: p.plan_id, measureId: p.measure_id };
}, 120_000);
afterAll(async () => {
  resetClock();
  await server.close();
});

describe('referrals: the school side', () => {
  it("offers the municipality's partners with their kinds, not another municipality's", async () => {
    const res = await c['koord.s1'].get(`/api/students/${studentId}/referrals`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.can.send).toBe(true);
    const partners = body.partners as { id: string; kind: string }[];
    expect(partners.map((p) => p.id).sort()).toEqual([orgs.soc, orgs.bt].sort());
    expect(partners.find((p) => p.id === orgs.soc)?.kind).toBe('social_service');
    expect(body.measures.some((m: { measureId: string }) => m.measureId === plan.measureId)).toBe(true);
  });

  it('previews exactly the chosen items, and nothing is stored', async () => {
    const res = await c['koord.s1'].post(`/api/students/${studentId}/referrals/preview`, {
      items: ['name', 'school_class'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(Object.keys(res.json().data).sort()).toEqual(['name', 'schoolClass']);
    expect(res.json().data.schoolClass.schoolName).toBe('Ziemeļu novada 1. vidusskola');
    const all = await c['koord.s1'].post(`/api/students/${studentId}/referrals/preview`, {
      items: ['name', 'birth_date', 'personal_code', 'school_class', 'guardians', 'attendance', 'risks'],
    });
    expect(Object.keys(all.json().data).sort()).toEqual(
      ['attendance', 'birthDate', 'guardians', 'name', 'personalCode', 'risks', 'schoolClass'].sort(),
    );
    const [n] = await q<{ n: number }>(sql`select count(*)::int as n from referrals`);
    expect(Number(n.n)).toBe(0);
  });

  it('refuses a partner of another municipality (404), a past deadline (400) and a foreign measure (404)', async () => {
    expect((await send({ partnerId: orgs.socDien })).statusCode).toBe(404);
    expect((await send({ partnerId: orgs['ZIEM-S1'] })).statusCode).toBe(404);
    const past = await send({ dueOn: addDays(cal.today, -1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0].path).toBe('dueOn');
    const foreign = await send({ planId: plan.planId, measureId: '00000000-0000-4000-8000-000000000000' });
    expect(foreign.statusCode).toBe(404);
    expect((await send({ items: [] })).statusCode).toBe(400);
    expect((await send({ items: ['address'] })).statusCode).toBe(400);
  });

  it('a subject teacher cannot send (403), another school gets 404', async () => {
    expect((await send({}, 'koord.s5')).statusCode).toBe(404);
    const teacher = await send({}, 'skolotajs.s1');
    expect([403, 404]).toContain(teacher.statusCode);
  });
});

describe('referrals: sending, answering, closing', () => {
  let id: string;

  it('sends once per submission (idempotency key) and refuses the same open referral without a key (409)', async () => {
    const headers = { 'idempotency-key': 'ref-test-key-0001' };
    const body = { planId: plan.planId, measureId: plan.measureId, urgency: 'urgent' };
    const [a, b] = await Promise.all([send(body, 'koord.s1', headers), send(body, 'koord.s1', headers)]);
    expect(a.statusCode, a.body).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    id = a.json().id;
    expect(a.json()).toMatchObject({
      status: 'sent',
      urgency: 'urgent',
      items: ['name', 'school_class'],
      data: null,
    });
    expect(a.json().measureLabel).toMatch(/\S/);
    expect((await send(body)).statusCode).toBe(409);
    const [n] = await q<{ n: number }>(sql`select count(*)::int as n from referrals`);
    expect(Number(n.n)).toBe(1);
  });

  it("the partner sees only its referral with only the chosen items, and the inbox's counts", async () => {
    const inbox = await c['socdienests.ziemelu'].get('/api/referrals');
    expect(inbox.statusCode, inbox.body).toBe(200);
    expect(inbox.json().items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(inbox.json().counts).toMatchObject({ sent: 1, received: 0, answered: 0 });
    const res = await c['socdienests.ziemelu'].get(`/api/referrals/${id}`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(Object.keys(r.data).sort()).toEqual(['name', 'schoolClass']);
    expect(r.measureLabel).toBeNull();
    expect(Object.keys(r).sort()).toEqual(
      [
        'attachment',
        'can',
        'code',
        'data',
        'dueOn',
        'events',
        'id',
        'items',
        'measureLabel',
        'overdue',
        'partner',
        'reason',
        'response',
        'schoolName',
        'sentAt',
        'sentByName',
        'status',
        'urgency',
      ].sort(),
    );
    // No personal code, birth date or guardian anywhere in the answer.
    const [s] = await q<{ personal_code: string; birth_date: string }>(
      sql`select personal_code, birth_date::text from students where id = ${studentId}`,
    );
    expect(res.body).not.toContain(s.personal_code.slice(0, 6));
    expect(res.body).not.toContain(studentId);
    const audited = await q<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'referral.read' and entity_id = ${id}`,
    );
    expect(Number(audited[0].n)).toBe(1);
  });

  it("another institution's partner and another municipality's partner get 404, audited as denied", async () => {
    for (const who of ['baritiesa.ziemelu', 'socdienests.dienvidu']) {
      const res = await c[who].get(`/api/referrals/${id}`);
      expect(res.statusCode, who).toBe(404);
      expect((await c[who].get('/api/referrals')).json().items).toEqual([]);
      expect((await c[who].post(`/api/referrals/${id}/status`, { status: 'received' })).statusCode).toBe(404);
      const rows = await q<{ outcome: string; org_id: string }>(
        sql`select outcome, org_id from audit_events where request_id = ${String(res.headers['x-request-id'])}`,
      );
      expect(rows).toEqual([{ outcome: 'denied', org_id: orgs['ZIEM-S1'] }]);
    }
  });

  it('the partner moves it received → in progress → answered with a response and a file; wrong moves are refused', async () => {
    const p = c['socdienests.ziemelu'];
    expect((await p.post(`/api/referrals/${id}/status`, { status: 'in_progress' })).statusCode).toBe(409);
    expect((await p.post(`/api/referrals/${id}/status`, { status: 'received' })).json().status).toBe(
      'received',
    );
    expect((await p.post(`/api/referrals/${id}/status`, { status: 'answered' })).statusCode).toBe(400);
    expect((await p.post(`/api/referrals/${id}/status`, { status: 'in_progress' })).json().status).toBe(
      'in_progress',
    );
    const html = Buffer.concat([pdf, Buffer.from('<script>alert(1)</script>')]);
    const bad = await p.request('PUT', `/api/referrals/${id}/attachment?fileName=a.pdf`, html, {
      headers: { 'content-type': 'application/pdf' },
    });
    expect(bad.statusCode).toBe(415);
    const ok = await p.request('PUT', `/api/referrals/${id}/attachment?fileName=atbilde.pdf`, pdf, {
      headers: { 'content-type': 'application/pdf' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().attachment.fileName).toBe('atbilde.pdf');
    const answered = await p.post(`/api/referrals/${id}/status`, {
      status: 'answered',
      response: 'Ģimene apmeklēta, piešķirts atbalsts.',
    });
    expect(answered.json()).toMatchObject({ status: 'answered', can: { answer: false, attach: true } });
    expect((await p.post(`/api/referrals/${id}/close`)).statusCode).toBe(403);
    // The school side cannot answer for the partner.
    expect((await c['koord.s1'].post(`/api/referrals/${id}/status`, { status: 'received' })).statusCode).toBe(
      403,
    );
  });

  it('the school sees the response and the file; a subject teacher sees the referral without its texts', async () => {
    const list = (await c['koord.s1'].get(`/api/students/${studentId}/referrals`)).json();
    const r = list.items.find((x: { id: string }) => x.id === id);
    expect(r).toMatchObject({ status: 'answered', response: 'Ģimene apmeklēta, piešķirts atbalsts.' });
    expect(r.events.map((e: { status: string }) => e.status)).toEqual([
      'sent',
      'received',
      'in_progress',
      'answered',
    ]);
    expect(r.can).toMatchObject({ close: true, withdraw: false });
    const file = await c['koord.s1'].get(`/api/referrals/${id}/attachment`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment/);
    const teacher = await c['skolotajs.s1'].get(`/api/students/${studentId}/referrals`);
    if (teacher.statusCode === 200) {
      for (const x of teacher.json().items) expect(x.reason).toBeNull();
      expect((await c['skolotajs.s1'].get(`/api/referrals/${id}/attachment`)).statusCode).toBe(403);
    } else expect([403, 404]).toContain(teacher.statusCode);
    expect((await c['koord.s5'].get(`/api/referrals/${id}`)).statusCode).toBe(404);
  });

  it('the sender closes it; the chronology has one entry per status change', async () => {
    const closed = await c['koord.s1'].post(`/api/referrals/${id}/close`);
    expect(closed.json().status).toBe('closed');
    expect((await c['koord.s1'].post(`/api/referrals/${id}/close`)).statusCode).toBe(409);
    const me = (await c['koord.s1'].get('/api/me')).json();
    const actor = {
      userId: me.id,
      email: me.email,
      firstName: '',
      lastName: '',
      language: 'lv' as const,
      grants: actorGrants(me),
    };
    const entries = await server.database.read((db) => findReferralChronologyEntries(db, actor, studentId));
    expect(entries.map((e) => e.event)).toEqual([
      'referral.sent',
      'referral.received',
      'referral.in_progress',
      'referral.answered',
      'referral.closed',
    ]);
    expect(entries[0].text).toMatch(/grūtības/);
    expect(entries[3].text).toBe('Ģimene apmeklēta, piešķirts atbalsts.');
    expect(entries[0].link).toEqual({ kind: 'referral', id });
    // As wired into the student's chronology: the same entries through the route.
    const chrono = await c['koord.s1'].get(`/api/students/${studentId}/chronology?types=referral`);
    expect(chrono.statusCode, chrono.body).toBe(200);
    expect(chrono.json().items.map((e: { event: string }) => e.event)).toEqual([
      'referral.closed',
      'referral.answered',
      'referral.in_progress',
      'referral.received',
      'referral.sent',
    ]);
  });

  it('a withdrawn referral no longer shows the partner its data', async () => {
    const res = await send({ partnerId: orgs.bt, items: ['name', 'guardians'] });
    expect(res.statusCode, res.body).toBe(201);
    const other = res.json().id;
    const w = await c['koord.s1'].post(`/api/referrals/${other}/withdraw`);
    expect(w.json().status).toBe('withdrawn');
    const seen = (await c['baritiesa.ziemelu'].get(`/api/referrals/${other}`)).json();
    expect(seen.status).toBe('withdrawn');
    expect(seen.data).toBeNull();
    expect(
      (await c['baritiesa.ziemelu'].post(`/api/referrals/${other}/status`, { status: 'received' }))
        .statusCode,
    ).toBe(409);
  });

  it('an overdue open referral is a task candidate for its sender until it is answered', async () => {
    const res = await send({
      reason: 'Kavējumi bez attaisnojuma, lūdzam pārbaudīt.',
      dueOn: addDays(cal.today, 3),
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    const sender = (await c['koord.s1'].get('/api/me')).json().id;
    const later = addDays(cal.today, 5);
    const found = await server.database.read((db) => findOverdueReferralTaskCandidates(db, later, {}));
    expect(found).toEqual([
      {
        systemKey: `referral_overdue:${r.id}`,
        kind: 'referral_overdue',
        assigneeUserId: sender,
        assigneeRole: null,
        orgId: orgs['ZIEM-S1'],
        studentId,
        planId: null,
        dueDate: r.dueOn,
        params: { code: r.code, partnerName: 'Ziemeļu novada Sociālais dienests' },
      },
    ]);
    expect(await server.database.read((db) => findOverdueReferralTaskCandidates(db, r.dueOn, {}))).toEqual(
      [],
    );
    const other = (await c['direktors.s1'].get('/api/me')).json().id;
    expect(
      await server.database.read((db) =>
        findOverdueReferralTaskCandidates(db, later, { assigneeUserId: other }),
      ),
    ).toEqual([]);
    const p = c['socdienests.ziemelu'];
    await p.post(`/api/referrals/${r.id}/status`, { status: 'received' });
    expect(await server.database.read((db) => findOverdueReferralTaskCandidates(db, later, {}))).toHaveLength(
      1,
    );
    // As wired (server/wiring.ts): the hourly reconciliation makes the sender's task …
    const task = () =>
      q<{ status: string; assignee_user_id: string; done_automatically: boolean }>(
        sql`select status, assignee_user_id, done_automatically from tasks where system_key = ${`referral_overdue:${r.id}`}`,
      );
    await server.database.withTx((tx) => reconcileSystemTasks(tx, later));
    expect(await task()).toEqual([{ status: 'open', assignee_user_id: sender, done_automatically: false }]);
    await p.post(`/api/referrals/${r.id}/status`, { status: 'answered', response: 'Pārbaudīts.' });
    expect(await server.database.read((db) => findOverdueReferralTaskCandidates(db, later, {}))).toEqual([]);
    // … and closes it by itself once the partner has answered.
    await server.database.withTx((tx) => reconcileSystemTasks(tx, later));
    expect(await task()).toEqual([{ status: 'done', assignee_user_id: sender, done_automatically: true }]);
  });
});

describe('partner institutions', () => {
  it('the municipal coordinator sees and edits the kind of a partner institution, not of a school', async () => {
    const k = c['koord.ziemelu'];
    const list = (await k.get('/api/organisations')).json().items as {
      id: string;
      partnerKind: string | null;
    }[];
    expect(list.find((o) => o.id === orgs.bt)?.partnerKind).toBe('orphans_court');
    expect(list.find((o) => o.id === orgs['ZIEM-S1'])?.partnerKind).toBeNull();
    const res = await k.patch(`/api/organisations/${orgs.bt}`, { partnerKind: 'police' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().partnerKind).toBe('police');
    expect(
      (await k.patch(`/api/organisations/${orgs['ZIEM-S1']}`, { partnerKind: 'police' })).statusCode,
    ).toBe(400);
    expect((await k.patch(`/api/organisations/${orgs.bt}`, { partnerKind: 'spy' })).statusCode).toBe(400);
    await k.patch(`/api/organisations/${orgs.bt}`, { partnerKind: 'orphans_court' });
    const created = await k.post('/api/organisations', {
      parentId: orgs.ZIEM,
      type: 'partner',
      partnerKind: 'ngo',
      name: 'Biedrība "Atbalsts"',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().partnerKind).toBe('ngo');
  });

  it('the municipal coordinator adds a partner account in the users pages; it signs in to an empty inbox', async () => {
    const k = c['koord.ziemelu'];
    const user = await k.post('/api/users', {
      email: 'jauns.partneris@demo.pumpurs.lv',
      firstName: 'Dace',
      lastName: 'Partnere',
      homeOrganisationId: orgs.soc,
      language: 'lv',
      password: 'Garaparole-123-partneris',
    });
    expect(user.statusCode, user.body).toBe(201);
    const grant = await k.post(`/api/users/${user.json().id}/grants`, {
      role: 'partner',
      organisationId: orgs.soc,
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const listed = (await k.get(`/api/users?organisationId=${orgs.soc}`)).json().items as { id: string }[];
    expect(listed.some((u) => u.id === user.json().id)).toBe(true);
    const partner = server.client('10.7.0.9');
    expect(
      (await partner.login('jauns.partneris@demo.pumpurs.lv', 'Garaparole-123-partneris')).statusCode,
    ).toBe(200);
    const me = (await partner.get('/api/me')).json();
    expect(me.can.viewPartnerReferrals).toBe(true);
    expect(me.can.viewStudents).toBe(false);
    expect((await partner.get('/api/referrals')).statusCode).toBe(200);
    // Another municipality's coordinator cannot add anyone to this institution.
    const other = await server.signIn('koord.dienvidu');
    expect(
      (await other.post(`/api/users/${user.json().id}/grants`, { role: 'partner', organisationId: orgs.soc }))
        .statusCode,
    ).toBe(404);
  });
});

/** The grants of `/api/me` as the actor's grants (with their organisations' paths). */
function actorGrants(me: {
  grants: {
    id: string;
    role: string;
    organisationId: string;
    organisationName: string;
    organisationType: string;
  }[];
}) {
  return me.grants.map((g) => ({
    id: g.id,
    role: g.role as 'school_coordinator',
    orgId: g.organisationId,
    orgPath: paths.get(g.organisationId) ?? '',
    orgType: g.organisationType as 'school',
    orgName: g.organisationName,
  }));
}
const paths = new Map<string, string>();
beforeAll(async () => {
  for (const r of await q<{ id: string; path: string }>(sql`select id, path from organisations`))
    paths.set(r.id, r.path);
});
