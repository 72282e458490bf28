import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChronologyEntry } from '../../../common/api/chronology.ts';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createPlanFixture, organisationIdsByCode } from '../../../test/factories.ts';
import { pdfText } from '../../../test/pdf.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { addDays } from '../../platform/dates.ts';
import { queryRows } from '../../platform/db.ts';
import { registerChronologySource, unregisterChronologySource } from './index.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let cal: TestCalendar;
let studentId: string;
let planId: string;
const ACCOUNTS = [
  'koord.s1',
  'direktors.s1',
  'koord.ziemelu',
  'eksperts',
  'admin',
  'skolotajs.s1',
  'koord.s2',
  'socdienests.ziemelu',
  'auditors',
];

async function chronology(who: string, query = '') {
  const res = await c[who].get(`/api/students/${studentId}/chronology${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: ChronologyEntry[]; typesWithEntries: string[]; nextCursor: string | null };
}

const events = (items: ChronologyEntry[]) => items.map((e) => e.event);

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of ACCOUNTS) c[who] = await server.signIn(who);
  const orgs = await organisationIdsByCode(c.admin);
  const teacherId = (await c.admin.get('/api/users?q=skolotajs.s1')).json().items[0].id;
  const born = `${Number(cal.today.slice(0, 4)) - 14}-03-11`;
  const fixture = await createPlanFixture(c, {
    schoolId: orgs['ZIEM-S1'],
    semesterId: cal.current.id,
    personalCode: makeOldPersonalCode(born, 731),
    firstName: 'Laima',
    lastName: 'Hronoloģe',
    classLabel: '7.a',
    grade: 7,
    riskCode: 'L02',
    riskJustification: 'Grūtības matemātikā',
    goal: 'Uzlabot matemātikas vērtējumu',
    measure: {
      kind: 'consultation',
      consultationType: 'subject',
      subject: 'Matemātika',
      providerId: teacherId,
      plannedHours: 8,
      justification: 'Individuālas konsultācijas',
    },
    start: true,
  });
  ({ studentId, planId } = fixture);
  const k = c['koord.s1'];
  // A family risk: sensitive, its name and justification only for those who may see them.
  const family = (await k.get('/api/risk-catalogue'))
    .json()
    .items.find((x: { code: string }) => x.code === 'F01');
  const risk = await k.post(`/api/students/${studentId}/risks`, {
    semesterId: cal.current.id,
    riskItemId: family.id,
    justification: 'Slepens ģimenes apstāklis',
    foundOn: addDays(cal.current.startsOn, 12),
  });
  expect(risk.statusCode, risk.body).toBe(201);
  // A session the teacher gave, not yet confirmed by the student.
  const session = await c['skolotajs.s1'].post('/api/support/sessions', {
    onDate: cal.today,
    startTime: '08:15',
    minutes: 45,
    mode: 'in_person',
    topic: 'Daļskaitļi — privāta piezīme',
    participants: [{ planId, measureId: fixture.measureId, studentId }],
  });
  expect(session.statusCode, session.body).toBe(201);
  // 12 + 10 unjustified lessons: past the legal-duty line of 20; the school informed the municipality.
  for (const [day, lessons] of [
    [cal.weekday(2), 12],
    [cal.weekday(2, 1), 10],
  ] as const) {
    const res = await k.post(`/api/students/${studentId}/attendance`, {
      onDate: day,
      lessons,
      reason: 'unjustified',
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const notice = await k.post(`/api/students/${studentId}/legal-duty`, {
    semesterId: cal.current.id,
    informedOn: cal.weekday(3),
  });
  expect(notice.statusCode, notice.body).toBe(201);
  const guardianId = (await k.get(`/api/students/${studentId}`)).json().guardians[0].id;
  const letter = await k.post(`/api/students/${studentId}/letters`, {
    kind: 'plan_summary',
    language: 'lv',
    guardianId,
    method: 'printed',
    planId,
  });
  expect(letter.statusCode, letter.body).toBe(201);
}, 120_000);

afterAll(() => {
  resetClock();
  return server.close();
});

describe('a student chronology', () => {
  it('merges risks, the legal-duty flag, plan transitions, the session and the letter, newest first', async () => {
    const { items, typesWithEntries, nextCursor } = await chronology('koord.s1');
    expect(nextCursor).toBeNull();
    expect(typesWithEntries).toEqual(['risk', 'flag', 'plan', 'session', 'letter']);
    const sorted = [...items].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    expect(items.map((e) => e.at)).toEqual(sorted.map((e) => e.at));
    const seen = events(items);
    for (const e of [
      'risk.found',
      'flag.legal_duty_crossed',
      'flag.legal_duty_informed',
      'plan.created',
      'plan.submitted',
      'plan.approved',
      'plan.approved_final',
      'plan.started',
      'session.unconfirmed',
      'letter.printed',
    ])
      expect(seen, e).toContain(e);
    expect(seen.filter((e) => e === 'plan.approved')).toHaveLength(2);
    const final = items.find((e) => e.event === 'plan.approved_final');
    expect(final?.params.level).toBe('expert');
    expect(final?.link).toEqual({ kind: 'plan', id: planId });
    const session = items.find((e) => e.type === 'session');
    expect(session?.params).toMatchObject({ minutes: 45, measure: 'subject', mode: 'in_person' });
    expect(session?.params.provider).toBeTruthy();
    // The provider's topic is not part of the chronology.
    expect(JSON.stringify(items)).not.toContain('privāta piezīme');
    const crossed = items.find((e) => e.event === 'flag.legal_duty_crossed');
    expect(crossed?.params.threshold).toBe(20);
    const family = items.find((e) => e.event === 'risk.found' && e.params.code === 'F01');
    expect(family?.text).toBe('Slepens ģimenes apstāklis');
  });

  it('filters by type and by dates; an unknown type or a broken cursor is a 400', async () => {
    const plans = await chronology('koord.s1', '?types=plan,session');
    expect(new Set(plans.items.map((e) => e.type))).toEqual(new Set(['plan', 'session']));
    const onlyFlags = await chronology('koord.s1', `?types=flag&from=${cal.weekday(3)}&to=${cal.weekday(3)}`);
    expect(events(onlyFlags.items)).toEqual(['flag.legal_duty_informed']);
    for (const q of [
      '?types=plan,outcomes',
      '?types=plan%00',
      `?from=${cal.today}&to=${cal.current.startsOn}`,
      '?cursor=xyz',
    ])
      expect((await c['koord.s1'].get(`/api/students/${studentId}/chronology${q}`)).statusCode, q).toBe(400);
  });

  it('a teacher sees what the student page shows the teacher: no letters, a family risk without its detail', async () => {
    const { items, typesWithEntries } = await chronology('skolotajs.s1');
    expect(typesWithEntries).not.toContain('letter');
    expect(events(items)).toContain('session.unconfirmed');
    const restricted = items.find((e) => e.event === 'risk.found_restricted');
    expect(restricted?.text).toBeNull();
    expect(restricted?.params.code).toBeNull();
    expect(JSON.stringify(items)).not.toContain('Slepens');
  });

  it("another school's coordinator, a partner and the auditor get a 404, audited as denied", async () => {
    for (const who of ['koord.s2', 'socdienests.ziemelu', 'auditors']) {
      for (const path of ['chronology', 'chronology.pdf']) {
        const res = await c[who].get(`/api/students/${studentId}/${path}`);
        expect(res.statusCode, `${who} ${path}`).toBe(404);
      }
    }
    const denied = await server.database.read((db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from audit_events where entity_id = ${studentId} and outcome = 'denied'`,
      ),
    );
    expect(denied[0].n).toBeGreaterThanOrEqual(6);
  });

  it('pages with a cursor when there are more entries than a page', async () => {
    const many = Array.from({ length: 450 }, (_, i) => ({
      id: `note:fake-${String(i).padStart(3, '0')}`,
      at: new Date(Date.parse(`${cal.current.startsOn}T12:00:00Z`) + i * 60_000).toISOString(),
      type: 'note' as const,
      event: 'note.observation',
      params: {},
      text: null,
      link: null,
    }));
    registerChronologySource('note', async () => many);
    try {
      const first = await chronology('koord.s1', '?types=note');
      expect(first.items).toHaveLength(200);
      const second = await chronology('koord.s1', `?types=note&cursor=${first.nextCursor}`);
      const third = await chronology('koord.s1', `?types=note&cursor=${second.nextCursor}`);
      expect(third.nextCursor).toBeNull();
      const ids = [...first.items, ...second.items, ...third.items].map((e) => e.id);
      expect(new Set(ids).size).toBe(450);
    } finally {
      unregisterChronologySource('note');
    }
  });
});

describe('sources registered through the port', () => {
  it('are held to the entry shape: ids prefixed and unique, odd params as null or text, other types dropped', async () => {
    registerChronologySource(
      'referral',
      async (): Promise<ChronologyEntry[]> => [
        {
          id: 7 as unknown as string,
          at: '2026-10-12T08:00:00+03:00',
          type: 'referral',
          event: 'referral.sent',
          params: {
            partnerName: 'Sociālais dienests',
            gone: undefined as unknown as null,
            flag: true as unknown as number,
          },
          text: null,
          link: { kind: 'referral', id: 'r1' },
        },
        {
          id: 'x',
          at: 'not a date',
          type: 'referral',
          event: 'referral.sent',
          params: {},
          text: null,
          link: null,
        },
        { id: 'y', at: cal.today, type: 'note', event: 'note.other', params: {}, text: null, link: null },
      ],
    );
    try {
      const { items } = await chronology('koord.s1', '?types=referral,note');
      expect(items).toEqual([
        {
          id: 'referral:7',
          at: '2026-10-12T05:00:00.000Z',
          type: 'referral',
          event: 'referral.sent',
          params: { partnerName: 'Sociālais dienests', gone: null, flag: 'true' },
          text: null,
          link: { kind: 'referral', id: 'r1' },
        },
      ]);
    } finally {
      unregisterChronologySource('referral');
    }
  });
});

describe('the chronology PDF', () => {
  it('prints the header, the entries in words and page numbers, and is audited', async () => {
    const res = await c['koord.s1'].get(
      `/api/students/${studentId}/chronology.pdf?types=plan,flag&language=lv`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(res.rawPayload)).replace(/\s+/g, ' ');
    for (const s of ['Skolēna hronoloģija', 'Laima Hronoloģe', 'Ziemeļu novada 1. vidusskola', 'Lapa 1 no'])
      expect(text, s).toContain(s);
    expect(text).toContain('apstiprināts, līmenis: eksperts');
    expect(text).toContain('skolai jāinformē pašvaldība');
    expect(text).not.toContain('Vēstule');
    const audit = await server.database.read((db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from audit_events where action = 'chronology.pdf' and entity_id = ${studentId}`,
      ),
    );
    expect(audit[0].n).toBe(1);
    const en = await pdfText(
      (await c['koord.s1'].get(`/api/students/${studentId}/chronology.pdf?language=en`)).rawPayload,
    );
    expect(en).toContain("Student's chronology");
    expect(en).toContain('Page 1 of');
  });

  it('a source registered through the port appears, and its redacted text stays out of the PDF', async () => {
    const secret = 'Ierobežota piezīme par ģimeni';
    registerChronologySource(
      'note',
      async (_tx, actor, id): Promise<ChronologyEntry[]> => [
        {
          id: 'note:visible',
          at: new Date(Date.parse(`${cal.today}T07:00:00Z`)).toISOString(),
          type: 'note',
          event: 'note.meeting',
          params: { by: `${actor.firstName} ${actor.lastName}`, student: id === studentId ? 1 : 0 },
          text: 'Sanāksmē vienojāmies par konsultācijām',
          link: null,
        },
        {
          id: 'note:restricted',
          at: new Date(Date.parse(`${cal.today}T07:30:00Z`)).toISOString(),
          type: 'note',
          event: 'note.conversation_guardian',
          params: { restricted: 1 },
          // The notes domain redacted the text of a note this reader may not read.
          text: actor.userId === 'nobody' ? secret : null,
          link: null,
        },
      ],
    );
    try {
      const { items, typesWithEntries } = await chronology('koord.s1', '?types=note');
      expect(typesWithEntries).toContain('note');
      expect(items.map((e) => e.id)).toEqual(['note:restricted', 'note:visible']);
      expect(items[1].params.student).toBe(1);
      expect(items[0].text).toBeNull();
      expect(items[1].params.student).toBe(1);
      const res = await c['koord.s1'].get(`/api/students/${studentId}/chronology.pdf?types=note`);
      const text = (await pdfText(res.rawPayload)).replace(/\s+/g, ' ');
      expect(text).toContain('Piezīme: saruna ar vecākiem');
      expect(text).toContain('Sanāksmē vienojāmies par konsultācijām');
      expect(text).toContain('Teksts ierobežots');
      expect(text).not.toContain(secret);
    } finally {
      unregisterChronologySource('note');
    }
  });
});
